# mk/common.sh - what the library build scripts (mk/ntfs3g.sh, blkid.sh, hivex.sh, nbd.sh)
# share. Sourced, not run; the sourcing script sets $name (its message prefix)
# and $here (mk/).
# SPDX-License-Identifier: GPL-2.0-or-later

# The build directory, absolute: BUILD_DIR, default <repo>/build.
build=${BUILD_DIR:-$here/../build}
mkdir -p "$build"
build=$(cd "$build" && pwd)

say() { echo "$name: $*" >&2; }
die() { say "$*"; exit 1; }

# The .mk fragments pass $(MAKE) for the jobserver, so make runs these
# recipes even under "make -n", "-q" and "-t"; none of those may build anything.
first=${MAKEFLAGS:-}
first=${first%% *}
case $first in
-*) ;;
*[nqt]*) say "make -n/-q/-t: not running $0 ${1:-all}"; exit 0 ;;
esac

# Run a library's own make: inside our make's jobserver when there is one,
# else with one job per core. Variable overrides given to the outer make
# (make CFLAGS=...) must not leak into the library's configured build.
submake() {
	flags=$(printf '%s' "${MAKEFLAGS:-}" | sed -e 's/\(^\| \)-- .*//')
	case $flags in
	*jobserver*) MAKEFLAGS=$flags ${MAKE:-make} "$@" ;;
	*) MAKEFLAGS= ${MAKE:-make} -j"$(nproc)" "$@" ;;
	esac
}

# kheaders DIR: musl-gcc searches only musl's headers, and a few library
# sources need the kernel's. Expose just linux/ asm/ asm-generic/ in DIR, not
# glibc's headers beside them.
kheaders() {
	multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH)
	mkdir -p "$1"
	ln -sfn /usr/include/linux "$1/linux"
	ln -sfn "/usr/include/$multiarch/asm" "$1/asm"
	ln -sfn /usr/include/asm-generic "$1/asm-generic"
}

# run LOG WHAT CMD...: run CMD with its output in LOG; on failure show the
# log's end and stop.
run() {
	log=$1 what=$2; shift 2
	"$@" >"$log" 2>&1 || { tail -30 "$log" >&2; die "$what failed (see $log)"; }
}

# fresh_source WORK PREFIX: the source package fetched (the script's own
# fetch), WORK and PREFIX emptied, the source unpacked into WORK/src, which
# becomes the current directory.
fresh_source() {
	fetch
	rm -rf "$1" "$2"
	mkdir -p "$1"
	"$here/fetch.sh" unpack "$src" "$1/src"
	cd "$1/src"
}
