#!/bin/sh
test_description='Windows boot storage drivers: the boot_drivers table, --controller, windows-boot-driver-disabled
and its registry fix (exactly the intended values change: hivexregedit --export before/after; every other file
byte-identical; rescan clean; undo byte-exact), Windows 7 Start 3->0 only, a missing driver and a dirty hive
write nothing'
. "$(dirname "$0")/lib.sh"
. "$SRCDIR/tests/lib-windows.sh"

why=$(windows_ready) || { test_skip "Windows boot drivers" "$why"; test_done; exit; }
command -v hivexregedit >/dev/null || { test_skip "Windows boot drivers" "hivexregedit is not installed"; test_done; exit; }

START=$((WINDOWS_PART_START * 512))
# part IMG: the NTFS partition cut out (ntfscat reads it without a mount).
part() { dd if="$1" of="$1.part" bs=1M skip=$((START / 1048576)) status=none; }
# reg IMG OUT: the SYSTEM hive of IMG, exported by hivexregedit.
reg() {
	part "$1" && ntfscat "$1.part" /Windows/System32/config/SYSTEM >"$2.SYSTEM" 2>/dev/null &&
		hivexregedit --export "$2.SYSTEM" '\' >"$2"
}
# files IMG: sha256 of every file of the volume but the SYSTEM hive, like IMG.files.sha256 (the builder's).
files_same() {
	part "$1" &&
	grep -v ' Windows/System32/config/SYSTEM$' "$2" | while read -r sum f; do
		[ "$(ntfscat "$1.part" "/$f" 2>/dev/null | sha256sum | cut -d" " -f1)" = "$sum" ] ||
			{ echo "$f differs"; exit 1; }
	done
}
wj() { json_get "$1" "$2"; }

test_expect_success 'build the test disks' '
	for k in win8-ide-disabled win7-ahci-disabled win8-virtio-missing win8-dirty win8-ide-disabled-cs2 \
		win8-ide-nodriverfile win8-clean; do
		windows_disk $k $k.img || exit 1
	done
'

test_expect_success 'an image with no --controller: the table is reported, nothing raised' '
	expect_exit 0 "$DISKMEDIC" scan --json win8-ide-disabled.img >s.json &&
	test "$(wj s.json "r[\"disks\"][0][\"controller\"]")" = None &&
	test "$(wj s.json "r[\"disks\"][0][\"partitions\"][0][\"windows\"][\"boot_drivers\"][\"ide\"]")" = disabled &&
	test "$(wj s.json "r[\"disks\"][0][\"partitions\"][0][\"windows\"][\"boot_drivers\"][\"ahci\"]")" = ready &&
	test "$(wj s.json "r[\"disks\"][0][\"partitions\"][0][\"windows\"][\"current_control_set\"]")" = ControlSet001 &&
	test "$(wj s.json "r[\"disks\"][0][\"partitions\"][0][\"windows\"][\"version\"]")" != None &&
	test "$(wj s.json "r[\"disks\"][0][\"partitions\"][0][\"windows\"][\"hive_dirty\"]")" = False &&
	test "$(wj s.json "r[\"libhivex\"]")" = "$(cat "$BUILD/hivex-host/VERSION")" &&
	! codes s.json | grep -q windows
'

