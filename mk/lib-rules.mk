# mk/lib-rules.mk - the rules every library built by an mk/NAME.sh script shares.
# SPDX-License-Identifier: GPL-2.0-or-later
#
#     $(eval $(call dm_lib_rules,NAME,PREFIX,SOURCE))
#
# NAME    the script mk/NAME.sh (called through $(NAME_sh)) and the build dirs
#         build/NAME, NAME-build, NAME-host, NAME-host-build
# PREFIX  the fragment's variables: PREFIX_BUILD, PREFIX_STAMP, PREFIX_HOST_STAMP,
#         PREFIX_LIBS, PREFIX_HOST_LIBS, PREFIX_VERSION_FILE
# SOURCE  the Debian source package's directory under build/src
#
# Gives: the targets NAME (both builds) and NAME-clean (keeps the download);
# the fetch of the source; one stamp per build (musl: "NAME.sh lib", host gcc:
# "NAME.sh hostlib"), made after the script succeeds.
# mk/ntfs3g.mk keeps rules of its own (ntfsprogs, and the script is a prerequisite).

define dm_lib_rules
.PHONY: $(1) $(1)-clean
$(1): $$($(2)_STAMP) $$($(2)_HOST_STAMP)

# Nothing depends on the script on purpose: editing it must not trigger a download.
$$($(2)_BUILD)/src/$(3)/VERSION: | deps
	$$($(1)_sh) fetch

$$($(2)_STAMP): $$($(2)_BUILD)/src/$(3)/VERSION | deps
	$$($(1)_sh) lib
	@mkdir -p $$(@D) && touch $$@

$$($(2)_HOST_STAMP): $$($(2)_BUILD)/src/$(3)/VERSION | deps
	$$($(1)_sh) hostlib
	@mkdir -p $$(@D) && touch $$@

$$($(2)_LIBS) $$($(2)_VERSION_FILE): $$($(2)_STAMP)
$$($(2)_HOST_LIBS): $$($(2)_HOST_STAMP)

$(1)-clean:
	rm -rf $$($(2)_BUILD)/$(1) $$($(2)_BUILD)/$(1)-build $$($(2)_BUILD)/$(1)-host \
		$$($(2)_BUILD)/$(1)-host-build $$($(2)_STAMP) $$($(2)_HOST_STAMP)
endef
