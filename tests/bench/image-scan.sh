#!/bin/sh
# VM disk images: the scan of a 40 GiB (sparse) NTFS disk as a qcow2, read
# through qemu-nbd (start-up included), beside the same scan of the raw
# image. Figures only; nothing here asserts a time. docs/images.md has the
# figures of one run and where the difference goes.
set -eu
SRCDIR=$(cd "$(dirname "$0")/../.." && pwd)
B=$SRCDIR/build/bench
mkdir -p "$B"
DM=$SRCDIR/build/diskmedic
command -v qemu-img >/dev/null && command -v qemu-nbd >/dev/null || { echo "   (qemu-utils not installed)"; exit 0; }
raw=$B/image-40g.img qcow=$B/image-40g.qcow2
[ -f "$raw" ] || "$SRCDIR/rescue/lab/diskmedic-lab" make clean "$raw" --size 40G --seed 1 >/dev/null
[ -f "$qcow" ] || qemu-img convert -f raw -O qcow2 "$raw" "$qcow"
N=20
ms() { # IMG: mean wall time of N scans, in ms (with one decimal)
	start=$(date +%s%N)
	n=0
	while [ $n -lt $N ]; do "$DM" scan --bios qemu "$1" >/dev/null || true; n=$((n + 1)); done
	echo $(( ($(date +%s%N) - start) / N / 100000 )) | sed 's/\(.\)$/.\1/'
}
# qemu-nbd alone: from exec to a listening socket, for the breakdown.
nbd_ms() {
	start=$(date +%s%N)
	n=0
	while [ $n -lt $N ]; do
		sock=$B/bench-nbd.sock
		rm -f "$sock"
		qemu-nbd --socket "$sock" --format=qcow2 --read-only "$qcow" >/dev/null 2>&1 &
		pid=$!
		while [ ! -S "$sock" ]; do sleep 0.001; done
		kill -9 $pid; wait $pid 2>/dev/null || true
		n=$((n + 1))
	done
	rm -f "$sock"
	echo $(( ($(date +%s%N) - start) / N / 100000 )) | sed 's/\(.\)$/.\1/'
}
r=$(ms "$raw") q=$(ms "$qcow") s=$(nbd_ms)
printf 'image scan  %-34s %7s ms/scan (mean of %d)\n' "raw, 40 GiB sparse" "$r" $N
printf 'image scan  %-34s %7s ms/scan (mean of %d)\n' "qcow2 via qemu-nbd, same disk" "$q" $N
printf 'image scan  %-34s %7s ms (mean of %d; exec to listening socket)\n' "of which qemu-nbd start-up" "$s" $N
echo "$r $q" | awk '{ if ($1 > 0) printf "image scan  qcow2 / raw                            %7.1fx\n", $2 / $1 }'
