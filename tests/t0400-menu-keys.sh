#!/bin/sh
test_description='diskmedic menu on a dumb terminal: single keys open, apply, rescan and choose the next step'
. "$(dirname "$0")/lib.sh"

# problems FILE: finding codes that count as problems (errors and warnings).
problems() { json_get "$1" "'\\n'.join(sorted(f['code'] for d in r['disks'] for f in d['findings'] if f['severity'] != 'info'))"; }

test_expect_success 'setup: the seed disk and a copy' '
	"$DISKMEDIC_LAB" make geometry-255 $TRASH/disk.img --seed 3 >/dev/null &&
	cp --sparse=always disk.img orig.img
'

test_expect_success 'report mode prints the JSON between the markers and writes the --after word' '
	$DISKMEDIC menu --mode report --after poweroff --bios qemu --action-file act \
		--undo-dir undo disk.img </dev/null >out &&
	sed -n "/^-----BEGIN DISKMEDIC REPORT-----$/,/^-----END DISKMEDIC REPORT-----$/p" out |
		sed "1d;\$d" >r.json &&
	codes r.json | grep -qx vbr-geometry-mismatch &&
	test "$(cat act)" = poweroff &&
	same_image disk.img orig.img
'

test_expect_success 'menu: 1 opens the finding with its hex preview, y applies it, b (twice: records unsaved) reboots' '
	printf "1ybb" | $DISKMEDIC menu --bios qemu --action-file act --undo-dir undo disk.img >out &&
	grep -q "vbr-geometry-mismatch" out &&
	grep -q "before:" out && grep -q "after:" out &&
	grep -q "applied and verified" out &&
	grep -q "undo records are in RAM" out &&
	test "$(cat act)" = reboot &&
	test "$(bytes disk.img $((2048 * 512 + 0x1A)) 2)" = 8000 &&
	ls undo/*.undo
'

test_expect_success 'after the fix the menu rescans and shows no problem' '
	printf "p" | $DISKMEDIC menu --bios qemu --action-file act disk.img >out &&
	grep -q "no problems found" out && test "$(cat act)" = poweroff
'

test_expect_success 'any other key after opening a finding writes nothing' '
	cp --sparse=always orig.img two.img &&
	printf "1nh" | $DISKMEDIC menu --bios qemu --action-file act --undo-dir undo2 two.img >out &&
	same_image two.img orig.img && test "$(cat act)" = harddisk && test ! -e undo2
'

test_expect_success 'w saves the undo records and both reports; then b reboots at once' '
	printf "wb" | $DISKMEDIC menu --bios qemu --action-file act --undo-dir undo --save-dir saved disk.img >out &&
	grep -q "saved 1 undo record" out &&
	ls saved/diskmedic-*/*.undo && test -s saved/diskmedic-*/report.txt &&
	python3 -m json.tool saved/diskmedic-*/report.json >/dev/null &&
	cmp undo/*.undo saved/diskmedic-*/*.undo &&
	test "$(cat act)" = reboot
'

test_expect_success 'a applies all safe fixes; s chooses the shell' '
	printf "as" | $DISKMEDIC menu --bios qemu --action-file act --undo-dir undo3 two.img >out &&
	test "$(bytes two.img $((2048 * 512 + 0x1A)) 2)" = 8000 && test "$(cat act)" = shell
'

test_expect_success 'autofix mode fixes, reports, and defaults to reboot' '
	cp --sparse=always orig.img three.img &&
	$DISKMEDIC menu --mode autofix --bios qemu --action-file act --undo-dir undo4 three.img </dev/null >out &&
	test "$(cat act)" = reboot &&
	sed -n "/^-----BEGIN DISKMEDIC REPORT-----$/,/^-----END DISKMEDIC REPORT-----$/p" out | sed "1d;\$d" >r.json &&
	test -z "$(problems r.json)" && codes r.json | grep -qx mbr-chs-inconsistent
'

test_expect_success 'end of input on the console: the menu exits and asks /init for the menu again' '
	$DISKMEDIC menu --bios qemu --action-file act disk.img </dev/null >out &&
	test "$(cat act)" = menu
'

test_done
