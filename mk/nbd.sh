#!/bin/sh
# mk/nbd.sh - libnbd from Debian's libnbd source, static, for diskmedic.
#
#     mk/nbd.sh fetch    newest libnbd source the archive serves -> build/src/libnbd/
#     mk/nbd.sh lib      libnbd.a + libnbd.h + VERSION, musl-gcc -> build/nbd/
#     mk/nbd.sh hostlib  the same with the host gcc/glibc        -> build/nbd-host/
#                        (for build/diskmedic-asan)
# mk/nbd.mk drives these with stamp files; docs/images.md says why: a VM disk
# image (qcow2, vmdk, vhdx, ...) is read and written through qemu-nbd, and
# libnbd is the client side of that socket.
#
# Only the library is built: no TLS (gnutls), no nbd:// URIs (libxml2), no
# nbdfuse/nbdublk, no language bindings, no manual pages. diskmedic talks to
# a qemu-nbd it started itself on a private unix socket and needs none of them.
#
# Environment: BUILD_DIR (default <repo>/build), MAKE.
# SPDX-License-Identifier: GPL-2.0-or-later
set -eu

here=$(cd "$(dirname "$0")" && pwd)
name=nbd
. "$here/common.sh"	# $build, say, die, run, ...
src=$build/src/libnbd

fetch() {
	"$here/fetch.sh" source libnbd "$src"
}

# build CC PREFIX WORK: configure libnbd for the library alone and install
# the static library, its header and the source version into PREFIX.
build() {
	cc=$1 prefix=$2 work=$3
	fresh_source "$work" "$prefix"
	kheaders "$work/kheaders"
	# The shipped generated files are current; a patched Makefile.am must
	# not send make into autoreconf.
	touch aclocal.m4 && touch configure Makefile.in config.h.in
	say "configure ($cc)"
	run "$work/configure.log" configure ./configure CC="$cc" CPPFLAGS= LDFLAGS= \
		CFLAGS="-O2 -g -ffunction-sections -fdata-sections -isystem $work/kheaders" \
		--prefix="$prefix" --disable-shared --enable-static \
		--without-gnutls --without-libxml2 --disable-fuse --disable-ublk \
		--disable-ocaml --disable-python --disable-golang --disable-rust \
		--without-bash-completions
	say "make libnbd"
	run "$work/make.log" make submake -C common/include
	run "$work/make.log.utils" make submake -C common/utils
	run "$work/make.log.lib" make submake -C lib libnbd.la
	mkdir -p "$prefix/lib" "$prefix/include"
	cp lib/.libs/libnbd.a "$prefix/lib/"
	cp include/libnbd.h "$prefix/include/"
	cat "$src/VERSION" >"$prefix/VERSION"
	say "libnbd $(cat "$src/VERSION") ($cc) installed in $prefix"
}

case ${1:-} in
fetch) fetch ;;
lib) build musl-gcc "$build/nbd" "$build/nbd-build" ;;
hostlib) build gcc "$build/nbd-host" "$build/nbd-host-build" ;;
*) die "usage: $0 fetch|lib|hostlib" ;;
esac
