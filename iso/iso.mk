# iso.mk: the bootable rescue ISO.  Included by the top Makefile, after it
# has defined its default goal; this file only adds targets.
#   make kernel     build/kernel/{vmlinuz,root/lib/modules/...}
#   make initramfs  build/initramfs.cpio.zst
#   make iso        build/diskmedic.iso
#   make bench-iso  ISO figures (sizes, boot time ratio, smallest -m)

DISKMEDIC_BIN ?= build/diskmedic
NTFSPROGS_DIR ?= build/ntfsprogs/bin
MUSL_CC ?= musl-gcc

ISO_INIT_SRC := $(filter-out initramfs/trivial-init.c,$(wildcard initramfs/*.c))
ISO_NTFSPROGS := $(wildcard $(NTFSPROGS_DIR)/*)
ISO_BUSYBOX := build/pkgs/busybox-static/bin/busybox

.PHONY: kernel initramfs iso bench-iso iso-deps

iso-deps:
	@sh mk/deps.sh

kernel: build/kernel/vmlinuz
initramfs: build/initramfs.cpio.zst
iso: build/diskmedic.iso

build/kernel/vmlinuz: iso/kernel.sh mk/fetch.sh initramfs/modules.list | iso-deps
	sh iso/kernel.sh build initramfs/modules.list

$(ISO_BUSYBOX): mk/fetch.sh | iso-deps
	sh mk/fetch.sh deb build busybox-static
	touch $@

build/init/init: $(ISO_INIT_SRC) initramfs/init.h | iso-deps
	@mkdir -p $(dir $@)
	$(MUSL_CC) -static -Os -s -Wall -Wextra -o $@ $(ISO_INIT_SRC)

build/init/trivial-init: initramfs/trivial-init.c | iso-deps
	@mkdir -p $(dir $@)
	$(MUSL_CC) -static -Os -s -Wall -o $@ $<

# The rescue shell's ntfsprogs are built here too (mk/ntfs3g.mk), so a fresh
# clone's ISO has them; $(ISO_NTFSPROGS) alone is empty before the first build.
build/initramfs.cpio.zst: initramfs/mkinitramfs.sh build/init/init $(DISKMEDIC_BIN) \
		$(ISO_BUSYBOX) build/kernel/vmlinuz $(NTFSPROGS_STAMP) $(ISO_NTFSPROGS)
	sh initramfs/mkinitramfs.sh $@ build/init/init $(DISKMEDIC_BIN) \
		$(ISO_BUSYBOX) build/kernel/root $(NTFSPROGS_DIR)

build/diskmedic.iso: iso/mkiso.sh mk/fetch.sh boot/isolinux.cfg boot/grub.cfg \
		build/kernel/vmlinuz build/initramfs.cpio.zst
	sh iso/mkiso.sh build $@ build/kernel/vmlinuz build/initramfs.cpio.zst

bench-iso: build/diskmedic.iso build/init/trivial-init
	sh iso/bench.sh build
