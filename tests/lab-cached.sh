#!/bin/sh
# diskmedic-lab for the tests, with a cache for `make`: a lab image is built
# once per kind, options and lab sources, and copied (holes kept) for every
# test that asks for it again. Everything else, and any `make` the cache
# cannot serve (an output that exists and is not a regular file, a failure),
# goes to the real diskmedic-lab unchanged. t0300, which tests the lab
# itself, calls the real one.
#   DM_LAB_REAL   the real diskmedic-lab
#   DM_LAB_CACHE  the cache directory (build/labcache)
set -u
lab=$DM_LAB_REAL cache=$DM_LAB_CACHE
[ "${1:-}" = make ] && [ $# -ge 3 ] || exec "$lab" "$@"
kind=$2 out=$3
shift 3
{ [ -e "$out" ] && [ ! -f "$out" ]; } && exec "$lab" make "$kind" "$out" "$@"
# The key: the request, and every file the lab builds from.
src=$(dirname "$lab")
key=$({ printf '%s\n' "$kind" "$@"; cat "$src"/* "$src"/../../tests/bootcode/* 2>/dev/null; } |
	sha256sum | cut -c1-24)
entry=$cache/$kind-$key
if [ ! -f "$entry/ok" ]; then
	mkdir -p "$cache" || exit 8
	tmp=$(mktemp -d "$cache/.new.XXXXXX") || exit 8
	if ! "$lab" make "$kind" "$tmp/img" "$@"; then
		rc=$?
		rm -rf "$tmp"
		# Again for real, so that the messages name the caller's output.
		exec "$lab" make "$kind" "$out" "$@"
	fi
	: >"$tmp/ok"
	# Another test may have built the same entry meanwhile: either is good.
	mv -T "$tmp" "$entry" 2>/dev/null || rm -rf "$tmp"
fi
rm -f "$out" "$out.lab" "$out.files.sha256"
cp --sparse=always "$entry/img" "$out" &&
	cp "$entry/img.lab" "$out.lab" &&
	cp "$entry/img.files.sha256" "$out.files.sha256"
