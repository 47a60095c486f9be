# diskmedic — top-level build. See README.md and docs/architecture.md.
#
#   make            the static diskmedic binary and the ISO
#   make demo       install what is missing, build, boot the ISO against a damaged demo disk
#   make test       every test; ends with "N passed, N failed"
#   make check      the host tests only (no ISO boots), in parallel
#   make bench      figures: ISO size, boot-to-report time, RAM floor, scan cost
#   make install    PREFIX=/usr/local DESTDIR=
#   make deps       install the Debian packages the build and tests need

VERSION := $(shell git describe --always --dirty 2>/dev/null || echo 0.1)
BUILD := build
PREFIX ?= /usr/local
DESTDIR ?=

all: $(BUILD)/diskmedic iso

.PHONY: all deps test check unit-build unit-test bench demo install clean iso

# Other targets call this first: it is a no-op when everything is installed.
deps:
	@sh mk/deps.sh

include mk/ntfs3g.mk
include mk/blkid.mk
include mk/hivex.mk
include mk/nbd.mk
include iso/iso.mk
include mk/fuzz.mk

# ---- the diskmedic binary ---------------------------------------------------
RESCUE_SRC := $(sort $(wildcard rescue/*.c rescue/*/*.c))
RESCUE_HDR := $(sort $(wildcard rescue/*.h rescue/*/*.h))
WARN := -Wall -Wextra -Wno-unused-parameter
CFLAGS_COMMON := -std=gnu11 -O2 -g $(WARN) -D_FILE_OFFSET_BITS=64

# libntfs-3g (rescue/ntfs/): the Debian source version is embedded for --version.
NTFS_DEFS = -DDM_WITH_NTFS3G -DNTFS3G_VERSION="\"$$(cat $(NTFS3G_VERSION_FILE))\""

# libblkid (util-linux, mk/blkid.mk) identifies what each partition holds.
BLKID_DEFS := -DDM_WITH_BLKID

# libhivex (mk/hivex.mk) reads and edits Windows registry hives (rescue/windows/);
# its Debian source version is embedded for --version like libntfs-3g's.
HIVEX_DEFS = -DHIVEX_VERSION="\"$$(cat $(HIVEX_VERSION_FILE))\""

# libnbd (mk/nbd.mk) talks to the qemu-nbd that serves a VM disk image (io/image.c).
NBD_DEFS := -DDM_WITH_NBD

# Version strings: build/gen/dm-version.h is rewritten only when git describe
# changes, and only the files that include rescue/version.h depend on it
# (through the -MMD dependency files), so a commit rebuilds three objects.
GEN := $(BUILD)/gen
$(shell mkdir -p $(GEN) && v='#define DISKMEDIC_VERSION "$(VERSION)"' && \
	{ [ "$$(cat $(GEN)/dm-version.h 2>/dev/null)" = "$$v" ] || echo "$$v" >$(GEN)/dm-version.h; })

# One object per source, for each build: touching one .c file recompiles
# that file and relinks. -MMD -MP records each object's headers.
MUSL_OBJ := $(patsubst rescue/%.c,$(BUILD)/obj/musl/%.o,$(RESCUE_SRC))
ASAN_OBJ := $(patsubst rescue/%.c,$(BUILD)/obj/asan/%.o,$(RESCUE_SRC))
MUSL_CFLAGS = $(CFLAGS_COMMON) -I$(GEN) $(NTFS3G_CFLAGS) $(NTFS_DEFS) $(BLKID_CFLAGS) $(BLKID_DEFS) \
	$(HIVEX_CFLAGS) $(HIVEX_DEFS) $(NBD_CFLAGS) $(NBD_DEFS)
ASAN_CFLAGS = $(CFLAGS_COMMON) -I$(GEN) -O1 -fno-omit-frame-pointer -fsanitize=address,undefined \
	-fno-sanitize-recover=all -DDM_FAULTS $(NTFS3G_HOST_CFLAGS) $(NTFS_DEFS) $(BLKID_HOST_CFLAGS) $(BLKID_DEFS) \
	$(HIVEX_HOST_CFLAGS) $(HIVEX_DEFS) $(NBD_HOST_CFLAGS) $(NBD_DEFS)

