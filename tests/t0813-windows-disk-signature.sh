#!/bin/sh
test_description='the MBR disk signature and Windows MountedDevices: a disk whose signature no longer matches what
its installation recorded gets windows-disk-signature-mismatch (info) with the 4-byte fix behind --only; a lost MBR
table is rebuilt with the signature from MountedDevices, and the preview says so'
. "$(dirname "$0")/lib.sh"
. "$SRCDIR/tests/lib-windows.sh"

why=$(windows_ready) || { test_skip "Windows disk signature" "$why"; test_done; exit; }

sig() { bytes "$1" 440 4; }

test_expect_success 'a Windows disk whose MountedDevices names its signature: nothing raised' '
	windows_disk win8-clean w.img &&
	test "$(sig w.img)" = dec0150d &&
	expect_exit 0 "$DISKMEDIC" scan --json w.img >s.json &&
	! codes s.json | grep -q windows-disk-signature
'

test_expect_success 'signature zeroed: info finding, not applied by fix --yes, applied with --only' '
	cp w.img z.img && printf "\000\000\000\000" | dd of=z.img bs=1 seek=440 conv=notrunc status=none &&
	expect_exit 0 "$DISKMEDIC" scan --json z.img >z.json &&
	codes z.json | grep -qx windows-disk-signature-mismatch &&
	test "$(json_get z.json "[f[\"severity\"] for f in r[\"disks\"][0][\"findings\"] if f[\"code\"]==\"windows-disk-signature-mismatch\"][0]")" = info &&
	cp z.img z0.img &&
	expect_exit 0 "$DISKMEDIC" fix --yes --undo-dir u z.img >out && cmp z.img z0.img &&
	expect_exit 1 "$DISKMEDIC" fix --yes --only windows-disk-signature-mismatch --undo-dir u z.img >out &&
	cmp z.img w.img
'

test_expect_success 'a lost table is rebuilt with the signature from MountedDevices' '
	cp w.img l.img && dd if=/dev/zero of=l.img bs=512 count=1 conv=notrunc status=none &&
	expect_exit 4 "$DISKMEDIC" scan l.img >l.txt &&
	grep -q "Disk signature 0d15c0de (now 00000000)" l.txt &&
	{ "$DISKMEDIC" fix --yes --undo-dir ul l.img >out; rc=$?; } && cat out && test $rc = 1 &&
	grep -q "MBR disk signature (from Windows" out &&
	test "$(sig l.img)" = dec0150d &&
	expect_exit 0 "$DISKMEDIC" scan --json l.img >r.json &&
	! codes r.json | grep -q windows-disk-signature &&
	test "$(json_get r.json "r[\"disks\"][0][\"partitions\"][0][\"start_lba\"]")" = 2048
'

test_done
