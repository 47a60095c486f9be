#!/bin/sh
# Run every tests/t*.sh (or the ones named) and add up their results.
# Ends with the line "N passed, N failed[, N skipped]" that CI reads.
cd "$(dirname "$0")" || exit 1
[ $# -gt 0 ] || set -- t[0-9]*.sh
pass=0 fail=0 skip=0 failed_scripts=
for t in "$@"; do
	echo "*** $t"
	out=$(sh "$t" 2>&1); rc=$?
	printf '%s\n' "$out"
	sum=$(printf '%s\n' "$out" | sed -n 's/^# passed=\([0-9]*\) failed=\([0-9]*\) skipped=\([0-9]*\)$/\1 \2 \3/p' | tail -n 1)
	if [ -z "$sum" ]; then
		# A script that died before test_done counts as one failure.
		echo "not ok - $t ended without a summary (exit $rc)"
		fail=$((fail + 1)); failed_scripts="$failed_scripts $t"
		continue
	fi
	read -r p f s <<-EOS
	$sum
	EOS
	pass=$((pass + p)); fail=$((fail + f)); skip=$((skip + s))
	[ "$f" = 0 ] || failed_scripts="$failed_scripts $t"
done
[ -n "$failed_scripts" ] && echo "failed scripts:$failed_scripts"
line="$pass passed, $fail failed"
[ "$skip" = 0 ] || line="$line, $skip skipped"
echo "$line"
[ "$fail" = 0 ]
