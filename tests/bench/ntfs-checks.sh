#!/bin/sh
# NTFS check cost: diskmedic's scan of a disk holding a 20 GiB NTFS volume,
# against Debian's `ntfsfix -n` on the same volume (as a partition file, since
# ntfsfix has no offset option). Figures only.
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
# Each run is a few milliseconds, so whole-millisecond medians of a handful
# of runs say little: 51 runs of each, interleaved (so drift on a shared
# machine hits both alike), timed in microseconds; the medians are compared.
us() { s=$(date +%s%N); "$@" >/dev/null 2>&1 || true; echo $(( ($(date +%s%N) - s) / 1000 )); }
: >"$B/ntfs-dm.us"
: >"$B/ntfs-nf.us"
for i in $(seq 51); do
	us "$DM" scan "$disk" >>"$B/ntfs-dm.us"
	us ntfsfix -n "$part" >>"$B/ntfs-nf.us"
done
median() { sort -n "$1" | sed -n 26p; }
dm=$(median "$B/ntfs-dm.us") nf=$(median "$B/ntfs-nf.us")
awk -v a="$dm" -v b="$nf" 'BEGIN {
	printf "ntfs checks   diskmedic scan (whole disk, all checks): %.2f ms   ntfsfix -n (volume): %.2f ms (medians of 51)\n", a / 1000, b / 1000
	if (b > 0) printf "ntfs checks   ratio diskmedic/ntfsfix = %.2f (goal: <= 1.0)\n", a / b }'
