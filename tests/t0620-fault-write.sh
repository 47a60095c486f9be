#!/bin/sh
test_description='fault injection: a write or an fsync that fails during a fix leaves each fix whole or undone, says so, and undo restores the original bytes'
. "$(dirname "$0")/lib.sh"
. "$SRCDIR/tests/lib-reliability.sh"

for k in $FIX_KINDS; do
	test_expect_success "$k: each write fails in turn, then fsync fails" '
		fault_prepare $k &&
		for n in $(seq 1 $(($(cat $k.writes) + 1))); do
			fault_case $k DM_FAULT_WRITE=$n || exit 1
		done &&
		fault_case $k DM_FAULT_SYNC=1
	'
done

for k in $FIX_KINDS; do
	test_info "$(printf '%-24s writes %2s: %s' $k "$(cat $k.writes 2>/dev/null)" "$(outcome_summary $k)")"
done
test_done
