#!/bin/sh
# make demo: build a disk with seed 000's problem (an NT4-style NTFS volume
# whose BPB says 255 heads, on a 2 GiB disk that qemu's BIOS presents with 128)
# and show diskmedic fixing it:
#   1. the disk alone in qemu: "A disk read error occurred";
#   2. the diskmedic ISO booted in qemu with the disk attached, on this
#      terminal (serial console; the menu takes single keys);
#   3. the disk alone again: "BOOT OK".
# DEMO=host skips the ISO and shows the same repair in host mode.
set -eu
cd "$(dirname "$0")/.."
B=build/demo
mkdir -p "$B"
disk=$B/seed000.img
accel="-accel tcg"
[ "${DISKMEDIC_KVM:-}" = 1 ] && accel="-accel kvm"

boot_disk_alone() {
	rm -f "$B/serial.txt"
	timeout 30 qemu-system-x86_64 $accel -m 64 -display none -no-reboot \
		-serial file:"$B/serial.txt" -drive file="$disk",format=raw,if=ide >/dev/null 2>&1 || true
	printf '   serial says: %s\n' "$(tr -d '\r' <"$B/serial.txt" | head -n 1)"
}

echo "== building the demo disk (diskmedic-lab make geometry-255)"
rescue/lab/diskmedic-lab make geometry-255 "$disk" --seed 1 >/dev/null
# MBR code that really chain-loads the active partition: syslinux's mbr.bin.
dd if=/usr/lib/syslinux/mbr/mbr.bin of="$disk" bs=440 count=1 conv=notrunc status=none
echo "== 1. booting the damaged disk alone in qemu (about 20 s)"
boot_disk_alone

if [ "${DEMO:-iso}" = host ]; then
	echo "== 2. host mode: diskmedic scan --bios qemu"
	build/diskmedic scan --bios qemu "$disk" || true
	echo "== diskmedic fix --yes --bios qemu"
	build/diskmedic fix --yes --bios qemu --undo-dir "$B/undo" "$disk" || true
else
	echo "== 2. booting the diskmedic ISO with the disk attached."
	echo "   Choose 'Scan and repair', press the finding's number, then y; then b to reboot."
	echo "   (qemu exits when the VM reboots; Ctrl-A X quits at any time.)"
	qemu-system-x86_64 $accel -m 256 -nographic -no-reboot \
		-cdrom build/diskmedic.iso -boot d \
		-drive file="$disk",format=raw,if=ide || true
fi
echo "== 3. booting the disk alone again"
boot_disk_alone
