#!/bin/sh
# mk/fetch.sh - the one download helper of the build (docs/fetch.md).
#
#     mk/fetch.sh source PKG DIR   Debian source package PKG -> DIR/
#     mk/fetch.sh unpack DIR TREE  what "source" fetched, unpacked into TREE
#     mk/fetch.sh deb BUILD PKG... binary packages -> BUILD/debs/, each unpacked
#                                  into BUILD/pkgs/PKG/ (dpkg-deb -x)
#
# Why: the archive moves. A Sources or Packages index can list a version whose
# files the mirror no longer (or not yet) serves, and a security update can
# replace the version a build was made from. So the rule, for every download:
#   - list every version the indexes know, newest first, and take the newest
#     one that downloads completely; a version that is listed but not served
#     is skipped, never fatal;
#   - for a source package of which no version downloads whole, take the
#     newest listed upstream tarball (.orig) that downloads with the hash the
#     signed index gives, and build it without Debian's patches, saying so;
#   - when what was fetched is older than the newest listed version, print one
#     WARNING line (what was wanted, what was taken, that the newer one carries
#     fixes this build lacks) and keep it in DIR/WARNING;
#   - FETCH_MIN_VERSION (release builds) turns that warning into an error.
# Every file is downloaded by apt's own apt-helper against the hash of the
# signed index, so a file that arrives is the file the index names.
#
# DIR/ after "source": VERSION (the Debian version listed), KIND (debian: the
# whole source package; orig: the upstream tarball only), FILE (the .dsc or the
# tarball to unpack), WARNING (when older than wanted), and the files.
# A DIR with VERSION is a cache: no network, nothing listed again.
#
# Environment:
#     FETCH_APT_CONFIG   apt configuration to list and download with. Default:
#                        source packages through mk/apt-private.sh (the
#                        machine's release plus newer ones, under build/apt);
#                        binary packages through the machine's own lists.
#     FETCH_MIN_VERSION  fail when the version fetched is older than this
#     BUILD_DIR          for mk/apt-private.sh (default <repo>/build)
#
# SPDX-License-Identifier: GPL-2.0-or-later
set -eu

here=$(cd "$(dirname "$0")" && pwd)
helper=/usr/lib/apt/apt-helper
# apt drops to its sandbox user, which cannot write into root-owned build/.
sandbox="-o APT::Sandbox::User=root"

say() { echo "fetch: $*" >&2; }
die() { say "$*"; exit 1; }

# Use FETCH_APT_CONFIG when given; else $1 (private|machine).
use_apt() {
	if [ -n "${FETCH_APT_CONFIG:-}" ]; then
		APT_CONFIG=$FETCH_APT_CONFIG
		export APT_CONFIG
	elif [ "$1" = private ]; then
		APT_CONFIG=$("$here/apt-private.sh")
		export APT_CONFIG
	else
		unset APT_CONFIG
	fi
}

# listed PKG Sources|Packages: "VERSION SUITES" lines, newest first, one per
# version, SUITES being every suite that lists it (trixie,trixie-security).
listed() {
	apt-cache madison "$1" 2>/dev/null | awk -F'|' -v pkg="$1" -v kind="$2" '
		{ for (i = 1; i <= 3; i++) gsub(/^[[:space:]]+|[[:space:]]+$/, "", $i)
		  n = split($3, w, /[[:space:]]+/); sub(/\/.*/, "", w[2])
		  if ($1 != pkg || w[n] != kind) next
		  if (!($2 in s)) { order[++k] = $2; s[$2] = w[2] }
		  else if (index("," s[$2] ",", "," w[2] ",") == 0) s[$2] = s[$2] "," w[2] }
		END { for (i = 1; i <= k; i++) print order[i], s[order[i]] }' |
		newest_first
}

# Sort "VERSION REST" lines by Debian version order, newest first.
newest_first() {
	rest=$(cat)
	while [ -n "$rest" ]; do
		best=
		for v in $(echo "$rest" | cut -d' ' -f1); do
			if [ -z "$best" ] || dpkg --compare-versions "$v" gt "$best"; then best=$v; fi
		done
		echo "$rest" | awk -v v="$best" '$1 == v'
		rest=$(echo "$rest" | awk -v v="$best" '$1 != v')
	done
}

