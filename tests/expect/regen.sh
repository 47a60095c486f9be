#!/bin/sh
# tests/expect/regen.sh [KIND...]: write the golden reports of the lab kinds
# (KIND.json and KIND.txt here) from the current build. t0325 compares a fresh
# scan of each kind with them. Run it on purpose, when a message or a field
# changes, and review `git diff tests/expect` as part of that change.
#     sh tests/expect/regen.sh            every kind
#     DISKMEDIC=build/diskmedic-asan sh tests/expect/regen.sh ntfs-dirty
set -eu
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
. "$here/golden.sh"
DISKMEDIC=${DISKMEDIC:-$src/build/diskmedic-asan}
LAB=$src/rescue/lab/diskmedic-lab
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
[ $# -gt 0 ] || set -- $("$LAB" list | cut -d" " -f1)
for k in "$@"; do
	golden_scan "$k" "$work" "$here/$k"
	echo "regen: tests/expect/$k.json, $k.txt"
done
