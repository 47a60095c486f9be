#!/bin/sh
# Scan cost: wall time and instructions (callgrind, repeatable) of a host-mode
# scan of lab images. Figures only; nothing here asserts a time.
set -eu
SRCDIR=$(cd "$(dirname "$0")/../.." && pwd)
B=$SRCDIR/build/bench
mkdir -p "$B"
DM=$SRCDIR/build/diskmedic
for kind in clean geometry-255 gpt-primary-zeroed; do
	img=$B/scan-$kind.img
	[ -f "$img" ] || "$SRCDIR/rescue/lab/diskmedic-lab" make "$kind" "$img" --seed 1 >/dev/null
	start=$(date +%s%N)
	n=0
	while [ $n -lt 20 ]; do "$DM" scan --bios qemu "$img" >/dev/null || true; n=$((n + 1)); done
	ms=$(( ($(date +%s%N) - start) / 20000000 ))
	ins=-
	if command -v valgrind >/dev/null; then
		valgrind --tool=callgrind --callgrind-out-file="$B/cg.out" "$DM" scan --bios qemu "$img" >/dev/null 2>"$B/cg.err" || true
		ins=$(sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$B/cg.err" | head -n 1)
	fi
	printf 'scan cost  %-22s %6s ms/scan (mean of 20)  %12s instructions\n' "$kind" "$ms" "${ins:-?}"
done
