#!/bin/sh
# mk/ntfs3g.sh - fetch Debian's ntfs-3g source and build it static with musl.
#
#     mk/ntfs3g.sh fetch   newest ntfs-3g source the archive serves -> build/src/ntfs-3g/
#                          (through mk/fetch.sh, the build's one download helper)
#     mk/ntfs3g.sh lib     libntfs-3g.a + headers + VERSION          -> build/ntfs3g/
#     mk/ntfs3g.sh progs   multi-call ntfsprogs + links              -> build/ntfsprogs/bin/
#     mk/ntfs3g.sh hostlib libntfs-3g.a built with the host gcc/glibc  -> build/ntfs3g-host/
#                          (for build/diskmedic-asan: a musl .a cannot link against glibc)
#     mk/ntfs3g.sh         fetch, lib and progs
# mk/ntfs3g.mk drives these steps with stamp files; docs/ntfs-3g-build.md says why.
#
# Environment:
#     BUILD_DIR            default <repo>/build
#     NTFS3G_MIN_VERSION   refuse sources older than this (release builds, e.g.
#                          1:2022.10.3-5+deb13u2, the first with the CVE-2026
#                          fixes). Unset (the default): build the newest that
#                          downloads and warn when a newer one is listed
#     MAKE                 the make to run ntfs-3g's own build with
#
# SPDX-License-Identifier: GPL-2.0-or-later
set -eu

here=$(cd "$(dirname "$0")" && pwd)
name=ntfs3g
. "$here/common.sh"	# $build, say, die, run, ...
src=$build/src/ntfs-3g           # downloaded source package (the cache)
work=$build/ntfs3g-build         # unpacked, configured tree
prefix=$build/ntfs3g             # what consumers use
progs=$build/ntfsprogs           # rescue-shell tools
hostwork=$build/ntfs3g-host-build # the host (glibc) build's tree
hostprefix=$build/ntfs3g-host     # what the ASan build links
min=${NTFS3G_MIN_VERSION:-}

# The ntfsprogs tools the ISO's rescue shell gets.
tools="ntfsfix ntfsinfo ntfsls ntfscat ntfsclone ntfsresize mkntfs"

fetch() {
	FETCH_MIN_VERSION=$min "$here/fetch.sh" source ntfs-3g "$src"
}

# The version string consumers embed: the Debian version, and when only the
# upstream tarball could be had, that it lacks Debian's patches.
describe() {
	v=$(cat "$src/VERSION")
	[ "$(cat "$src/KIND")" = orig ] && v="$v (upstream tarball, without Debian's patches)"
	echo "$v"
}

lib() {
	fresh_source "$work" "$prefix"
	v=$(describe)
	kheaders "$work/kheaders"
	say "autoreconf"
	autoreconf -fi -I "$here/ntfsprogs" >"$work/autoreconf.log" 2>&1 ||
		{ tail -20 "$work/autoreconf.log" >&2; die "autoreconf failed"; }
	say "configure"
	# An explicit --exec-prefix keeps "make install" from moving the
	# library to /lib. -ffunction-sections/-fdata-sections let consumers
	# drop unused library code with -Wl,--gc-sections.
	./configure CC=musl-gcc CPPFLAGS= LDFLAGS= \
		CFLAGS="-O2 -ffunction-sections -fdata-sections -isystem $work/kheaders" \
		--prefix="$prefix" --exec-prefix="$prefix" \
		--disable-ntfs-3g --disable-shared --enable-static --disable-crypto \
		--without-uuid --without-hd --disable-plugins --disable-mtab \
		--disable-ldconfig --disable-mount-helper \
		>"$work/configure.log" 2>&1 ||
		{ tail -20 "$work/configure.log" >&2; die "configure failed (see $work/configure.log)"; }
	say "make libntfs-3g"
	# libtool drops a plain -static; -all-static reaches the linker.
	submake -C libntfs-3g LDFLAGS=-all-static >"$work/make-lib.log" 2>&1 ||
		{ tail -30 "$work/make-lib.log" >&2; die "make failed (see $work/make-lib.log)"; }
	submake -C include install >/dev/null
	submake -C libntfs-3g install >/dev/null
	# Consumers need -isystem for <linux/...> too when they use it.
	cp -a "$work/kheaders" "$prefix/kheaders"
	echo "$v" >"$prefix/VERSION"
	say "libntfs-3g $v installed in $prefix"
}

