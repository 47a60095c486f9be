#!/bin/sh
# make bench: print the project's figures. Benchmarks are not tests: nothing
# here passes or fails on a time; a missing piece is reported as such.
set -u
cd "$(dirname "$0")/.."
run() { # TITLE SCRIPT...
	echo "== $1"; shift
	if [ -e "$1" ]; then sh "$@" || echo "   ($1 exited $?)"; else echo "   (not available: $1)"; fi
}
echo "diskmedic bench, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores"
run "scan cost (host mode)" tests/bench/scan-cost.sh
if grep -q '^bench-iso:' iso/iso.mk 2>/dev/null; then echo "== ISO"; make -s bench-iso || echo "   (bench-iso failed)"; fi
run "NTFS checks vs ntfsfix -n (20 GiB volume)" tests/bench/ntfs-checks.sh
run "lost partition table: deep search vs dd and TestDisk" tests/bench/lost-table.sh
run "VM disk image: 40 GiB qcow2 via qemu-nbd vs raw" tests/bench/image-scan.sh
