#!/bin/sh
test_description='keys typed on the serial line reach the rescue shell and the menu through /init'"'"'s pty; the shell has busybox, diskmedic and ntfsprogs; leaving it returns to the menu, whose p powers off'
. "$(dirname "$0")/lib.sh"
. "$SRCDIR/tests/lib-qemu.sh"

test_expect_success 'the ISO is built' 'iso_ready'

test_expect_success 'a clean disk' '
	"$DISKMEDIC_LAB" make clean a.img --seed 4501 >/dev/null
'

test_expect_success 'report, then the shell; commands typed over serial run' '
	qemu_start vm -m 256 -cdrom "$ISO" -boot order=d \
		-drive file=a.img,format=raw,if=virtio &&
	test_when_finished "qemu_stop vm" &&
	boot_bios_iso vm "diskmedic.mode=report diskmedic.after=shell" &&
	qemu_expect vm "Type exit to return to the menu" 300 &&
	sleep 1 &&
	qemu_send vm "echo \$((6 * 7))-from-shell\r" &&
	qemu_expect vm "^42-from-shell" 60 &&
	qemu_send vm "diskmedic scan --bios none /dev/vda >/dev/null; echo scan-status-\$?\r" &&
	qemu_expect vm "^scan-status-0" 120 &&
	qemu_send vm "ls /bin/ntfsfix /bin/sh /lib/modules/*/modules.alias >/dev/null && echo tools-ok\r" &&
	qemu_expect vm "^tools-ok" 60 &&
	qemu_send vm "exit\r" &&
	qemu_expect vm "Keys: 1-9" 120 &&
	sleep 1 &&
	qemu_send vm p &&
	qemu_wait vm 120
'

test_expect_success 'the kernel went down by power off, not a panic' '
	tr -d "\r" <vm/serial.log >serial.txt &&
	! grep -q "Kernel panic" serial.txt &&
	grep -q "reboot: Power down" serial.txt
'

test_done
