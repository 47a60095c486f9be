#!/bin/sh
# mk/blkid.sh - libblkid from Debian's util-linux source, static, for diskmedic.
#
#     mk/blkid.sh fetch    newest util-linux source the archive serves -> build/src/util-linux/
#     mk/blkid.sh lib      libblkid.a + blkid.h + VERSION, musl-gcc    -> build/blkid/
#     mk/blkid.sh hostlib  the same with the host gcc/glibc           -> build/blkid-host/
#                          (for build/diskmedic-asan and the fuzzers)
# mk/blkid.mk drives these with stamp files; docs/content.md says why.
# The unpacked source also holds util-linux's own blkid test images
# (tests/ts/blkid/images-fs/), which tests/t0520 uses.
#
# Environment: BUILD_DIR (default <repo>/build), MAKE.
# SPDX-License-Identifier: GPL-2.0-or-later
set -eu

here=$(cd "$(dirname "$0")" && pwd)
name=blkid
. "$here/common.sh"	# $build, say, die, run, ...
src=$build/src/util-linux

fetch() {
	"$here/fetch.sh" source util-linux "$src"
}

# build CC PREFIX WORK: configure util-linux for libblkid alone and install
# the static library, its header and the source version into PREFIX.
build() {
	cc=$1 prefix=$2 work=$3
	fresh_source "$work" "$prefix"
	kheaders "$work/kheaders"
	# Debian's patches touch test Makefile fragments, which makes the
	# generated build files look stale; none of them concerns libblkid, so
	# the shipped ones are marked current instead of running autoreconf.
	touch aclocal.m4 && touch configure Makefile.in config.h.in
	say "configure ($cc)"
	run "$work/configure.log" configure ./configure CC="$cc" CPPFLAGS= LDFLAGS= \
		CFLAGS="-O2 -g -ffunction-sections -fdata-sections -isystem $work/kheaders" \
		--prefix="$prefix" --disable-all-programs --enable-libblkid \
		--disable-shared --enable-static --disable-nls --disable-bash-completion \
		--disable-asciidoc --disable-poman --disable-makeinstall-chown \
		--without-systemd --without-udev --without-python --without-readline \
		--without-ncursesw --without-tinfo --without-cryptsetup --without-btrfs \
		--without-econf --without-selinux --without-audit --without-libmagic \
		--without-libz --without-user
	say "make libblkid"
	run "$work/make.log" make submake libblkid.la
	mkdir -p "$prefix/lib" "$prefix/include"
	cp .libs/libblkid.a "$prefix/lib/"
	cp libblkid/src/blkid.h "$prefix/include/"
	cat "$src/VERSION" >"$prefix/VERSION"
	say "libblkid $(cat "$src/VERSION") ($cc) installed in $prefix"
}

case ${1:-} in
fetch) fetch ;;
lib) build musl-gcc "$build/blkid" "$build/blkid-build" ;;
hostlib) build gcc "$build/blkid-host" "$build/blkid-host-build" ;;
*) die "usage: $0 fetch|lib|hostlib" ;;
esac
