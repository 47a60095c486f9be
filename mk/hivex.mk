# mk/hivex.mk - make fragment for libhivex (Debian's hivex source), built by mk/hivex.sh.
# SPDX-License-Identifier: GPL-2.0-or-later
# For consumers:
#     HIVEX_CFLAGS / HIVEX_LIBS / HIVEX_STAMP                the musl build
#     HIVEX_HOST_CFLAGS / HIVEX_HOST_LIBS / HIVEX_HOST_STAMP the host gcc build
#     HIVEX_VERSION_FILE   the Debian hivex source version
#     HIVEX_SRC            the unpacked source (its images/minimal)

HIVEX_MK_DIR := $(patsubst %/,%,$(dir $(abspath $(lastword $(MAKEFILE_LIST)))))
HIVEX_BUILD ?= $(abspath $(HIVEX_MK_DIR)/../build)
HIVEX_CFLAGS := -I$(HIVEX_BUILD)/hivex/include
HIVEX_LIBS := $(HIVEX_BUILD)/hivex/lib/libhivex.a
HIVEX_VERSION_FILE := $(HIVEX_BUILD)/hivex/VERSION
HIVEX_HOST_CFLAGS := -I$(HIVEX_BUILD)/hivex-host/include
HIVEX_HOST_LIBS := $(HIVEX_BUILD)/hivex-host/lib/libhivex.a
HIVEX_STAMP := $(HIVEX_BUILD)/stamp/hivex-lib
HIVEX_HOST_STAMP := $(HIVEX_BUILD)/stamp/hivex-host-lib
HIVEX_SRC := $(HIVEX_BUILD)/hivex-host-build/src
hivex_sh := BUILD_DIR=$(HIVEX_BUILD) MAKE="$(MAKE)" sh $(HIVEX_MK_DIR)/hivex.sh

include $(HIVEX_MK_DIR)/lib-rules.mk
$(eval $(call dm_lib_rules,hivex,HIVEX,hivex))
