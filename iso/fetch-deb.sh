#!/bin/sh
# fetch-deb.sh BUILD PKG...
# Download Debian packages with apt-get download into BUILD/debs/ and unpack
# each into BUILD/pkgs/PKG/ with dpkg-deb -x. Both steps are skipped when
# their result is already there, so re-runs never touch the network.
# The package version is whatever apt's candidate is; the .deb name records it.
set -eu
build=$1; shift
mkdir -p "$build/debs" "$build/pkgs"
for p in "$@"; do
	deb=$(ls "$build/debs/${p}_"*.deb 2>/dev/null | head -n 1 || true)
	if [ -z "$deb" ]; then
		echo "fetch-deb: downloading $p"
		# apt's sandbox user cannot write into a root-owned build/ tree.
		(cd "$build/debs" && apt-get download -q -o APT::Sandbox::User=root "$p" ||
			{ apt-get update -q && apt-get download -q -o APT::Sandbox::User=root "$p"; })
		deb=$(ls "$build/debs/${p}_"*.deb | head -n 1)
	fi
	if [ ! -e "$build/pkgs/$p/.unpacked" ]; then
		rm -rf "$build/pkgs/$p"
		mkdir -p "$build/pkgs/$p"
		dpkg-deb -x "$deb" "$build/pkgs/$p"
		basename "$deb" > "$build/pkgs/$p/.unpacked"
	fi
done
