# Fuzzing with clang's libFuzzer, ASan and UBSan. Included by the Makefile.
# See docs/fuzzing.md.
#
#   make fuzz [FUZZ_SECONDS=N]     every target N seconds (default 60)
#   make fuzz-smoke                every target FUZZ_SMOKE_SECONDS (default 15); part of make test
#   make fuzz-build                only build the targets and the seed corpora
#
# The rescue sources are compiled once into an archive with coverage
# instrumentation; each target links only the objects it pulls in. libntfs-3g
# is compiled here too, from the source tree of its host build (mk/ntfs3g.mk),
# with the same instrumentation, so that ASan checks it and libFuzzer sees its
# branches (fuzz_ntfs). This file is included before the Makefile defines
# RESCUE_SRC, hence its own wildcards.

.PHONY: fuzz fuzz-smoke fuzz-build fuzz-seeds

FUZZ_CC ?= clang
FUZZ_SECONDS ?= 60
FUZZ_SMOKE_SECONDS ?= 15
FUZZ_DIR := $(BUILD)/fuzz
FUZZ_TARGETS := mbr gpt ntfs_bpb fat_bpb bootcode undo probe scan ntfs hive
FUZZ_SAN := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_CFLAGS := -std=gnu11 -O1 -g -Wall -Wno-unused-parameter -D_FILE_OFFSET_BITS=64 \
	-DDISKMEDIC_VERSION='"fuzz"' $(FUZZ_SAN) $(NTFS3G_HOST_CFLAGS) $(BLKID_HOST_CFLAGS) -DDM_WITH_BLKID \
	$(HIVEX_HOST_CFLAGS)
FUZZ_LIB_SRC := $(sort $(wildcard rescue/*/*.c))
FUZZ_HDR := $(sort $(wildcard rescue/*.h rescue/*/*.h))
FUZZ_LIB_OBJ := $(patsubst rescue/%.c,$(FUZZ_DIR)/obj/%.o,$(FUZZ_LIB_SRC))
FUZZ_BINS := $(addprefix $(FUZZ_DIR)/fuzz_,$(FUZZ_TARGETS))

$(FUZZ_DIR)/obj/%.o: rescue/%.c $(FUZZ_HDR) $(NTFS3G_HOST_STAMP) $(BLKID_HOST_STAMP) $(HIVEX_HOST_STAMP) | deps
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<

# bootcode.c searches kilobytes for a dozen strings (one of them folded, byte
# by byte): with libFuzzer's comparison tracing that costs ~0.5 s per scanned
# disk (2 ms without). Edge coverage stays; its strings come from tests/fuzz/bootcode.dict.
$(FUZZ_DIR)/obj/parse/bootcode.o: rescue/parse/bootcode.c $(FUZZ_HDR) $(NTFS3G_HOST_STAMP) $(BLKID_HOST_STAMP) $(HIVEX_HOST_STAMP) | deps
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -fno-sanitize-coverage=trace-cmp -c -o $@ $<

$(FUZZ_DIR)/librescue.a: $(FUZZ_LIB_OBJ)
	rm -f $@ && ar rcs $@ $^

# libntfs-3g's own sources (its Makefile's libntfs_3g_la_SOURCES), as configured
# for the host build; -w: its warnings are not ours to fix.
FUZZ_NTFS3G_SRC := $(NTFS3G_BUILD)/ntfs3g-host-build/src
FUZZ_NTFS3G_OBJ := $(addprefix $(FUZZ_DIR)/ntfs3g/,$(addsuffix .o,acls attrib attrlist bitmap bootsect \
	cache collate compat compress debug device dir ea efs index inode ioctl lcnalloc logfile logging mft \
	misc mst object_id realpath reparse runlist security unistr volume xattrs unix_io))
$(FUZZ_DIR)/ntfs3g/%.o: $(NTFS3G_HOST_STAMP) | deps
	@mkdir -p $(@D)
	$(FUZZ_CC) -O1 -g -w $(FUZZ_SAN) -fsanitize=fuzzer-no-link -DHAVE_CONFIG_H -I$(FUZZ_NTFS3G_SRC)/libntfs-3g \
		-I$(FUZZ_NTFS3G_SRC) -I$(FUZZ_NTFS3G_SRC)/include/ntfs-3g -c -o $@ $(FUZZ_NTFS3G_SRC)/libntfs-3g/$*.c

$(FUZZ_DIR)/libntfs-3g.a: $(FUZZ_NTFS3G_OBJ)
	rm -f $@ && ar rcs $@ $^

$(FUZZ_DIR)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/memdisk.c tests/fuzz/*.h $(FUZZ_DIR)/librescue.a \
		$(FUZZ_DIR)/libntfs-3g.a
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< tests/fuzz/memdisk.c $(FUZZ_DIR)/librescue.a \
		$(FUZZ_DIR)/libntfs-3g.a $(BLKID_HOST_LIBS) $(HIVEX_HOST_LIBS)

# Seeds come from the lab's images; rebuilt when the lab or the seed script changes.
$(FUZZ_DIR)/seeds/stamp: tests/fuzz/seeds.sh tests/fuzz/lab2seeds.py $(wildcard rescue/lab/*) $(BUILD)/diskmedic
	sh tests/fuzz/seeds.sh $(FUZZ_DIR) $(BUILD)/diskmedic
	touch $@

fuzz-seeds: $(FUZZ_DIR)/seeds/stamp
# fuzz_canary crashes on purpose: t0600 proves run.sh notices.
fuzz-build: $(FUZZ_BINS) $(FUZZ_DIR)/fuzz_canary fuzz-seeds

fuzz: fuzz-build
	sh tests/fuzz/run.sh $(FUZZ_DIR) $(FUZZ_SECONDS) $(FUZZ_TARGETS)

fuzz-smoke: fuzz-build
	sh tests/fuzz/run.sh $(FUZZ_DIR) $(FUZZ_SMOKE_SECONDS) $(FUZZ_TARGETS)