test_expect_success 'scan --controller ide finds windows-boot-driver-disabled, with a safe fix' '
	expect_exit 4 "$DISKMEDIC" scan --json --controller ide win8-ide-disabled.img >s.json &&
	codes s.json | grep -qx windows-boot-driver-disabled &&
	test "$(wj s.json "[f[\"fixes\"][0][\"safe\"] for f in r[\"disks\"][0][\"findings\"] if f[\"code\"]==\"windows-boot-driver-disabled\"][0]")" = True &&
	expect_exit 4 "$DISKMEDIC" scan --controller ide win8-ide-disabled.img >s.txt &&
	grep -q "intelide\\\\StartOverride: value \"0\" REG_DWORD 3 -> deleted" s.txt &&
	grep -q "atapi\\\\StartOverride: value \"0\" REG_DWORD 3 -> deleted" s.txt
'

test_expect_success 'a bad --controller name is an error (8)' '
	expect_exit 8 "$DISKMEDIC" scan --controller scsi win8-ide-disabled.img 2>err &&
	grep -q "controller" err
'

test_expect_success 'fix --yes --controller ide removes exactly the two overrides' '
	cp win8-ide-disabled.img t.img && reg t.img before.reg &&
	expect_exit 1 "$DISKMEDIC" fix --yes --controller ide --undo-dir u t.img >out 2>err &&
	cat out && reg t.img after.reg &&
	! diff -U3 before.reg after.reg >d && grep "^[-+][^-+]" d >changed && cat changed &&
	printf "%s\n" "-\"0\"=dword:00000003" "-\"0\"=dword:00000003" >want && test_cmp want changed &&
	grep -B3 "^-\"0\"" d | grep -q "intelide\\\\StartOverride" &&
	grep -B3 "^-\"0\"" d | grep -q "atapi\\\\StartOverride" &&
	hivexsh -f /dev/null after.reg.SYSTEM && hivexget after.reg.SYSTEM "\\Select" Current >/dev/null
'

test_expect_success 'every other file on the volume is byte-identical' '
	files_same t.img win8-ide-disabled.img.files.sha256
'

test_expect_success 'the rescan is clean and undo restores the image byte-exact' '
	expect_exit 0 "$DISKMEDIC" scan --json --controller ide t.img >r.json &&
	! codes r.json | grep -q windows &&
	test "$(wj r.json "r[\"disks\"][0][\"partitions\"][0][\"windows\"][\"boot_drivers\"][\"ide\"]")" = ready &&
	expect_exit 0 "$DISKMEDIC" undo --yes u/*.undo >uout &&
	cmp t.img win8-ide-disabled.img
'

test_expect_success 'Windows 7 to AHCI: msahci Start 3 -> 0 and nothing else' '
	cp win7-ahci-disabled.img t7.img && reg t7.img b7.reg &&
	test "$(wj /dev/stdin "r[\"disks\"][0][\"partitions\"][0][\"windows\"][\"version\"]" <<-EOF
	$("$DISKMEDIC" scan --json t7.img)
	EOF
	)" != None &&
	expect_exit 1 "$DISKMEDIC" fix --yes --controller ahci --undo-dir u7 t7.img >out &&
	reg t7.img a7.reg &&
	! diff -U10 b7.reg a7.reg >d7 && grep "^[-+][^-+]" d7 >changed && cat changed &&
	printf "%s\n" "-\"Start\"=dword:00000003" "+\"Start\"=dword:00000000" >want && test_cmp want changed &&
	grep -B8 "^-\"Start\"" d7 | grep -q "Services\\\\msahci\\]" &&
	files_same t7.img win7-ahci-disabled.img.files.sha256 &&
	expect_exit 0 "$DISKMEDIC" scan --controller ahci t7.img >/dev/null &&
	expect_exit 0 "$DISKMEDIC" undo --yes u7/*.undo >/dev/null && cmp t7.img win7-ahci-disabled.img
'

test_expect_success 'virtio-blk without viostor: windows-boot-driver-missing, no fix, nothing written' '
	expect_exit 4 "$DISKMEDIC" scan --json --controller virtio-blk win8-virtio-missing.img >m.json &&
	codes m.json | grep -qx windows-boot-driver-missing &&
	test "$(wj m.json "[len(f[\"fixes\"]) for f in r[\"disks\"][0][\"findings\"] if f[\"code\"]==\"windows-boot-driver-missing\"][0]")" = 0 &&
	expect_exit 4 "$DISKMEDIC" scan --controller virtio-blk win8-virtio-missing.img >m.txt && grep -q viostor m.txt &&
	cp win8-virtio-missing.img tm.img &&
	expect_exit 4 "$DISKMEDIC" fix --yes --controller virtio-blk --undo-dir um tm.img >out &&
	cmp tm.img win8-virtio-missing.img && ! ls um/*.undo 2>/dev/null
'

test_expect_success 'a dirty hive: windows-hive-dirty, no registry fix, fix --yes writes nothing' '
	expect_exit 4 "$DISKMEDIC" scan --json --controller ide win8-dirty.img >dj.json &&
	codes dj.json | grep -qx windows-hive-dirty &&
	test "$(wj dj.json "r[\"disks\"][0][\"partitions\"][0][\"windows\"][\"hive_dirty\"]")" = True &&
	test "$(wj dj.json "sum(len(f[\"fixes\"]) for f in r[\"disks\"][0][\"findings\"] if f[\"code\"].startswith(\"windows-\"))")" = 0 &&
	cp win8-dirty.img td.img &&
	expect_exit 4 "$DISKMEDIC" fix --yes --controller ide --undo-dir ud td.img >out &&
	expect_exit 4 "$DISKMEDIC" fix --yes --controller ide --only windows-boot-driver-disabled --undo-dir ud td.img >out &&
	cmp td.img win8-dirty.img && ! ls ud/*.undo 2>/dev/null
'

test_expect_success 'the current control set is Select\Current, not 001' '
	expect_exit 4 "$DISKMEDIC" scan --json --controller ide win8-ide-disabled-cs2.img >c2.json &&
	test "$(wj c2.json "r[\"disks\"][0][\"partitions\"][0][\"windows\"][\"current_control_set\"]")" = ControlSet002 &&
	codes c2.json | grep -qx windows-boot-driver-disabled &&
	cp win8-ide-disabled-cs2.img tc.img && reg tc.img bc.reg &&
	expect_exit 1 "$DISKMEDIC" fix --yes --controller ide --undo-dir uc tc.img >out && reg tc.img ac.reg &&
	! diff -U3 bc.reg ac.reg >dc && grep -B3 "^-\"0\"" dc | grep -o "^ \[.*\]" >keys && cat keys &&
	! grep -v "ControlSet002" keys
'

test_expect_success 'a driver whose file is missing counts as not installed (pciide is enabled instead of intelide)' '
	expect_exit 4 "$DISKMEDIC" scan --json --controller ide win8-ide-nodriverfile.img >nf.json &&
	test "$(wj nf.json "r[\"disks\"][0][\"partitions\"][0][\"windows\"][\"services\"][\"intelide\"][\"state\"]")" = not-installed &&
	cp win8-ide-nodriverfile.img tn.img && reg tn.img bn.reg &&
	expect_exit 1 "$DISKMEDIC" fix --yes --controller ide --undo-dir un tn.img >out && reg tn.img an.reg &&
	! diff -U3 bn.reg an.reg >dn && grep -B3 "^-\"0\"" dn | grep -o "^ \[.*\]" >keys && cat keys &&
	grep -q "pciide" keys && ! grep -q intelide keys
'

test_expect_success 'a clean installation on its own controller: nothing raised' '
	for c in ide ahci virtio-blk; do
		expect_exit 0 "$DISKMEDIC" scan --json --controller $c win8-clean.img >c.json &&
		! codes c.json | grep -q windows || return 1
	done
'

test_done
