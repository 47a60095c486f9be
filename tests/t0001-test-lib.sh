#!/bin/sh
test_description='tests/lib.sh itself can fail: a broken && chain, a failing test_when_finished, a wrong exit status and different files are "not ok"; a missing tool or prerequisite is "skip", never "ok"; the summary counts what ran'
. "$(dirname "$0")/lib.sh"

# run_lib NAME: run the script NAME.sh (written by the test) on lib.sh in a
# scratch directory of its own; its output in NAME.out, its status in NAME.rc.
# TRASH is set anew (the inner lib.sh empties its TRASH); DM_CHAINLINT is
# unset (the default is what is tested) unless INNER_CHAINLINT is given.
run_lib() {
	{
		echo "test_description='inner script $1'"
		echo ". \"$SRCDIR/tests/lib.sh\""
		cat "$1.body"
		echo "test_done"
	} >"$1.sh" &&
	{
		env -u DM_CHAINLINT ${INNER_CHAINLINT:+DM_CHAINLINT=$INNER_CHAINLINT} \
			TRASH="$TRASH/inner/$1" VERBOSE= sh "$1.sh" >"$1.out" 2>&1
		echo $? >"$1.rc"
	} &&
	cat "$1.out"
}

# summary NAME: the inner script's summary line.
summary() { grep "^# passed=" "$1.out"; }

test_expect_success 'a chained body that succeeds is ok, and the script exits 0' '
	cat >good.body <<-\EOF &&
	test_expect_success "chained" "
		true &&
		echo hello >greeting &&
		grep -q hello greeting
	"
	EOF
	run_lib good &&
	grep -qx "ok 1 - chained" good.out &&
	echo "# passed=1 failed=0 skipped=0" >want && summary good >got && test_cmp want got &&
	test "$(cat good.rc)" = 0
'

test_expect_success 'a broken && chain is not ok even though the body ends with success' '
	cat >chain.body <<-\EOF &&
	test_expect_success "broken chain" "
		false
		true
	"
	test_expect_success "broken chain in a status kept by hand" "
		false; rc=\$?
		test \$rc = 1
	"
	test_expect_success "a status kept on purpose" "
		{ false; rc=\$?; } &&
		test \$rc = 1
	"
	EOF
	run_lib chain &&
	grep -qx "not ok 1 - broken chain" chain.out &&
	grep -q "broken && chain" chain.out &&
	grep -qx "not ok 2 - broken chain in a status kept by hand" chain.out &&
	grep -qx "ok 3 - a status kept on purpose" chain.out &&
	echo "# passed=1 failed=2 skipped=0" >want && summary chain >got && test_cmp want got &&
	test "$(cat chain.rc)" != 0
'

test_expect_success 'the chain lint is what catches it: with DM_CHAINLINT=0 the same body passes' '
	cp chain.body nolint.body &&
	INNER_CHAINLINT=0 run_lib nolint &&
	grep -qx "ok 1 - broken chain" nolint.out
'

test_expect_success 'a failure in the middle of a chain fails the test, and its output is shown' '
	cat >mid.body <<-\EOF &&
	test_expect_success "middle" "
		echo before-the-failure &&
		false &&
		true
	"
	test_expect_success "a loop that fails on its second round" "
		for i in 1 2 3; do
			test \$i != 2 || return 1
		done
	"
	EOF
	run_lib mid &&
	grep -qx "not ok 1 - middle" mid.out &&
	grep -qx "#   before-the-failure" mid.out &&
	grep -qx "not ok 2 - a loop that fails on its second round" mid.out &&
	test "$(cat mid.rc)" != 0
'

test_expect_success 'test_when_finished runs after a passing and after a failing body, in its context' '
	cat >fin.body <<-\EOF &&
	test_expect_success "passes" "
		name=from-the-body &&
		test_when_finished \"echo \\\$name >cleaned-after-pass\" &&
		test ! -e cleaned-after-pass
	"
	test_expect_success "fails" "
		test_when_finished \"touch cleaned-after-fail\" &&
		false
	"
	test_expect_success "exits" "
		test_when_finished \"touch cleaned-after-exit\" &&
		exit 3
	"
	test_expect_success "newest first, all of them" "
		test_when_finished \"echo first >>order\" &&
		test_when_finished \"echo second >>order\"
	"
	EOF
	run_lib fin &&
	grep -qx "ok 1 - passes" fin.out &&
	grep -qx "not ok 2 - fails" fin.out &&
	grep -qx "not ok 3 - exits" fin.out &&
	grep -qx "ok 4 - newest first, all of them" fin.out &&
	echo from-the-body >want && test_cmp want inner/fin/cleaned-after-pass &&
	test -e inner/fin/cleaned-after-fail &&
	test -e inner/fin/cleaned-after-exit &&
	printf "second\nfirst\n" >want && test_cmp want inner/fin/order
'

