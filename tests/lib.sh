# Shared helpers for diskmedic's shell tests, in the style of git's test suite.
#
# A test script:
#     test_description='what this script covers'
#     . "$(dirname "$0")/lib.sh"
#     test_expect_success 'title' '
#         commands that must all succeed
#     '
#     test_done
#
# Each script runs in its own scratch directory ($TRASH) and prints one
# "ok N - title" / "not ok N - title" / "skip N - title" line per test, then a
# summary line "# passed=N failed=N skipped=N" that tests/run.sh adds up.

set -u
SRCDIR=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-$SRCDIR/build}
# The tests run the sanitizer build (same sources, host gcc, ASan+UBSan and
# the fault hooks); t0010 checks the shipped static binary.
DISKMEDIC=${DISKMEDIC:-$BUILD/diskmedic-asan}
ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:abort_on_error=0:exitcode=86}
UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1:exitcode=86}
export ASAN_OPTIONS UBSAN_OPTIONS
# diskmedic-lab through the image cache (tests/lab-cached.sh): each image is
# built once per kind, options and lab sources. DM_LAB_REAL is the lab itself.
DM_LAB_REAL=${DM_LAB_REAL:-$SRCDIR/rescue/lab/diskmedic-lab}
DM_LAB_CACHE=${DM_LAB_CACHE:-$BUILD/labcache}
export DM_LAB_REAL DM_LAB_CACHE
DISKMEDIC_LAB=${DISKMEDIC_LAB:-$SRCDIR/tests/lab-cached.sh}
TEST_NAME=$(basename "$0" .sh)
TRASH=${TRASH:-$BUILD/trash/$TEST_NAME}
PATH=$PATH:/usr/sbin:/sbin
export SRCDIR BUILD DISKMEDIC TRASH PATH

rm -rf "$TRASH" && mkdir -p "$TRASH" && cd "$TRASH" || exit 1

# Debian's python3 (mk/deps.list), ahead of whatever else PATH offers: a
# version-manager shim (pyenv's is a bash script that runs pyenv) costs 0.2 s
# of CPU a call, six times the interpreter's own start, and the suite calls
# python3 thousands of times.  Children (the lab, helpers) inherit it.
if [ -x /usr/bin/python3 ] && [ "$(command -v python3)" != /usr/bin/python3 ]; then
	mkdir -p "$TRASH/.bin" && ln -s /usr/bin/python3 "$TRASH/.bin/python3" &&
		PATH=$TRASH/.bin:$PATH || exit 1
fi

_n=0 _pass=0 _fail=0 _skip=0
: "${test_description:=}"
[ -n "${VERBOSE:-}" ] && echo "# $TEST_NAME: $test_description"

