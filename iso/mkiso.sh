#!/bin/sh
# mkiso.sh BUILD OUT VMLINUZ INITRD
# Assemble the hybrid rescue ISO: isolinux for BIOS (CD and, through
# isohdpfx.bin, USB disk), Debian's signed shim and GRUB for UEFI with
# Secure Boot.  Boot files come from Debian packages unpacked into BUILD.
set -eu
build=$1 out=$2 vmlinuz=$3 initrd=$4
src=$(cd "$(dirname "$0")/.." && pwd)
pk=$build/pkgs
"$src/mk/fetch.sh" deb "$build" isolinux syslinux-common shim-signed \
	shim-helpers-amd64-signed grub-efi-amd64-signed

root=$build/iso-root
rm -rf "$root"
mkdir -p "$root/isolinux" "$root/boot/grub" "$root/.disk"

# BIOS: isolinux and the few COM32 modules the menu needs.
cp "$pk/isolinux/usr/lib/ISOLINUX/isolinux.bin" "$root/isolinux/"
for m in ldlinux.c32 menu.c32 libutil.c32 libcom32.c32 chain.c32; do
	cp "$pk/syslinux-common/usr/lib/syslinux/modules/bios/$m" "$root/isolinux/"
done
cp "$src/boot/isolinux.cfg" "$root/isolinux/"

cp "$vmlinuz" "$root/boot/vmlinuz"
cp "$initrd" "$root/boot/initrd.img"
cp "$src/boot/grub.cfg" "$root/boot/grub/"
# Debian's signed GRUB looks for this file to find its medium.
echo "diskmedic rescue ISO" > "$root/.disk/info"

# UEFI: shim (signed by Microsoft's UEFI CA) loads grubx64.efi from its own
# directory; GRUB (signed by Debian) then reads /boot/grub/grub.cfg from the
# ISO9660 tree.  mmx64.efi is shim's MOK manager, which shim starts when a
# signature does not verify.
efi=$root/boot/grub/efi.img
shim=$pk/shim-signed/usr/lib/shim/shimx64.efi.signed
grub=$pk/grub-efi-amd64-signed/usr/lib/grub/x86_64-efi-signed/gcdx64.efi.signed
mm=$pk/shim-helpers-amd64-signed/usr/lib/shim/mmx64.efi.signed
kib=$(( ($(wc -c < "$shim") + $(wc -c < "$grub") + $(wc -c < "$mm")) / 1024 + 256 ))
rm -f "$efi"
mkfs.vfat -C -n DISKMEDIC "$efi" "$kib" > /dev/null
mmd -i "$efi" ::/EFI ::/EFI/BOOT
mcopy -i "$efi" "$shim" ::/EFI/BOOT/BOOTX64.EFI
mcopy -i "$efi" "$grub" ::/EFI/BOOT/grubx64.efi
mcopy -i "$efi" "$mm" ::/EFI/BOOT/mmx64.efi

# The volume id DISKMEDIC is how /init recognises the boot medium.
xorriso -as mkisofs -quiet -o "$out.tmp" -V DISKMEDIC -R -J \
	-isohybrid-mbr "$pk/isolinux/usr/lib/ISOLINUX/isohdpfx.bin" \
	-c isolinux/boot.cat -b isolinux/isolinux.bin \
	-no-emul-boot -boot-load-size 4 -boot-info-table \
	-eltorito-alt-boot -e boot/grub/efi.img -no-emul-boot \
	-isohybrid-gpt-basdat \
	"$root"
mv "$out.tmp" "$out"
echo "iso: $out $(wc -c < "$out") bytes"
