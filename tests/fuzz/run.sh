#!/bin/sh
# run.sh FUZZ_DIR SECONDS TARGET...: run each FUZZ_DIR/fuzz_TARGET for
# SECONDS over its corpus (FUZZ_DIR/corpus/TARGET, grown across runs) and
# seeds (FUZZ_DIR/seeds/TARGET). Prints one line of figures per target, keeps
# them in FUZZ_DIR/stats.txt, and fails if any target crashed, leaked, timed
# out or broke an invariant; the input that did it is in FUZZ_DIR/crashes/.
set -u
FZ=$1 SECS=$2; shift 2
HERE=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$FZ/crashes" || exit 1
# The one known leak inside libntfs-3g (an error path of ntfs_device_mount);
# see docs/reliability.md. Every other leak fails the run.
LSAN_OPTIONS=suppressions=$HERE/../reliability/lsan.supp:print_suppressions=0
export LSAN_OPTIONS
failed= total=0
printf '%-10s %12s %10s %8s  %s\n' target execs execs/s corpus result | tee "$FZ/stats.txt"
for t in "$@"; do
	bin=$FZ/fuzz_$t log=$FZ/$t.log
	mkdir -p "$FZ/corpus/$t" "$FZ/seeds/$t"
	set --
	case $t in
	probe) set -- -max_len=65536 ;;	# sparse images (memdisk.h): a few sectors each
	scan | ntfs) set -- -max_len=131072 ;;	# the same, with $MFT, $MFTMirr, $LogFile, $AttrDef
	gpt) set -- -max_len=1024 ;;	# header and four entries: more only feeds the CRC (3x slower)
	undo) set -- -max_len=4096 ;;	# a few change lines; longer ones only repeat hex
	hive) set -- -max_len=65536 ;;	# the test SYSTEM hives are 16-20 KiB
	bootcode) set -- "-dict=$HERE/bootcode.dict" ;;
	esac
	# -timeout: one input may take 10 s at most (a hang is a bug);
	# -rss_limit_mb: the ISO's RAM floor is small, a scan must stay so.
	"$bin" "$@" -max_total_time="$SECS" -timeout=10 -rss_limit_mb=1024 -print_final_stats=1 \
		-artifact_prefix="$FZ/crashes/$t-" "$FZ/corpus/$t" "$FZ/seeds/$t" >"$log" 2>&1
	rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
	rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
	corpus=$(ls "$FZ/corpus/$t" | wc -l)
	result=ok
	if [ "$rc" != 0 ] || [ -z "$execs" ]; then
		result="FAILED (exit $rc, log $log)"
		failed="$failed $t"
	fi
	total=$((total + ${execs:-0}))
	printf '%-10s %12s %10s %8s  %s\n' "$t" "${execs:-?}" "${rate:-?}" "$corpus" "$result" | tee -a "$FZ/stats.txt"
	if [ "$result" != ok ]; then
		grep -E 'ERROR|SUMMARY|invariant|Test unit written|#0 |#1 |#2 |#3 ' "$log" | head -n 30
	fi
done
echo "total execs: $total" | tee -a "$FZ/stats.txt"
[ -z "$failed" ] || { echo "fuzz: failed:$failed" >&2; exit 1; }