# test_expect_success [PREREQ] TITLE BODY: BODY runs in a subshell with -e
# off; it passes when its last status is 0 and every test_when_finished
# command it registered succeeds. Output goes to $TRASH/log.N, shown on
# failure. PREREQ (comma-separated, "!NAME" negates): the test is a skip
# naming what is missing unless each holds (test_set_prereq,
# test_lazy_prereq).
test_expect_success() {
	if [ $# = 3 ]; then
		if ! _missing=$(_prereqs_missing "$1"); then
			test_skip "$2" "missing prerequisite$_missing"
			return 0
		fi
		shift
	fi
	_n=$((_n + 1))
	_log=$TRASH/log.$_n
	if ! chain_lint "$2"; then
		_fail=$((_fail + 1)); echo "not ok $_n - $1"
		echo "#   broken && chain: a command in this body can fail unnoticed (join with &&, or end a"
		echo "#   line with '|| return 1' in a loop; a status kept on purpose: '{ cmd; rc=\$?; } &&')"
		return 0
	fi
	if [ "${DM_CHAINLINT:-}" = only ] || _run_body "$2" >"$_log" 2>&1; then
		_pass=$((_pass + 1)); echo "ok $_n - $1"
		[ -n "${VERBOSE:-}" ] && sed 's/^/#   /' "$_log"
	else
		_fail=$((_fail + 1)); echo "not ok $_n - $1"
		sed 's/^/#   /' "$_log" | tail -n 60
	fi
	return 0
}

# _run_body BODY: BODY in a subshell, inside a function (so that "return 1"
# leaves it), then the commands it gave test_when_finished, newest first, in
# the same subshell (they see its variables). The EXIT trap runs them even
# when the body calls exit.
_run_body() {
	(
		_cleanup=: _in_body=1
		trap '_eval_ret=$?; _in_body=; eval "$_cleanup"; exit $_eval_ret' EXIT
		_eval_body "$1"
	)
}
_eval_body() { eval "$1"; }

# test_when_finished CMD: run CMD after the body, whether it passed or
# failed (git's semantics): kill a daemon, unmount, detach a loop device.
# CMD fails the test if it fails; every one runs even when another fails.
# Only inside a body (and chained: "test_when_finished ... &&").
test_when_finished() {
	if [ -z "${_in_body:-}" ]; then
		echo "bug in the test script: test_when_finished outside a test body" >&2
		return 1
	fi
	_cleanup="{ $*
	} && (exit \"\$_eval_ret\"); _eval_ret=\$?; $_cleanup"
}

# chain_lint BODY: every top-level command of BODY is joined by &&, so that
# any failure fails the test (git's t/ trick): prefixed with a command that
# fails with 117, a fully chained body runs nothing and ends with 117. A
# body that breaks the chain runs its tail, in a scratch directory where it
# finds nothing, and ends otherwise. On by default; DM_CHAINLINT=0 turns it
# off, for debugging one body by hand only (the runner and CI keep it on).
# DM_CHAINLINT=only checks the chains and runs no body (every linted body
# counts as passed): a whole script's chains in seconds.
chain_lint() {
	[ "${DM_CHAINLINT:-1}" = 0 ] && return 0
	mkdir -p "$TRASH/.chainlint" || return 1
	(cd "$TRASH/.chainlint" && eval "(exit 117) && $1") </dev/null >/dev/null 2>&1
	[ $? = 117 ]
}

# test_expect_failure is deliberately absent: a known bug is a failing test.

test_skip() {
	_n=$((_n + 1)); _skip=$((_skip + 1))
	echo "skip $_n - $1 ($2)"
}

# test_expect_success_with "TOOL..." TITLE BODY: the test, or a skip that
# names the missing tool (a test whose tool is missing never reports ok).
test_expect_success_with() {
	for _t in $1; do
		command -v "$_t" >/dev/null 2>&1 || { test_skip "$2" "$_t is not installed"; return 0; }
	done
	test_expect_success "$2" "$3"
}

# ---- prerequisites (git's test_set_prereq / test_have_prereq) ---------------
# A prerequisite is a name (upper case by convention) that a script sets when
# something a test needs is there: test_set_prereq NAME, or test_lazy_prereq
# NAME SCRIPT, whose SCRIPT runs once, when a test first asks, in a scratch
# directory; NAME holds when it exits 0. "TOOL:cmd" holds when cmd is on $PATH.
# A missing prerequisite makes a skip, never an ok.
# A body runs in a subshell: a prerequisite it sets (a setup test that
# worked) is written to $TRASH/.prereqs for the tests after it.
_prereq_set=" " _prereq_unset=" " _prereq_lazy=
test_set_prereq() {
	if [ -n "${_in_body:-}" ]; then
		echo "$1" >>"$TRASH/.prereqs"
	else
		_prereq_set="$_prereq_set$1 "
	fi
}
test_lazy_prereq() {
	_prereq_lazy="$_prereq_lazy $1"
	eval "_prereq_script_$1=\$2"
}

# test_have_prereq NAME[,NAME...]: each holds ("!NAME": does not hold).
test_have_prereq() { _prereqs_missing "$1" >/dev/null; }

# _prereqs_missing LIST: prints " NAME" for each that does not hold; fails if any.
_prereqs_missing() {
	_pm_ok=0
	for _p in $(echo "$1" | tr , ' '); do
		_neg=
		case $_p in !*) _neg=1 _p=${_p#!} ;; esac
		if _prereq_holds "$_p"; then
			[ -z "$_neg" ] && continue
		else
			[ -n "$_neg" ] && continue
		fi
		printf ' %s%s' "${_neg:+!}" "$_p"; _pm_ok=1
	done
	return $_pm_ok
}

_prereq_holds() {
	case $_prereq_set in *" $1 "*) return 0 ;; esac
	grep -qsxF "$1" "$TRASH/.prereqs" && return 0
	case $_prereq_unset in *" $1 "*) return 1 ;; esac
	case $1 in
	TOOL:*) command -v "${1#TOOL:}" >/dev/null 2>&1 && return 0 ;;
	*)
		case " $_prereq_lazy " in *" $1 "*) ;; *) return 1 ;; esac
		eval "_ps=\$_prereq_script_$1"
		mkdir -p "$TRASH/.prereq-$1" &&
			(cd "$TRASH/.prereq-$1" && eval "$_ps") >"$TRASH/.prereq-$1.log" 2>&1 &&
			{ test_set_prereq "$1"; return 0; }
		;;
	esac
	_prereq_unset="$_prereq_unset$1 "
	return 1
}

