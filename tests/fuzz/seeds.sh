#!/bin/sh
# seeds.sh FUZZ_DIR DISKMEDIC: build the seed corpora in FUZZ_DIR/seeds from
# the lab's images (made in FUZZ_DIR/lab, then deleted: they are sparse but
# some are 2 GiB), and undo records from fixing them.
set -u
FZ=$1 DM=$2
SRC=$(cd "$(dirname "$0")/../.." && pwd)
LAB=$SRC/rescue/lab/diskmedic-lab
SEEDS=$FZ/seeds WORK=$FZ/lab
rm -rf "$SEEDS" "$WORK" && mkdir -p "$SEEDS/undo" "$WORK" || exit 1

# seed_from NAME KIND [LAB-OPTIONS...]: one lab image -> seeds for every target.
seed_from() {
	_name=$1 _kind=$2; shift 2
	if ! "$LAB" make "$_kind" "$WORK/$_name.img" "$@" >"$WORK/log" 2>&1; then
		echo "seeds.sh: lab make $_kind $* failed (skipped):" >&2
		tail -n 3 "$WORK/log" >&2
		return 0
	fi
	python3 "$SRC/tests/fuzz/lab2seeds.py" "$WORK/$_name.img" "$SEEDS" "$_name" || exit 1
	# Undo records: fix the image and keep what the writer saved.
	"$DM" fix --yes --undo-dir "$WORK/undo" "$WORK/$_name.img" >/dev/null 2>&1
	rm -f "$WORK/$_name.img"*
}

for kind in $("$LAB" list | cut -d' ' -f1); do
	seed_from "$kind" "$kind"
done
seed_from gpt-clean clean --table gpt
seed_from fat32-clean clean --fs fat32
seed_from fat32-gpt clean --fs fat32 --table gpt

# An extended partition with a chain of logical partitions: the lab's kinds
# have none, and the EBR walk is the probe's most delicate loop.
_img=$WORK/logical.img
truncate -s 64M "$_img" && printf '%s\n' 'label: dos' 'start=2048, size=8192, type=7' \
	'start=10240, type=5' 'size=8192, type=7' 'size=8192, type=b' 'size=8192, type=83' |
	sfdisk -q "$_img" >/dev/null 2>&1 && python3 "$SRC/tests/fuzz/lab2seeds.py" "$_img" "$SEEDS" logical
rm -f "$_img"

n=0
for u in "$WORK"/undo/*.undo; do
	[ -f "$u" ] || continue
	n=$((n + 1))
	cp "$u" "$SEEDS/undo/record-$n"
	# A record torn by a crash in the middle of its last line.
	head -c $(($(wc -c <"$u") - 20)) "$u" >"$SEEDS/undo/torn-$n"
done
# SYSTEM hives for fuzz_hive: every test kind of tests/lib-windows.sh and its
# hostile variants (built with hivexsh from hivex's images/minimal).
mkdir -p "$SEEDS/hive"
if (SRCDIR=$SRC BUILD=$(dirname "$FZ"); . "$SRC/tests/lib-windows.sh"; windows_ready >/dev/null &&
	for k in $WINDOWS_KINDS; do windows_hive "$k" "$SEEDS/hive/$k" || exit 1; done &&
	for h in $WINDOWS_HOSTILE; do
		windows_hostile_hive "$h" "$SEEDS/hive/win8-ide-disabled" "$SEEDS/hive/hostile-$h" || exit 1
	done) >"$WORK/hive.log" 2>&1; then :; else
	echo "seeds.sh: no SYSTEM hive seeds (tests/lib-windows.sh):" >&2
	tail -n 3 "$WORK/hive.log" >&2
fi
rm -rf "$WORK"
for t in mbr gpt ntfs_bpb fat_bpb bootcode undo probe scan ntfs hive; do
	c=$(ls "$SEEDS/$t" 2>/dev/null | wc -l)
	echo "seeds: $t $c"
	[ "$c" -gt 0 ] || { echo "seeds.sh: no seeds for $t" >&2; exit 1; }
done

