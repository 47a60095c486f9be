#!/bin/sh
# mk/hivex.sh - libhivex from Debian's hivex source, static, for diskmedic.
#
#     mk/hivex.sh fetch    newest hivex source the archive serves -> build/src/hivex/
#     mk/hivex.sh lib      libhivex.a + hivex.h + VERSION, musl-gcc -> build/hivex/
#     mk/hivex.sh hostlib  the same with the host gcc/glibc          -> build/hivex-host/
#                          (for build/diskmedic-asan and the fuzzers)
# mk/hivex.mk drives these with stamp files; docs/windows.md says why.
# Only the library is built: no hivexsh/hivexregedit/hivexml, no language
# bindings, no libxml2, no readline (the tests use the Debian hivex tools).
# The unpacked source also holds hivex's own test hive images/minimal, from
# which tests/lib-windows.sh builds the test SYSTEM hives.
#
# Environment: BUILD_DIR (default <repo>/build), MAKE.
# SPDX-License-Identifier: GPL-2.0-or-later
set -eu

here=$(cd "$(dirname "$0")" && pwd)
name=hivex
. "$here/common.sh"	# $build, say, die, run, ...
src=$build/src/hivex

fetch() {
	"$here/fetch.sh" source hivex "$src"
}

# build CC PREFIX WORK: configure hivex without anything but the C library,
# build gnulib and libhivex.la only, install the static library, its header
# and the source version into PREFIX.
build() {
	cc=$1 prefix=$2 work=$3
	fresh_source "$work" "$prefix"
	# The tarball ships its generated files (configure, lib/*.c from the
	# generator, include/hivex.h); mark them current so no autotools run.
	touch aclocal.m4 && touch configure Makefile.in config.h.in
	say "configure ($cc)"
	# PKG_CONFIG=false: libxml2 is only for hivexml, which is not built.
	run "$work/configure.log" configure ./configure CC="$cc" CPPFLAGS= LDFLAGS= \
		CFLAGS="-O2 -g -ffunction-sections -fdata-sections" PKG_CONFIG=false \
		--prefix="$prefix" --disable-shared --enable-static --disable-nls \
		--disable-ocaml --disable-perl --disable-python --disable-ruby \
		--without-readline
	say "make libhivex"
	run "$work/make-gnulib.log" make submake -C gnulib/lib
	run "$work/make.log" make submake -C lib libhivex.la
	mkdir -p "$prefix/lib" "$prefix/include"
	cp lib/.libs/libhivex.a "$prefix/lib/"
	cp include/hivex.h "$prefix/include/"
	cat "$src/VERSION" >"$prefix/VERSION"
	say "libhivex $(cat "$src/VERSION") ($cc) installed in $prefix"
}

case ${1:-} in
fetch) fetch ;;
lib) build musl-gcc "$build/hivex" "$build/hivex-build" ;;
hostlib) build gcc "$build/hivex-host" "$build/hivex-host-build" ;;
*) die "usage: $0 fetch|lib|hostlib" ;;
esac
