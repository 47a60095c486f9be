# mk/ntfs3g.mk - make fragment for the libntfs-3g dependency (docs/ntfs-3g-build.md).
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Include it from the top Makefile, or drive it alone:
#     make -f mk/ntfs3g.mk ntfs3g
# Targets:  ntfs3g (library + ntfsprogs), ntfs3g-lib, ntfsprogs, ntfs3g-host-lib, ntfs3g-clean
#           (ntfs3g-clean keeps the downloaded source; ntfs3g-distclean drops it).
# For consumers:
#     NTFS3G_CFLAGS        compile flags: include path and the defines the headers need
#     NTFS3G_LIBS          the static library to link
#     NTFS3G_VERSION_FILE  holds the Debian source version, e.g. 1:2022.10.3-5+deb13u2
#     NTFS3G_KHEADERS      -isystem dir exposing only the kernel's linux/ asm/ asm-generic/
#     NTFSPROGS_BIN        dir with the multi-call ntfsprogs and its tool symlinks
#     NTFS3G_STAMP         depend on this (or on $(NTFS3G_LIBS)) before compiling
#                          against the headers
#     NTFS3G_HOST_CFLAGS   the same for a host gcc/glibc build (the ASan binary)
#     NTFS3G_HOST_LIBS     libntfs-3g.a built with the host gcc
#     NTFS3G_HOST_STAMP    depend on this before compiling against the host headers
# Example:
#     diskmedic: $(NTFS3G_STAMP) ...
#         musl-gcc $(NTFS3G_CFLAGS) ... $(NTFS3G_LIBS) -static

# Standalone (make -f mk/ntfs3g.mk) the default goal is ntfs3g; included, the
# includer's default goal is left alone.
ifeq ($(words $(MAKEFILE_LIST)),1)
.DEFAULT_GOAL := ntfs3g
endif
ntfs3g_saved_goal := $(.DEFAULT_GOAL)

NTFS3G_MK_DIR := $(patsubst %/,%,$(dir $(abspath $(lastword $(MAKEFILE_LIST)))))
NTFS3G_BUILD ?= $(abspath $(NTFS3G_MK_DIR)/../build)
NTFS3G_PREFIX := $(NTFS3G_BUILD)/ntfs3g
NTFS3G_KHEADERS := $(NTFS3G_PREFIX)/kheaders
# The installed headers test config.h's HAVE_* macros, which consumers do not
# have: give them the values the library was configured with (Linux, both libcs).
NTFS3G_HAVE := -DHAVE_TIME_H -DHAVE_SYS_STAT_H -DHAVE_STDARG_H -DHAVE_STDDEF_H -DHAVE_STDINT_H \
	-DHAVE_SYS_TYPES_H -DHAVE_SYS_PARAM_H -DHAVE_ENDIAN_H -DHAVE_BYTESWAP_H
NTFS3G_CFLAGS := -I$(NTFS3G_PREFIX)/include -isystem $(NTFS3G_KHEADERS) $(NTFS3G_HAVE)
NTFS3G_LIBS := $(NTFS3G_PREFIX)/lib/libntfs-3g.a
NTFS3G_VERSION_FILE := $(NTFS3G_PREFIX)/VERSION
NTFSPROGS_BIN := $(NTFS3G_BUILD)/ntfsprogs/bin

# The host (glibc) build of the same source, for build/diskmedic-asan:
# a musl-built archive cannot be linked against glibc.
NTFS3G_HOST_PREFIX := $(NTFS3G_BUILD)/ntfs3g-host
NTFS3G_HOST_CFLAGS := -I$(NTFS3G_HOST_PREFIX)/include $(NTFS3G_HAVE)
NTFS3G_HOST_LIBS := $(NTFS3G_HOST_PREFIX)/lib/libntfs-3g.a

NTFS3G_STAMP := $(NTFS3G_BUILD)/stamp/ntfs3g-lib
NTFS3G_HOST_STAMP := $(NTFS3G_BUILD)/stamp/ntfs3g-host-lib
NTFSPROGS_STAMP := $(NTFS3G_BUILD)/stamp/ntfsprogs
# The cached source. Nothing depends on the scripts here on purpose:
# editing them must not trigger a download.
ntfs3g_src_version := $(NTFS3G_BUILD)/src/ntfs-3g/VERSION
ntfs3g_sh := $(NTFS3G_MK_DIR)/ntfs3g.sh
ntfs3g_env := BUILD_DIR=$(NTFS3G_BUILD)

.PHONY: ntfs3g ntfs3g-lib ntfsprogs ntfs3g-host-lib ntfs3g-clean ntfs3g-distclean
ntfs3g: ntfs3g-lib ntfsprogs
ntfs3g-lib: $(NTFS3G_STAMP)
ntfs3g-host-lib: $(NTFS3G_HOST_STAMP)
ntfsprogs: $(NTFSPROGS_STAMP)

$(ntfs3g_src_version): | deps
	$(ntfs3g_env) $(ntfs3g_sh) fetch

# $(MAKE) in the recipe hands ntfs-3g's own make our jobserver (make -j2).
$(NTFS3G_STAMP): $(ntfs3g_src_version) $(ntfs3g_sh) $(NTFS3G_MK_DIR)/ntfsprogs/no-libgcrypt.m4 | deps
	$(ntfs3g_env) MAKE="$(MAKE)" $(ntfs3g_sh) lib
	@mkdir -p $(@D) && touch $@

$(NTFS3G_HOST_STAMP): $(ntfs3g_src_version) $(ntfs3g_sh) $(NTFS3G_MK_DIR)/ntfsprogs/no-libgcrypt.m4 | deps
	$(ntfs3g_env) MAKE="$(MAKE)" $(ntfs3g_sh) hostlib
	@mkdir -p $(@D) && touch $@

$(NTFSPROGS_STAMP): $(NTFS3G_STAMP) $(NTFS3G_MK_DIR)/ntfsprogs/ntfsprogs.c
	$(ntfs3g_env) MAKE="$(MAKE)" $(ntfs3g_sh) progs
	@mkdir -p $(@D) && touch $@

# The library and version file come from the stamp's recipe.
$(NTFS3G_LIBS) $(NTFS3G_VERSION_FILE): $(NTFS3G_STAMP)
$(NTFS3G_HOST_LIBS): $(NTFS3G_HOST_STAMP)

ntfs3g-clean:
	rm -rf $(NTFS3G_BUILD)/ntfs3g-build $(NTFS3G_PREFIX) $(NTFS3G_BUILD)/ntfsprogs \
		$(NTFS3G_BUILD)/ntfs3g-host-build $(NTFS3G_HOST_PREFIX) \
		$(NTFS3G_STAMP) $(NTFSPROGS_STAMP) $(NTFS3G_HOST_STAMP)

ntfs3g-distclean: ntfs3g-clean
	rm -rf $(NTFS3G_BUILD)/src/ntfs-3g

.DEFAULT_GOAL := $(ntfs3g_saved_goal)
