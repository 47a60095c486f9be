#!/bin/sh
# Run every tests/t*.sh (or the ones named) and add up their results.
#     sh tests/run.sh [-j N] [SCRIPT...]
# Scripts are independent (each works in its own $TRASH), so N of them run
# at once (default: the number of CPUs; DM_JOBS overrides). The slow ISO
# boots (t4*) start first so that they do not all end up at the tail. Each
# script's output is printed whole, in name order, with the seconds it took.
# Ends with the line "N passed, N failed[, N skipped]" that CI reads.
cd "$(dirname "$0")" || exit 1
jobs=${DM_JOBS:-$(nproc 2>/dev/null || echo 1)}
case ${1:-} in -j) jobs=${2:-}; shift 2 ;; -j*) jobs=${1#-j}; shift ;; esac
case $jobs in '' | *[!0-9]* | 0) echo "run.sh: -j wants a positive number" >&2; exit 16 ;; esac
[ $# -gt 0 ] || set -- t[0-9]*.sh
# A script may be named by its path (tests/t0250-bad-input.sh): they run from tests/.
for a; do shift; set -- "$@" "${a##*/}"; done
out=$(mktemp -d "${TMPDIR:-/tmp}/dm-run.XXXXXX") || exit 8
trap 'rm -rf "$out"' EXIT
trap 'exit 130' INT TERM

# One worker: the script's output, its exit status, its seconds.
cat >"$out/one.sh" <<-'EOF'
	t=$1 dir=$2
	s=$(date +%s)
	sh "$t" >"$dir/$t.out" 2>&1
	echo $? >"$dir/$t.rc.tmp"
	# The CPU it used (user + system, its children's): what the suite's
	# length on a small machine adds up from.
	times >"$dir/$t.times"
	cpu=$(sed -n 2p "$dir/$t.times" | tr -s "ms " "  " | awk '{ printf "%d", $1 * 60 + $2 + $3 * 60 + $4 }')
	echo "$(($(date +%s) - s)) s, ${cpu:-?} s CPU" >"$dir/$t.secs"
	mv "$dir/$t.rc.tmp" "$dir/$t.rc"
	EOF
# Slow ones first (the ISO boots), then the rest, each group in name order.
for t in "$@"; do case $t in t4*) echo "$t" ;; esac; done >"$out/order"
for t in "$@"; do case $t in t4*) ;; *) echo "$t" ;; esac; done >>"$out/order"
xargs -P "$jobs" -I{} sh "$out/one.sh" {} "$out" <"$out/order" &
runner=$!

pass=0 fail=0 skip=0 failed_scripts= total=$(date +%s)
for t in "$@"; do
	while [ ! -f "$out/$t.rc" ]; do
		kill -0 "$runner" 2>/dev/null || [ -f "$out/$t.rc" ] || break
		sleep 1
	done
	echo "*** $t ($(cat "$out/$t.secs" 2>/dev/null || echo '? s'))"
	cat "$out/$t.out" 2>/dev/null
	rc=$(cat "$out/$t.rc" 2>/dev/null || echo '?')
	sum=$(sed -n 's/^# passed=\([0-9]*\) failed=\([0-9]*\) skipped=\([0-9]*\)$/\1 \2 \3/p' "$out/$t.out" 2>/dev/null | tail -n 1)
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
wait "$runner" 2>/dev/null
echo "# $# scripts, $jobs at a time, $(($(date +%s) - total)) s"
[ -n "$failed_scripts" ] && echo "failed scripts:$failed_scripts"
line="$pass passed, $fail failed"
[ "$skip" = 0 ] || line="$line, $skip skipped"
echo "$line"
[ "$fail" = 0 ]
