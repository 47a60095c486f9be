#!/bin/sh
test_description='an image file has one writer at a time: fix, undo and edit refuse (exit 8, no byte changed) while another holds its lock, from plan to write'
. "$(dirname "$0")/lib.sh"

# Hold disk.img's lock (flock(1), the same flock(2) lock diskmedic takes) while
# running CMD...; the lock is released when the braces end.
locked() { { flock -x 9 && "$@"; } 9<disk.img; }

test_expect_success 'setup: a hidden-sectors disk (a safe fix pending), and its fixed twin with an undo record' '
	"$DISKMEDIC_LAB" make hidden-sectors disk.img --seed 275 &&
	cp --sparse=always disk.img orig.img &&
	expect_exit 1 "$DISKMEDIC" fix --yes --undo-dir u0 disk.img &&
	set -- u0/*.undo && test $# = 1 && cp "$1" record.undo &&
	cp --sparse=always disk.img fixed.img &&
	cp --sparse=always orig.img disk.img
'

test_expect_success 'fix --yes while another holds the lock: exit 8, the file named, nothing written, no undo record' '
	locked expect_exit 8 "$DISKMEDIC" fix --yes --undo-dir u1 disk.img 2>err &&
	cat err && grep -q "disk.img: another program holds this image.s lock" err &&
	test "$(sha disk.img)" = "$(sha orig.img)" && ! ls u1/*.undo 2>/dev/null
'

test_expect_success 'undo while another holds the lock: exit 8, nothing restored' '
	cp --sparse=always fixed.img disk.img &&
	locked expect_exit 8 "$DISKMEDIC" undo --yes --undo-dir u2 record.undo 2>err &&
	cat err && grep -q "holds this image.s lock" err &&
	test "$(sha disk.img)" = "$(sha fixed.img)" && ! ls u2/*.undo 2>/dev/null
'

test_expect_success 'edit while another holds the lock: exit 8, nothing written' '
	locked expect_exit 8 "$DISKMEDIC" edit --yes --undo-dir u3 disk.img 446 00 2>err &&
	cat err && grep -q "holds this image.s lock" err &&
	test "$(sha disk.img)" = "$(sha fixed.img)"
'

test_expect_success 'scan and fix --dry-run only read: they still run while the lock is held' '
	cp --sparse=always orig.img disk.img &&
	locked expect_exit 4 "$DISKMEDIC" scan disk.img >out &&
	grep -q vbr-hidden-sectors-mismatch out &&
	locked expect_exit 4 "$DISKMEDIC" fix --dry-run disk.img &&
	test "$(sha disk.img)" = "$(sha orig.img)"
'

# The lock spans plan to write: a fix that has planned and waits at its
# confirmation prompt keeps every other writer out until it has written.
test_expect_success 'a fix stopped at its prompt (planned, not yet written) keeps a second fix and an undo out' '
	cp --sparse=always orig.img disk.img && mkfifo answer &&
	{ "$DISKMEDIC" fix --undo-dir u4 disk.img <answer >first.out 2>&1 & } &&
	first=$! &&
	test_when_finished "kill $first 2>/dev/null; wait $first; :" &&
	exec 8>answer &&
	i=0 &&
	while ! grep -q "Apply this change" first.out 2>/dev/null && test $i -lt 300; do sleep 0.1; i=$((i + 1)); done &&
	{
		grep -q "Apply this change" first.out &&
		expect_exit 8 "$DISKMEDIC" fix --yes --undo-dir u5 disk.img 2>err5 &&
		grep -q "holds this image.s lock" err5 &&
		expect_exit 8 "$DISKMEDIC" undo --yes --undo-dir u6 record.undo 2>err6 &&
		grep -q "holds this image.s lock" err6 &&
		test "$(sha disk.img)" = "$(sha orig.img)" &&
		! ls u5/*.undo u6/*.undo 2>/dev/null
		locked_out=$?
	} &&
	echo y >&8 && exec 8>&- &&
	{ wait $first; rc=$?; } &&
	cat first.out &&
	test $locked_out = 0 && test $rc = 1 && test "$(sha disk.img)" = "$(sha fixed.img)"
'

test_expect_success 'the lock ends with the command: a fix after it proceeds' '
	cp --sparse=always orig.img disk.img &&
	expect_exit 1 "$DISKMEDIC" fix --yes --undo-dir u7 disk.img &&
	test "$(sha disk.img)" = "$(sha fixed.img)"
'

test_done
