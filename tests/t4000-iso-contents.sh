#!/bin/sh
test_description='what the ISO holds: size goal, BIOS and UEFI boot files, hybrid layout, and an initramfs with /init, busybox, diskmedic and plain signed modules, xz with a 1 MiB dictionary'
. "$(dirname "$0")/lib.sh"
. "$SRCDIR/tests/lib-qemu.sh"

test_expect_success 'the ISO is built' 'iso_ready'

test_expect_success 'the ISO is at most 25 MB' '
	size=$(wc -c <"$ISO") && test_info "ISO size: $size bytes" &&
	test "$size" -le 25000000
'

test_expect_success 'the ISO9660 tree has both boot loaders, kernel, initrd and /.disk/info' '
	xorriso -indev "$ISO" -find / -type f 2>/dev/null | tr -d "'"'"'" | sort >files &&
	for f in /isolinux/isolinux.bin /isolinux/isolinux.cfg /isolinux/ldlinux.c32 \
		/isolinux/menu.c32 /isolinux/chain.c32 /boot/vmlinuz /boot/initrd.img \
		/boot/grub/grub.cfg /boot/grub/efi.img /.disk/info; do
		grep -qx "$f" files || { echo "missing $f"; exit 1; }
	done
'

test_expect_success 'hybrid: MBR boot code, and a GPT whose EFI partition is the El Torito image' '
	test "$(bytes "$ISO" 510 2)" = 55aa &&
	test "$(dd if="$ISO" bs=1 skip=512 count=8 status=none)" = "EFI PART" &&
	xorriso -indev "$ISO" -report_el_torito plain 2>/dev/null >eltorito &&
	grep -q "BIOS.*y" eltorito && grep -q "UEFI" eltorito
'

test_expect_success 'the EFI image holds shim as BOOTX64.EFI, GRUB as grubx64.efi, and MokManager; no kernel' '
	xorriso -osirrox on -indev "$ISO" -extract /boot/grub/efi.img efi.img 2>/dev/null &&
	mdir -b -i efi.img ::/EFI/BOOT | tr "[:lower:]" "[:upper:]" >efifiles &&
	grep -q "/BOOTX64.EFI$" efifiles && grep -q "/GRUBX64.EFI$" efifiles &&
	grep -q "/MMX64.EFI$" efifiles &&
	test "$(wc -c <efi.img)" -lt 8000000
'

test_expect_success 'the initramfs: zstd, one frame, XXH64 check, 1 MiB window' '
	xorriso -osirrox on -indev "$ISO" -extract /boot/initrd.img initrd.img 2>/dev/null &&
	zstd -lv initrd.img >zinfo 2>&1 &&
	grep -Eq "^# Zstandard Frames: 1$" zinfo &&
	grep -Eq "^Window Size: 1.000 MiB" zinfo &&
	grep -Eq "^Check: XXH64" zinfo
'

test_expect_success 'the initramfs holds /init, busybox, diskmedic, modules.alias, and edd' '
	mkdir root && (cd root && zstd -dc ../initrd.img | cpio -id --quiet) &&
	test -x root/init && test -x root/bin/busybox && test -x root/bin/diskmedic &&
	test -L root/bin/sh && test -L root/sbin/modprobe &&
	ls root/lib/modules/*/modules.alias root/lib/modules/*/modules.dep &&
	ls root/lib/modules/*/kernel/drivers/firmware/edd.ko
'

test_expect_success 'every storage driver the ISO must carry is there, as a plain signed .ko' '
	for m in ata_piix ahci sd_mod sr_mod virtio_pci virtio_blk virtio_scsi nvme \
		usb-storage uas xhci-pci ehci-pci ohci-pci uhci-hcd vmw_pvscsi mptsas mptspi \
		megaraid_sas sym53c8xx hv_storvsc hv_vmbus xen-blkfront edd; do
		f=$(find root/lib/modules -name "$m.ko") && test -n "$f" || { echo "no $m.ko"; exit 1; }
		tail -c 28 "$f" | grep -q "~Module signature appended~" || { echo "$m unsigned"; exit 1; }
	done &&
	test -z "$(find root/lib/modules -name "*.ko.*")"
'

test_done
