# diskmedic — top-level build. See README.md and docs/architecture.md.
#
#   make            the static diskmedic binary and the ISO
#   make demo       install what is missing, build, boot the ISO against a damaged demo disk
#   make test       every test; ends with "N passed, N failed"
#   make bench      figures: ISO size, boot-to-report time, RAM floor, scan cost
#   make install    PREFIX=/usr/local DESTDIR=
#   make deps       install the Debian packages the build and tests need

VERSION := $(shell git describe --always --dirty 2>/dev/null || echo 0.1)
BUILD := build
PREFIX ?= /usr/local
DESTDIR ?=

all: $(BUILD)/diskmedic iso

.PHONY: all deps test unit-test bench demo install clean iso

# Other targets call this first: it is a no-op when everything is installed.
deps:
	@sh mk/deps.sh

include mk/ntfs3g.mk
include mk/blkid.mk
include mk/nbd.mk
-include iso/iso.mk
-include mk/fuzz.mk

# ---- the diskmedic binary ---------------------------------------------------
RESCUE_SRC := $(sort $(wildcard rescue/*.c rescue/*/*.c))
RESCUE_HDR := $(sort $(wildcard rescue/*.h rescue/*/*.h))
WARN := -Wall -Wextra -Wno-unused-parameter
CFLAGS_COMMON := -std=gnu11 -O2 -g $(WARN) -DDISKMEDIC_VERSION='"$(VERSION)"' -D_FILE_OFFSET_BITS=64

# libntfs-3g (rescue/ntfs/): the Debian source version is embedded for --version.
NTFS_DEFS = -DDM_WITH_NTFS3G -DNTFS3G_VERSION="\"$$(cat $(NTFS3G_VERSION_FILE))\""

# libblkid (util-linux, mk/blkid.mk) identifies what each partition holds.
BLKID_DEFS := -DDM_WITH_BLKID

# libnbd (mk/nbd.mk) talks to the qemu-nbd that serves a VM disk image (io/image.c).
NBD_DEFS := -DDM_WITH_NBD

# The shipped binary: static, musl. The NTFS checks link libntfs-3g (rescue/ntfs/).
$(BUILD)/diskmedic: $(RESCUE_SRC) $(RESCUE_HDR) $(NTFS3G_STAMP) $(BLKID_STAMP) $(NBD_STAMP) | deps
	@mkdir -p $(@D)
	musl-gcc -static $(CFLAGS_COMMON) $(NTFS3G_CFLAGS) $(NTFS_DEFS) $(BLKID_CFLAGS) $(BLKID_DEFS) \
		$(NBD_CFLAGS) $(NBD_DEFS) -o $@ $(RESCUE_SRC) $(NTFS3G_LIBS) $(BLKID_LIBS) $(NBD_LIBS) -Wl,--gc-sections

# The same sources with the host compiler, sanitizers and the test-only fault
# hooks (io/faults.c). The tests run this one; one test runs the static one.
# libntfs-3g comes from a host gcc build here (mk/ntfs3g.mk: NTFS3G_HOST_*).
$(BUILD)/diskmedic-asan: $(RESCUE_SRC) $(RESCUE_HDR) $(NTFS3G_HOST_STAMP) $(NTFS3G_STAMP) $(BLKID_HOST_STAMP) \
		$(NBD_HOST_STAMP) | deps
	@mkdir -p $(@D)
	gcc $(CFLAGS_COMMON) -O1 -fno-omit-frame-pointer -fsanitize=address,undefined \
		-fno-sanitize-recover=all -DDM_FAULTS $(NTFS3G_HOST_CFLAGS) $(NTFS_DEFS) \
		$(BLKID_HOST_CFLAGS) $(BLKID_DEFS) $(NBD_HOST_CFLAGS) $(NBD_DEFS) -o $@ $(RESCUE_SRC) \
		$(NTFS3G_HOST_LIBS) $(BLKID_HOST_LIBS) $(NBD_HOST_LIBS)

# ---- tests ------------------------------------------------------------------
test: deps $(BUILD)/diskmedic $(BUILD)/diskmedic-asan
	sh tests/run.sh

# ---- bench ------------------------------------------------------------------
bench: deps $(BUILD)/diskmedic
	sh mk/bench.sh

# ---- demo -------------------------------------------------------------------
# Interactive: boots the ISO on this terminal. DEMO=host shows host mode instead.
demo: deps $(BUILD)/diskmedic
	@if [ "$${DEMO:-iso}" != host ]; then $(MAKE) iso; fi
	sh mk/demo.sh

# ---- install ----------------------------------------------------------------
# diskmedic-lab is a script with helpers beside it and the test boot code it
# assembles: they go together under lib/diskmedic, bin/ gets a link.
LIBDIR := $(PREFIX)/lib/diskmedic
install: $(BUILD)/diskmedic
	install -D -m 0755 $(BUILD)/diskmedic $(DESTDIR)$(PREFIX)/sbin/diskmedic
	install -D -m 0755 rescue/lab/diskmedic-lab $(DESTDIR)$(LIBDIR)/lab/diskmedic-lab
	install -m 0644 rescue/lab/*.sh $(DESTDIR)$(LIBDIR)/lab/
	install -D -m 0755 tests/bootcode/build.sh $(DESTDIR)$(LIBDIR)/bootcode/build.sh
	install -m 0644 tests/bootcode/*.asm tests/bootcode/*.inc $(DESTDIR)$(LIBDIR)/bootcode/
	mkdir -p $(DESTDIR)$(PREFIX)/bin
	ln -sf ../lib/diskmedic/lab/diskmedic-lab $(DESTDIR)$(PREFIX)/bin/diskmedic-lab
	install -D -m 0644 docs/diskmedic.8 $(DESTDIR)$(PREFIX)/share/man/man8/diskmedic.8

clean:
	rm -f $(BUILD)/diskmedic $(BUILD)/diskmedic-asan
	rm -rf $(BUILD)/trash $(BUILD)/unit
