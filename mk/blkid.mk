# mk/blkid.mk - make fragment for libblkid (util-linux), built by mk/blkid.sh.
# SPDX-License-Identifier: GPL-2.0-or-later
# For consumers:
#     BLKID_CFLAGS / BLKID_LIBS / BLKID_STAMP                the musl build
#     BLKID_HOST_CFLAGS / BLKID_HOST_LIBS / BLKID_HOST_STAMP the host gcc build
#     BLKID_VERSION_FILE   the Debian util-linux source version
#     BLKID_SRC            the unpacked source (its tests/ts/blkid/images-fs/)

BLKID_MK_DIR := $(patsubst %/,%,$(dir $(abspath $(lastword $(MAKEFILE_LIST)))))
BLKID_BUILD ?= $(abspath $(BLKID_MK_DIR)/../build)
BLKID_CFLAGS := -I$(BLKID_BUILD)/blkid/include
BLKID_LIBS := $(BLKID_BUILD)/blkid/lib/libblkid.a
BLKID_VERSION_FILE := $(BLKID_BUILD)/blkid/VERSION
BLKID_HOST_CFLAGS := -I$(BLKID_BUILD)/blkid-host/include
BLKID_HOST_LIBS := $(BLKID_BUILD)/blkid-host/lib/libblkid.a
BLKID_STAMP := $(BLKID_BUILD)/stamp/blkid-lib
BLKID_HOST_STAMP := $(BLKID_BUILD)/stamp/blkid-host-lib
BLKID_SRC := $(BLKID_BUILD)/blkid-host-build/src
blkid_sh := BUILD_DIR=$(BLKID_BUILD) MAKE="$(MAKE)" sh $(BLKID_MK_DIR)/blkid.sh

include $(BLKID_MK_DIR)/lib-rules.mk
$(eval $(call dm_lib_rules,blkid,BLKID,util-linux))