# The object files automake links tool $1 from ($1_OBJECTS in the generated
# ntfsprogs/Makefile), so per-tool flags such as mkntfs's are kept.
objects_of() {
	printf 'print-objects:\n\t@echo $(%s_OBJECTS)\n' "$1" |
		MAKEFLAGS= ${MAKE:-make} -s -f Makefile -f - print-objects
}

progs() {
	[ -s "$prefix/VERSION" ] || lib
	cd "$work/src/ntfsprogs"
	all=$(for t in $tools; do objects_of "$t"; done | tr ' ' '\n' | sort -u)
	say "compile ntfsprogs objects"
	submake $all >"$work/make-progs.log" 2>&1 ||
		{ tail -30 "$work/make-progs.log" >&2; die "make failed (see $work/make-progs.log)"; }

	rm -rf "$progs"
	mkdir -p "$progs/obj" "$progs/bin"
	# One relocatable object per tool, holding all its objects (each with
	# its own utils.o). Every global it defines becomes local except its
	# renamed main, so same-named globals of different tools cannot clash
	# in the one binary. The tools' code is used as Debian ships it; only
	# symbol names change.
	for t in $tools; do
		ld -r -o "$progs/obj/$t.o" $(objects_of "$t")
		objcopy --redefine-sym main="${t}_main" "$progs/obj/$t.o"
		objcopy --keep-global-symbol="${t}_main" "$progs/obj/$t.o"
	done
	# The dispatcher's table, one TOOL(name) line per tool.
	for t in $tools; do echo "TOOL($t)"; done >"$progs/obj/tools.h"
	musl-gcc -O2 -Wall -static -I"$progs/obj" \
		-o "$progs/bin/ntfsprogs" "$here/ntfsprogs/ntfsprogs.c" \
		$(for t in $tools; do printf '%s ' "$progs/obj/$t.o"; done) \
		"$prefix/lib/libntfs-3g.a"
	strip "$progs/bin/ntfsprogs"
	for t in $tools; do
		ln -s ntfsprogs "$progs/bin/$t"
	done
	say "ntfsprogs: $(wc -c <"$progs/bin/ntfsprogs") bytes, tools: $tools"
}

# The same source built with the host's gcc and glibc, for the sanitizer
# build of diskmedic (Makefile: diskmedic-asan). Not sanitized itself: the
# library's upstream warnings include packed-member accesses that UBSan would
# turn into aborts, and those are ntfs-3g's to fix, not ours to trip over.
# A tree of its own: an automake tree configured in place cannot be
# configured again for a second compiler.
hostlib() {
	fetch
	v=$(describe)
	rm -rf "$hostwork" "$hostprefix"
	mkdir -p "$hostwork"
	"$here/fetch.sh" unpack "$src" "$hostwork/src"
	cd "$hostwork/src"
	say "host build: autoreconf"
	autoreconf -fi -I "$here/ntfsprogs" >"$hostwork/autoreconf.log" 2>&1 ||
		{ tail -20 "$hostwork/autoreconf.log" >&2; die "autoreconf failed"; }
	say "host build: configure"
	./configure CC=gcc CPPFLAGS= LDFLAGS= CFLAGS="-O2 -g -ffunction-sections -fdata-sections" \
		--prefix="$hostprefix" --exec-prefix="$hostprefix" \
		--disable-ntfs-3g --disable-shared --enable-static --disable-crypto \
		--without-uuid --without-hd --disable-plugins --disable-mtab \
		--disable-ldconfig --disable-mount-helper \
		>"$hostwork/configure.log" 2>&1 ||
		{ tail -20 "$hostwork/configure.log" >&2; die "host configure failed (see $hostwork/configure.log)"; }
	say "host build: make libntfs-3g"
	submake -C libntfs-3g >"$hostwork/make-lib.log" 2>&1 ||
		{ tail -30 "$hostwork/make-lib.log" >&2; die "host make failed (see $hostwork/make-lib.log)"; }
	submake -C include install >/dev/null
	submake -C libntfs-3g install >/dev/null
	echo "$v" >"$hostprefix/VERSION"
	say "host libntfs-3g $v installed in $hostprefix"
}

case ${1:-all} in
fetch) fetch ;;
hostlib) hostlib ;;
lib) lib ;;
progs) progs ;;
all) fetch; lib; progs ;;
*) die "usage: $0 [fetch|lib|progs|hostlib|all]" ;;
esac
