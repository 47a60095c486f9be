#!/bin/sh
test_description='fault injection: a read that fails anywhere in a fix (scan, plan preview, the writer re-read and read-back, the rescan) never leaves a half-fixed disk, says so, and undo restores'
. "$(dirname "$0")/lib.sh"
. "$SRCDIR/tests/lib-reliability.sh"

# Which reads to fail, from the fault-free run's R reads, B of them before
# the first write: the first, one in the scan, the seven around the writer
# (preview, identity, undo evidence, re-read, read-back; the re-read is the
# last before the write), one in the rescan, and one past the end (nothing
# fails).
read_points() {
	R=$(cat "$1.reads") B=$(cat "$1.before")
	{ echo 1; echo $((B / 2)); seq $((B - 4)) $((B + 2)); echo $(((B + R) / 2)); echo $((R + 1)); } |
		awk -v r="$R" '$1 >= 1 && $1 <= r + 1' | sort -n | uniq
}

for k in $FIX_KINDS; do
	test_expect_success "$k: every sampled failing read" '
		fault_prepare $k &&
		for n in $(read_points $k); do
			fault_case $k DM_FAULT_READ=$n || exit 1
		done
	'
done

for k in $FIX_KINDS; do
	test_info "$(printf '%-24s reads %4s: %s' $k "$(cat $k.reads 2>/dev/null)" "$(outcome_summary $k)")"
done
test_done
