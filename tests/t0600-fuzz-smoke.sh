#!/bin/sh
test_description='fuzz smoke: every libFuzzer target runs briefly over the lab seeds without a crash'
. "$(dirname "$0")/lib.sh"

# Each target runs this long. In the suite, 4 s (10 targets, 2 cores in CI,
# other scripts running beside it): enough for every seed and the shallow
# crashes (the slowest target, scan, runs ~20 inputs a second over its 83
# seeds); `make fuzz` is the long run.
SECS=${FUZZ_SMOKE_SECONDS:-4}
FZ=$BUILD/fuzz

test_expect_success 'the fuzz targets and seed corpora build (make fuzz-build)' '
	{ make -s -C "$SRCDIR" fuzz-build >build.log 2>&1 || { tail -n 30 build.log; false; }; }
'

# run.sh must notice a crash, or every green run below means nothing.
test_expect_success 'run.sh fails, and keeps the input, when a target crashes' '
	mkdir -p canary/seeds/canary &&
	ln -sf "$FZ/fuzz_canary" canary/fuzz_canary &&
	printf CRASH-here >canary/seeds/canary/crash &&
	! sh "$SRCDIR/tests/fuzz/run.sh" canary 2 canary >canary.out 2>&1 &&
	grep "FAILED" canary.out &&
	ls canary/crashes/canary-crash-* >/dev/null
'

test_expect_success "every target runs ${SECS}s with no crash, leak, hang or broken invariant" '
	{ sh "$SRCDIR/tests/fuzz/run.sh" "$FZ" "$SECS" mbr gpt ntfs_bpb fat_bpb bootcode undo probe scan ntfs hive >smoke.out 2>&1; rc=$?; } &&
	cat smoke.out &&
	[ $rc = 0 ]
'

test_expect_success 'every target executed inputs' '
	for t in mbr gpt ntfs_bpb fat_bpb bootcode undo probe scan ntfs hive; do
		n=$(awk -v t=$t "\$1 == t { print \$2 }" smoke.out) &&
		echo "$t: $n" &&
		[ "${n:-0}" -gt 0 ] || return 1
	done
'

while read -r line; do test_info "fuzz: $line"; done <smoke.out
test_done