test_expect_success 'a failing test_when_finished fails a test whose body passed; later ones still run' '
	cat >finfail.body <<-\EOF &&
	test_expect_success "cleanup fails" "
		test_when_finished \"touch ran-anyway\" &&
		test_when_finished \"false\" &&
		true
	"
	test_expect_success "outside a body it is an error" "true"
	test_when_finished "true" || echo "refused outside a body"
	EOF
	run_lib finfail &&
	grep -qx "not ok 1 - cleanup fails" finfail.out &&
	test -e inner/finfail/ran-anyway &&
	grep -qx "ok 2 - outside a body it is an error" finfail.out &&
	grep -q "test_when_finished outside a test body" finfail.out &&
	grep -qx "refused outside a body" finfail.out &&
	echo "# passed=1 failed=1 skipped=0" >want && summary finfail >got && test_cmp want got
'

test_expect_success 'a missing tool or prerequisite is a skip naming it, never ok' '
	cat >skip.body <<-\EOF &&
	test_expect_success_with "sh dm-no-such-tool-0001" "needs a tool" "true"
	test_expect_success TOOL:dm-no-such-tool-0001 "needs a tool as a prerequisite" "true"
	test_expect_success TOOL:sh "has its tool" "true"
	test_set_prereq HAVE_IT
	test_lazy_prereq LAZY_NO "false"
	test_lazy_prereq LAZY_YES "echo ran >lazy-ran"
	test_expect_success HAVE_IT,LAZY_YES "both hold" "true"
	test_expect_success HAVE_IT,LAZY_NO "one fails" "true"
	test_expect_success !HAVE_IT "negated" "true"
	test_expect_success NEVER_SET "never set" "true"
	test_have_prereq LAZY_YES && test_have_prereq !LAZY_NO && echo "have: ok"
	EOF
	run_lib skip &&
	grep -qx "skip 1 - needs a tool (dm-no-such-tool-0001 is not installed)" skip.out &&
	grep -qx "skip 2 - needs a tool as a prerequisite (missing prerequisite TOOL:dm-no-such-tool-0001)" skip.out &&
	grep -qx "ok 3 - has its tool" skip.out &&
	grep -qx "ok 4 - both hold" skip.out &&
	grep -qx "skip 5 - one fails (missing prerequisite LAZY_NO)" skip.out &&
	grep -qx "skip 6 - negated (missing prerequisite !HAVE_IT)" skip.out &&
	grep -qx "skip 7 - never set (missing prerequisite NEVER_SET)" skip.out &&
	grep -qx "have: ok" skip.out &&
	! grep -q "^ok [1-2,5-7] " skip.out &&
	echo "# passed=2 failed=0 skipped=5" >want && summary skip >got && test_cmp want got &&
	test "$(cat skip.rc)" = 0
'

test_expect_success 'a prerequisite set by a setup body holds for the tests after it; a failed setup sets none' '
	cat >setup.body <<-\EOF &&
	test_expect_success "setup that works" "
		true &&
		test_set_prereq MADE
	"
	test_expect_success "setup that fails" "
		false &&
		test_set_prereq BROKEN
	"
	test_expect_success MADE "uses what the setup made" "true"
	test_expect_success BROKEN "uses what the failed setup did not make" "true"
	EOF
	run_lib setup &&
	grep -qx "ok 3 - uses what the setup made" setup.out &&
	grep -qx "skip 4 - uses what the failed setup did not make (missing prerequisite BROKEN)" setup.out &&
	echo "# passed=2 failed=1 skipped=1" >want && summary setup >got && test_cmp want got
'

test_expect_success 'test_cmp and expect_exit fail when they should' '
	cat >cmp.body <<-\EOF &&
	test_expect_success "different files" "
		echo a >a && echo b >b &&
		test_cmp a b
	"
	test_expect_success "equal files" "
		echo a >a && echo a >c &&
		test_cmp a c
	"
	test_expect_success "wrong exit status" "
		expect_exit 4 sh -c \"exit 1\"
	"
	test_expect_success "right exit status" "
		expect_exit 4 sh -c \"exit 4\"
	"
	EOF
	run_lib cmp &&
	grep -qx "not ok 1 - different files" cmp.out &&
	grep -qx "#   +b" cmp.out &&
	grep -qx "ok 2 - equal files" cmp.out &&
	grep -qx "not ok 3 - wrong exit status" cmp.out &&
	grep -q "expected exit 4, got 1" cmp.out &&
	grep -qx "ok 4 - right exit status" cmp.out &&
	echo "# passed=2 failed=2 skipped=0" >want && summary cmp >got && test_cmp want got
'

test_expect_success 'tests/run.sh adds the summaries up and fails when one script failed' '
	mkdir -p runner &&
	for n in good chain skip; do
		sed "s|^\\. .*lib.sh\"\$|TRASH=$TRASH/inner/run-$n; . \"$SRCDIR/tests/lib.sh\"|" $n.sh >runner/t900$n.sh || return 1
	done &&
	cp "$SRCDIR/tests/run.sh" runner/run.sh &&
	{ (cd runner && env -u DM_CHAINLINT sh run.sh -j 2 t900good.sh t900chain.sh t900skip.sh) >run.out 2>&1; rc=$?; } &&
	cat run.out &&
	test $rc != 0 &&
	test "$(tail -n 1 run.out)" = "4 passed, 2 failed, 5 skipped" &&
	grep -q "failed scripts: t900chain.sh" run.out
'

test_done
