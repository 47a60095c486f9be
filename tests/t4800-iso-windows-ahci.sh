#!/bin/sh
test_description='the ISO with a moved Windows 8+ disk on AHCI whose storahci carries StartOverride: the controller
comes from sysfs (ahci), the menu reports windows-boot-driver-disabled and one key (with y) fixes it; autofix fixes
it too; a host-side scan --controller ahci then finds nothing, and the other files are intact'
. "$(dirname "$0")/lib.sh"
. "$SRCDIR/tests/lib-qemu.sh"
. "$SRCDIR/tests/lib-windows.sh"

why=$(windows_ready) || { test_skip "ISO Windows AHCI" "$why"; test_done; exit; }

START=$((WINDOWS_PART_START * 512))
AHCI="-device ahci,id=ahci"
# clean IMG: the host no longer finds a Windows boot-driver problem on AHCI, and every file is as built.
clean() {
	"$DISKMEDIC" scan --json --controller ahci "$1" >"$1.after.json"; rc=$?
	[ $rc = 0 ] || { echo "scan exit $rc"; return 1; }
	! codes "$1.after.json" | grep -q windows-boot-driver &&
	test "$(json_get "$1.after.json" "r[\"disks\"][0][\"partitions\"][0][\"windows\"][\"boot_drivers\"][\"ahci\"]")" = ready &&
	dd if="$1" of="$1.part" bs=1M skip=$((START / 1048576)) status=none &&
	grep -v " Windows/System32/config/SYSTEM$" w.img.files.sha256 | while read -r sum f; do
		[ "$(ntfscat "$1.part" "/$f" 2>/dev/null | sha256sum | cut -d" " -f1)" = "$sum" ] || { echo "$f differs"; exit 1; }
	done
}

test_expect_success 'the ISO is built' 'iso_ready'

test_expect_success 'a Windows 8+ disk with storahci disabled' '
	windows_disk win8-ahci-disabled w.img && cp w.img a.img && cp w.img m.img &&
	expect_exit 4 "$DISKMEDIC" scan --json --controller ahci w.img >before.json &&
	codes before.json | grep -qx windows-boot-driver-disabled
'

test_expect_success 'autofix on AHCI: the report names the controller from sysfs and the fix' '
	iso_boot vm bios "diskmedic.mode=autofix diskmedic.after=poweroff" \
		-drive file=a.img,format=raw,if=none,id=d0 $AHCI -device ide-hd,drive=d0,bus=ahci.0 &&
	qemu_report vm >report.json &&
	json_get report.json "[d[\"controller\"] for d in r[\"disks\"]]" >ctl && cat ctl &&
	grep -q "sysfs:ahci" ctl &&
	clean a.img
'

test_expect_success 'menu on AHCI: 1 opens the finding, y applies it, b reboots' '
	qemu_start vm2 -m 256 -cdrom "$ISO" -boot order=d \
		-drive file=m.img,format=raw,if=none,id=d0 $AHCI -device ide-hd,drive=d0,bus=ahci.0 &&
	test_when_finished "qemu_stop vm2" &&
	boot_bios_iso vm2 "diskmedic.mode=menu" &&
	qemu_expect vm2 "Keys: 1-9" 300 &&
	grep -a "\[1\] ERROR *windows-boot-driver-disabled" vm2/serial.log &&
	sleep 1 && qemu_send vm2 1 &&
	qemu_expect vm2 "Press y to apply this fix" 60 &&
	qemu_send vm2 y &&
	n=$(grep -ac "Keys: 1-9" vm2/serial.log) &&
	i=0 && while [ "$(grep -ac "Keys: 1-9" vm2/serial.log)" -le "$n" ] && [ $i -lt 600 ]; do sleep 0.2; i=$((i + 1)); done &&
	sleep 1 && qemu_send vm2 b &&
	qemu_expect vm2 "undo records are in RAM" 60 && qemu_send vm2 b &&
	qemu_wait vm2 120 &&
	clean m.img
'

test_done