# Set by a test's body to publish figures or tables into the run's output.
test_info() { echo "# $*"; }

test_done() {
	echo "# passed=$_pass failed=$_fail skipped=$_skip"
	[ "$_fail" = 0 ]
}

# ---- helpers shared by the tests --------------------------------------------

# expect_exit N CMD...: run CMD, fail unless its exit status is N.
expect_exit() {
	_want=$1; shift
	"$@"; _got=$?
	if [ "$_got" != "$_want" ]; then
		echo "expected exit $_want, got $_got: $*" >&2
		return 1
	fi
}

# sha IMG: a digest of IMG's bytes. Sparse-aware (tests/reliability/imgsum.py:
# sha256 over the size and the non-zero 4 KiB blocks, holes skipped): equal
# exactly when the bytes are, and 0.2 s instead of 8 s for a 2 GiB lab image.
sha() { python3 "$SRCDIR/tests/reliability/imgsum.py" "$1"; }

# same_image A B: the two images hold the same bytes (cmp, without reading holes).
same_image() { test "$(sha "$1")" = "$(sha "$2")"; }

# sha_record IMG... >FILE, then sha_check FILE: sha256sum and sha256sum -c
# for disk images, through sha (a 2 GiB sparse image: 0.2 s, not 8 s).
sha_record() { for _f; do _s=$(sha "$_f") || return 1; echo "$_s  $_f"; done; }
sha_check() {
	while read -r _s _f; do
		[ "$(sha "$_f")" = "$_s" ] || { echo "$_f: changed" >&2; return 1; }
	done <"$1"
}

# test_cmp EXPECTED ACTUAL: equal files, or a unified diff of them and failure.
test_cmp() { diff -u "$1" "$2"; }

# json_get FILE EXPR: evaluate a Python expression over the parsed JSON (as r).
json_get() { python3 -c "import json,sys; r=json.load(open(sys.argv[1])); print($2)" "$1"; }

# codes FILE: the finding codes of a JSON report, one per line, sorted.
codes() { json_get "$1" "'\n'.join(sorted(f['code'] for d in r['disks'] for f in d['findings']))"; }

# bytes IMG OFFSET LEN: hex of LEN bytes at OFFSET.
bytes() { dd if="$1" bs=1 skip="$2" count="$3" status=none | xxd -p | tr -d '\n'; }
