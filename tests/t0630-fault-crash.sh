#!/bin/sh
test_description='fault injection: a crash right after the undo record is saved, or in the middle of any write, leaves a record from which undo restores the original bytes'
. "$(dirname "$0")/lib.sh"
. "$SRCDIR/tests/lib-reliability.sh"

# DM_FAULT_CRASH_AFTER_UNDO exits (98) before the first write of the first
# fix; DM_FAULT_PARTIAL=N writes half of the Nth write, then exits (99):
# what a power cut or a killed process leaves behind.
for k in $FIX_KINDS; do
	test_expect_success "$k: crash after the undo record, and mid-way through each write" '
		fault_prepare $k &&
		fault_case $k DM_FAULT_CRASH_AFTER_UNDO=1 &&
		for n in $(seq 1 $(cat $k.writes)); do
			fault_case $k DM_FAULT_PARTIAL=$n || exit 1
		done
	'
done

for k in $FIX_KINDS; do
	test_info "$(printf '%-24s writes %2s: %s' $k "$(cat $k.writes 2>/dev/null)" "$(outcome_summary $k)")"
done
test_done
