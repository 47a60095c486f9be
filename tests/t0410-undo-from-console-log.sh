#!/bin/sh
test_description='an unattended (autofix) run prints its undo records on the console after its report, so a
saved serial log is enough to undo it after the RAM disk is gone: diskmedic undo takes the log as it is'
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup: autofix repairs two lab disks; its console output is kept, the undo directory is not' '
	"$DISKMEDIC_LAB" make hidden-sectors a.img --seed 4101 >/dev/null &&
	"$DISKMEDIC_LAB" make ntfs-backup-zeroed b.img --seed 4102 >/dev/null &&
	cp --sparse=always a.img a.orig && cp --sparse=always b.img b.orig &&
	"$DISKMEDIC" menu --mode autofix --bios none --action-file act --undo-dir ram a.img b.img </dev/null >console.out &&
	! cmp -s a.img a.orig && ! cmp -s b.img b.orig &&
	test "$(grep -c "^-----BEGIN DISKMEDIC UNDO RECORD" console.out)" = "$(ls ram/*.undo | wc -l)" &&
	test "$(ls ram/*.undo | wc -l)" -ge 2 &&
	rm -rf ram
'

# What a serial console makes of it: CRLF line ends, and a kernel message
# printed in the middle of a record.
test_expect_success 'the log as a serial console saves it (CRLF, a kernel line inside a record)' '
	awk "{ print } /^change / && !done { print \"[   42.123456] sd 0:0:0:0: [sda] Synchronizing SCSI cache\"; done = 1 }" \
		console.out | sed "s/\$/\r/" >serial.log &&
	grep -q "Synchronizing" serial.log
'

test_expect_success 'undo --target with the log restores each disk from its own records, and only those' '
	{ expect_exit 0 "$DISKMEDIC" undo --yes --undo-dir u1 --target a.img serial.log >out1 2>&1; rc=$?; } &&
	cat out1 && test $rc = 0 &&
	grep -q "a console log with 2 undo records" out1 && grep -q "made on another disk than a.img" out1 &&
	cmp a.img a.orig && ! cmp -s b.img b.orig
'

test_expect_success 'a log whose record was garbled in transit is refused, nothing written' '
	cp --sparse=always b.img b.before &&
	awk "/^fix ntfs-backup/ { f = 1 } f && /^change / { sub(/ [0-9a-f][0-9a-f]/, \" 5a\"); f = 0 } { print }" \
		serial.log >bad.log &&
	! cmp -s bad.log serial.log &&
	{ "$DISKMEDIC" undo --yes --undo-dir u2 --target b.img bad.log >out2 2>&1; rc=$?; } && cat out2 &&
	test $rc = 8 && same_image b.img b.before
'

test_expect_success 'the intact log restores the second disk too' '
	expect_exit 0 "$DISKMEDIC" undo --yes --undo-dir u3 --target b.img serial.log &&
	same_image b.img b.orig
'

test_done