# uris CMD...: the files apt would download, as "URI NAME HASH" lines. It runs
# in an empty directory: apt-get leaves out files already in the current one.
uris() {
	(cd "$(mktemp -d)" && "$@" --print-uris -q 2>/dev/null; rmdir "$PWD") |
		sed -n "s/^'\([^']*\)' \([^ ]*\) [0-9]* \([^ ]*\)$/\1 \2 \3/p"
}

# has FILE HASH: FILE exists with HASH (apt's TYPE:HEX, the strongest the
# index gives).
has() {
	[ -f "$1" ] || return 1
	case $2 in
	SHA512:*) sum=sha512sum ;; SHA256:*) sum=sha256sum ;;
	SHA1:*) sum=sha1sum ;; MD5Sum:*) sum=md5sum ;; *) return 1 ;;
	esac
	[ "$($sum <"$1" | cut -d' ' -f1)" = "${2#*:}" ]
}

# get URI NAME HASH DIR: download into DIR/NAME unless a file with that hash
# is already there. apt-helper checks the hash before the file gets its name.
get() {
	has "$4/$2" "$3" && return 0
	rm -f "$4/$2"
	"$helper" $sandbox download-file "$1" "$4/$2" "$3" >/dev/null 2>&1 ||
		{ rm -f "$4/$2" "$4/$2.FAILED"; return 1; }
}

# older_than_wanted PKG GOT LIST: the warning line when GOT is not the newest
# listed version; LIST is listed()'s output.
older_than_wanted() {
	want=$(echo "$3" | head -n 1)
	[ "${want%% *}" = "$2" ] && return 0
	newer=$(echo "$3" | awk -v got="$2" '$1 == got { exit } { print }')
	what="fixes"
	echo "$newer" | grep -q -- '-security\(/\|$\)' && what="security fixes"
	echo "WARNING: $1: wanted ${want%% *} (${want#* }), built $2: the newer version" \
		"carries $what this build lacks (listed, but the archive does not serve it)"
}

# below_floor PKG VERSION: die when VERSION is older than FETCH_MIN_VERSION.
below_floor() {
	[ -n "${FETCH_MIN_VERSION:-}" ] || return 0
	dpkg --compare-versions "$2" ge "$FETCH_MIN_VERSION" && return 0
	die "$1: $2 is older than FETCH_MIN_VERSION=$FETCH_MIN_VERSION; refusing (unset it to build with a warning)"
}

source_pkg() {
	pkg=$1 dir=$2
	if [ -s "$dir/VERSION" ] && [ -s "$dir/FILE" ]; then
		say "$pkg $(cat "$dir/VERSION") ($(cat "$dir/KIND")) already in $dir (no download)"
		return 0
	fi
	use_apt private
	list=$(listed "$pkg" Sources)
	[ -n "$list" ] || die "$pkg: no source version is listed in the apt indexes"
	say "$pkg: versions listed: $(echo "$list" | cut -d' ' -f1 | tr '\n' ' ')"
	stage=$dir/.fetch
	rm -rf "$dir"
	mkdir -p "$stage"
	got= kind= file= tried=
	for v in $(echo "$list" | cut -d' ' -f1); do
		files=$(uris apt-get source --download-only "$pkg=$v")
		if [ -z "$files" ]; then
			tried="$tried $v(not found)"
			continue
		fi
		missing=
		echo "$files" | while read -r uri name hash; do
			get "$uri" "$name" "$hash" "$stage" || echo "$name"
		done >"$stage/missing"
		missing=$(cat "$stage/missing")
		if [ -z "$missing" ]; then
			got=$v kind=debian
			file=$(echo "$files" | awk '$2 ~ /\.dsc$/ { print $2 }')
			keep=$(echo "$files" | cut -d' ' -f2)
			break
		fi
		say "$pkg $v is listed but not served whole (missing: $(echo $missing)); trying the next older version"
		tried="$tried $v"
	done
	if [ -z "$got" ]; then
		# No complete source package: the newest upstream tarball whose
		# index hash matches. Its Debian patches are not applied.
		for v in $(echo "$list" | cut -d' ' -f1); do
			o=$(uris apt-get source --download-only "$pkg=$v" |
				awk '$2 ~ /\.orig\.tar\.[a-z0-9]+$/ { print; exit }')
			[ -n "$o" ] || continue
			set -- $o
			if get "$1" "$2" "$3" "$stage"; then
				got=$v kind=orig file=$2 keep=$2
				break
			fi
		done
		[ -n "$got" ] || die "$pkg: no version could be downloaded, neither a whole source package nor an upstream tarball; tried:$tried"
		say "WARNING: $pkg: no listed source package downloads whole (tried:$tried); building upstream $file of $got WITHOUT Debian's patches"
	fi
	below_floor "$pkg" "$got"
	warn=$(older_than_wanted "$pkg" "$got" "$list")
	for f in $keep; do mv "$stage/$f" "$dir/"; done
	rm -rf "$stage"
	if [ "$kind" = orig ]; then
		echo "$warn${warn:+ }Built from the upstream tarball of $got without Debian's patches." >"$dir/WARNING"
	elif [ -n "$warn" ]; then
		echo "$warn" >"$dir/WARNING"
	fi
	[ -s "$dir/WARNING" ] && say "$(cat "$dir/WARNING")"
	echo "$kind" >"$dir/KIND"
	echo "$file" >"$dir/FILE"
	echo "$got" >"$dir/VERSION.tmp" && mv "$dir/VERSION.tmp" "$dir/VERSION"
	say "$pkg $got ($kind) cached in $dir"
}

