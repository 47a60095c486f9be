#!/bin/sh
# NTFS check cost: diskmedic's scan of a disk holding a 20 GiB NTFS volume,
# against Debian's `ntfsfix -n` on the same volume (as a partition file, since
# ntfsfix has no offset option). Figures only; medians of 5 runs.
set -eu
SRCDIR=$(cd "$(dirname "$0")/../.." && pwd)
B=$SRCDIR/build/bench
mkdir -p "$B"
DM=$SRCDIR/build/diskmedic
PATH=$PATH:/usr/sbin:/sbin
part=$B/ntfs20g.part disk=$B/ntfs20g.img
size=$((20 * 1024 * 1024 * 1024))
if [ ! -f "$disk" ]; then
	rm -f "$part"
	truncate -s "$size" "$part"
	mkntfs -q -F -Q -T -p 2048 -L bench "$part" >/dev/null 2>&1
	truncate -s $((size + 2 * 1024 * 1024)) "$disk"
	printf 'label: dos\nstart=2048, size=%d, type=7\n' $((size / 512)) | sfdisk -q "$disk"
	# conv=sparse keeps the image sparse; the holes read back quickly.
	dd if="$part" of="$disk" bs=4M seek=1M oflag=seek_bytes conv=sparse,notrunc status=none
fi
median() { sort -n | sed -n 3p; }
ms() { s=$(date +%s%N); "$@" >/dev/null 2>&1 || true; echo $(( ($(date +%s%N) - s) / 1000000 )); }
dm=$(for i in 1 2 3 4 5; do ms "$DM" scan "$disk"; done | median)
nf=$(for i in 1 2 3 4 5; do ms ntfsfix -n "$part"; done | median)
echo "ntfs checks   diskmedic scan (whole disk, all checks): ${dm} ms   ntfsfix -n (volume): ${nf} ms"
awk -v a="$dm" -v b="$nf" 'BEGIN { if (b > 0) printf "ntfs checks   ratio diskmedic/ntfsfix = %.2f (goal: <= 1.0)\n", a / b }'