$(BUILD)/obj/musl/%.o: rescue/%.c $(NTFS3G_STAMP) $(BLKID_STAMP) $(HIVEX_STAMP) $(NBD_STAMP) | deps
	@mkdir -p $(@D)
	musl-gcc $(MUSL_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/obj/asan/%.o: rescue/%.c $(NTFS3G_HOST_STAMP) $(NTFS3G_STAMP) $(BLKID_HOST_STAMP) $(HIVEX_HOST_STAMP) $(HIVEX_STAMP) $(NBD_HOST_STAMP) | deps
	@mkdir -p $(@D)
	gcc $(ASAN_CFLAGS) -MMD -MP -c -o $@ $<

-include $(MUSL_OBJ:.o=.d) $(ASAN_OBJ:.o=.d)

# The shipped binary: static, musl. The NTFS checks link libntfs-3g (rescue/ntfs/).
$(BUILD)/diskmedic: $(MUSL_OBJ)
	musl-gcc -static -o $@ $(MUSL_OBJ) $(NTFS3G_LIBS) $(BLKID_LIBS) $(HIVEX_LIBS) $(NBD_LIBS) -Wl,--gc-sections

# The same sources with the host compiler, sanitizers and the test-only fault
# hooks (io/faults.c). The tests run this one; one test runs the static one.
# libntfs-3g comes from a host gcc build here (mk/ntfs3g.mk: NTFS3G_HOST_*).
$(BUILD)/diskmedic-asan: $(ASAN_OBJ)
	gcc -fsanitize=address,undefined -o $@ $(ASAN_OBJ) $(NTFS3G_HOST_LIBS) $(BLKID_HOST_LIBS) $(HIVEX_HOST_LIBS) $(NBD_HOST_LIBS)

# ---- unit tests ---------------------------------------------------------------
# build/unit/NAME_test for every tests/unit/NAME_test.c, linked against the
# ASan build's own objects (all but main's, in one archive: the linker takes
# the members a test needs) and its libraries. No source lists here: a file
# that moves between rescue/ folders is still in $(ASAN_OBJ). The archive is
# made anew, not updated, so an object that moved away leaves no stale member.
UNIT_SRC := $(sort $(wildcard tests/unit/*_test.c))
UNIT_BIN := $(patsubst tests/unit/%.c,$(BUILD)/unit/%,$(UNIT_SRC))
UNIT_LIB := $(BUILD)/unit/libdiskmedic-asan.a
ASAN_LIB_OBJ := $(filter-out $(BUILD)/obj/asan/main.o,$(ASAN_OBJ))
# The ASan flags, warnings as errors (unused parameters too: a test has no
# callback signature to honour).
UNIT_CFLAGS = $(ASAN_CFLAGS) -Wunused-parameter -Werror -Irescue

$(UNIT_LIB): $(ASAN_LIB_OBJ)
	@mkdir -p $(@D)
	rm -f $@ && ar rcs $@ $(ASAN_LIB_OBJ)

# Static pattern rules: the objects are named targets, not intermediates
# that make would delete after each build.
$(UNIT_BIN:=.o): $(BUILD)/unit/%.o: tests/unit/%.c $(NTFS3G_HOST_STAMP) $(NTFS3G_STAMP) $(BLKID_HOST_STAMP) $(HIVEX_HOST_STAMP) $(HIVEX_STAMP) $(NBD_HOST_STAMP) | deps
	@mkdir -p $(@D)
	gcc $(UNIT_CFLAGS) -MMD -MP -c -o $@ $<

$(UNIT_BIN): %: %.o $(UNIT_LIB)
	gcc -fsanitize=address,undefined -o $@ $< $(UNIT_LIB) $(NTFS3G_HOST_LIBS) $(BLKID_HOST_LIBS) $(HIVEX_HOST_LIBS) $(NBD_HOST_LIBS)

-include $(UNIT_BIN:=.d)

# unit-build: the programs only (t0100 runs each as a test of its own);
# unit-test: built and run, each in an empty directory of its own (some
# write files: fence_test's undo records), the log of any that fails shown.
unit-build: $(UNIT_BIN)
unit-test: unit-build
	@fail=0; for t in $(UNIT_BIN); do \
		rm -rf $$t.run && mkdir $$t.run && \
		if (cd $$t.run && ../$$(basename $$t)) >$$t.log 2>&1; then echo "ok $$t"; \
		else fail=1; echo "not ok $$t"; sed 's/^/#   /' $$t.log; fi; \
	done; exit $$fail

# ---- tests ------------------------------------------------------------------
# Scripts run in parallel (tests/run.sh -j, default one per CPU). The ISO is
# built here, once, before any t4* script boots it.
test: deps $(BUILD)/diskmedic $(BUILD)/diskmedic-asan iso
	# The scripts' own make calls start afresh, not as part of this make's -j.
	env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL DISKMEDIC_ISO_NOMAKE=1 sh tests/run.sh

# The host tests only (no ISO, no qemu): the quick loop while developing.
check: deps $(BUILD)/diskmedic $(BUILD)/diskmedic-asan
	cd tests && env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL sh run.sh t0*.sh

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
	rm -rf $(BUILD)/trash $(BUILD)/unit $(BUILD)/labcache
