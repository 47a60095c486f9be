# mk/nbd.mk - make fragment for libnbd, built by mk/nbd.sh (docs/images.md).
# SPDX-License-Identifier: GPL-2.0-or-later
# For consumers:
#     NBD_CFLAGS / NBD_LIBS / NBD_STAMP                the musl build
#     NBD_HOST_CFLAGS / NBD_HOST_LIBS / NBD_HOST_STAMP the host gcc build
#     NBD_VERSION_FILE   the Debian libnbd source version

NBD_MK_DIR := $(patsubst %/,%,$(dir $(abspath $(lastword $(MAKEFILE_LIST)))))
NBD_BUILD ?= $(abspath $(NBD_MK_DIR)/../build)
NBD_CFLAGS := -I$(NBD_BUILD)/nbd/include
NBD_LIBS := $(NBD_BUILD)/nbd/lib/libnbd.a
NBD_VERSION_FILE := $(NBD_BUILD)/nbd/VERSION
NBD_HOST_CFLAGS := -I$(NBD_BUILD)/nbd-host/include
NBD_HOST_LIBS := $(NBD_BUILD)/nbd-host/lib/libnbd.a
NBD_STAMP := $(NBD_BUILD)/stamp/nbd-lib
NBD_HOST_STAMP := $(NBD_BUILD)/stamp/nbd-host-lib
nbd_sh := BUILD_DIR=$(NBD_BUILD) MAKE="$(MAKE)" sh $(NBD_MK_DIR)/nbd.sh

include $(NBD_MK_DIR)/lib-rules.mk
$(eval $(call dm_lib_rules,nbd,NBD,libnbd))
