#!/bin/sh
test_description='a USB stick plugged in after boot (to save reports on) gets its driver: /init keeps coldplugging while the menu or shell runs'
. "$(dirname "$0")/lib.sh"
. "$SRCDIR/tests/lib-qemu.sh"

test_expect_success 'the ISO is built' 'iso_ready'

test_expect_success 'a disk, and a stick with a FAT file system' '
	"$DISKMEDIC_LAB" make clean a.img --seed 4311 >/dev/null &&
	truncate -s 64M stick.img && mkfs.vfat -n STICK stick.img >/dev/null
'

test_expect_success 'boot to the shell, plug the stick in, it shows up as a disk and mounts' '
	qemu_start vm -m 256 -cdrom "$ISO" -boot order=d -device qemu-xhci,id=xhci \
		-drive file=a.img,format=raw,if=virtio &&
	test_when_finished "qemu_stop vm" &&
	boot_bios_iso vm "diskmedic.mode=report diskmedic.after=shell" &&
	qemu_expect vm "Type exit to return to the menu" 300 &&
	! grep -aq usb-storage vm/serial.log &&
	qemu_monitor vm "drive_add 0 if=none,id=stick,file=$TRASH/stick.img,format=raw" &&
	qemu_monitor vm "device_add usb-storage,bus=xhci.0,drive=stick,id=st" &&
	sleep 2 &&
	qemu_send vm "for i in \$(seq 60); do [ -e /sys/block/sda ] && break; sleep 1; done; mount -t vfat /dev/sda /mnt && echo saved >/mnt/report.txt && umount /mnt && echo stick-\$i-ok\r" &&
	qemu_expect vm "^stick-[0-9]+-ok" 120 &&
	qemu_send vm "exit\r" &&
	qemu_expect vm "Keys: 1-9" 120 &&
	sleep 1 && qemu_send vm p &&
	qemu_wait vm 120
'

test_expect_success 'the file written in the VM is on the stick' '
	test "$(mtype -i stick.img ::/report.txt | tr -d "\r")" = saved
'

test_done