unpack() {
	dir=$(cd "$1" && pwd) tree=$2
	[ -s "$dir/FILE" ] || die "$dir holds no fetched source (run: $0 source PKG $dir)"
	rm -rf "$tree"
	mkdir -p "$(dirname "$tree")"
	case $(cat "$dir/KIND") in
	debian)
		# -x applies Debian's patches. The .dsc's signature cannot be
		# checked without debian-keyring; every file's hash was checked
		# against the signed index when it was downloaded.
		dpkg-source -q -x "$dir/$(cat "$dir/FILE")" "$tree" >&2 ;;
	orig)
		mkdir -p "$tree"
		tar -xf "$dir/$(cat "$dir/FILE")" -C "$tree" --strip-components=1 ;;
	*) die "$dir/KIND: unknown kind" ;;
	esac
}

# deb BUILD PKG...: the newest listed version of each that downloads.
deb() {
	build=$1; shift
	mkdir -p "$build/debs" "$build/pkgs"
	for p in "$@"; do
		d=$(ls "$build/debs/${p}_"*.deb 2>/dev/null | head -n 1 || true)
		if [ -z "$d" ]; then
			use_apt machine
			list=$(listed "$p" Packages)
			# A fresh machine may never have fetched its lists.
			if [ -z "$list" ] && [ -z "${FETCH_APT_CONFIG:-}" ]; then
				apt-get update -q >&2
				list=$(listed "$p" Packages)
			fi
			[ -n "$list" ] || die "$p: no version is listed in the apt indexes"
			got= tried=
			for v in $(echo "$list" | cut -d' ' -f1); do
				set -- $(uris apt-get download "$p=$v")
				if [ $# = 3 ] && get "$1" "$2" "$3" "$build/debs"; then
					got=$v d=$build/debs/$2
					break
				fi
				say "$p $v is listed but not served; trying the next older version"
				tried="$tried $v"
			done
			[ -n "$got" ] || die "$p: no listed version could be downloaded; tried:$tried"
			below_floor "$p" "$got"
			warn=$(older_than_wanted "$p" "$got" "$list")
			[ -z "$warn" ] || say "$warn"
			say "$p $got downloaded"
		fi
		if [ ! -e "$build/pkgs/$p/.unpacked" ]; then
			rm -rf "$build/pkgs/$p"
			mkdir -p "$build/pkgs/$p"
			dpkg-deb -x "$d" "$build/pkgs/$p"
			basename "$d" >"$build/pkgs/$p/.unpacked"
		fi
	done
}

case ${1:-} in
source) [ $# = 3 ] || die "usage: $0 source PKG DIR"; source_pkg "$2" "$3" ;;
unpack) [ $# = 3 ] || die "usage: $0 unpack DIR TREE"; unpack "$2" "$3" ;;
deb) [ $# -ge 3 ] || die "usage: $0 deb BUILD PKG..."; shift; deb "$@" ;;
*) die "usage: $0 source PKG DIR | unpack DIR TREE | deb BUILD PKG..." ;;
esac
