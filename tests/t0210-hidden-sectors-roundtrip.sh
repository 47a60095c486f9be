#!/bin/sh
test_description='hidden sectors 63 on a partition at 2048: found, fixed in the hidden-sectors field of both boot sectors, undone; and geometry plus hidden sectors in one fix'
. "$(dirname "$0")/lib.sh"

# Offsets from the lab's sidecar of IMG (copies share the layout) and the BPB.
part_off() { echo $(($(sed -n 's/^part_start=//p' "$1.lab") * $(sed -n 's/^sector_size=//p' "$1.lab"))); }
le() { od -An -t "u$3" -j "$2" -N "$3" --endian=little "$1" | tr -d ' '; }
backup_off() { _p=$(part_off "$1"); echo $((_p + $(le "$1" $((_p + 40)) 8) * $(le "$1" $((_p + 11)) 2))); }
changed() { cmp -l "$1" "$2" | awk '{ print $1 - 1 }'; }
# True when the integer N is among the evidence values of finding CODE
has_int() { json_get "$1" "$3 in [v for f in r['disks'][0]['findings'] if f['code'] == '$2' for v in f['evidence'].values() if isinstance(v, int)]"; }

test_expect_success 'the lab writes hidden sectors 63 into both boot sectors' '
	"$DISKMEDIC_LAB" make hidden-sectors hs.img --seed 210 &&
	p=$(part_off hs.img) b=$(backup_off hs.img) &&
	test $p = $((2048 * 512)) &&
	test "$(bytes hs.img $((p + 28)) 4)" = 3f000000 &&
	test "$(bytes hs.img $((b + 28)) 4)" = 3f000000 &&
	cp --sparse=always hs.img hs.orig && cp hs.img.lab hs.orig.lab
'

test_expect_success 'scan reports vbr-hidden-sectors-mismatch (63 vs 2048) and exits 4' '
	expect_exit 4 "$DISKMEDIC" scan --json hs.img >scan.json &&
	codes scan.json | grep -qx vbr-hidden-sectors-mismatch &&
	test "$(has_int scan.json vbr-hidden-sectors-mismatch 63)" = True &&
	test "$(has_int scan.json vbr-hidden-sectors-mismatch 2048)" = True &&
	test "$(json_get scan.json "r[\"disks\"][0][\"partitions\"][0][\"start_lba\"]")" = 2048
'

test_expect_success 'fix --yes exits 1 and changes only the hidden-sectors field of both boot sectors' '
	expect_exit 1 "$DISKMEDIC" fix --yes --undo-dir undo hs.img &&
	p=$(part_off hs.img) b=$(backup_off hs.img) &&
	changed hs.orig hs.img >got &&
	printf "%s\n" $((p + 28)) $((p + 29)) $((b + 28)) $((b + 29)) >want &&
	diff want got &&
	test "$(bytes hs.img $((p + 28)) 4)" = 00080000 &&
	test "$(bytes hs.img $((b + 28)) 4)" = 00080000
'

test_expect_success 'rescan exits 0 and the files are intact' '
	expect_exit 0 "$DISKMEDIC" scan hs.img &&
	"$DISKMEDIC_LAB" verify hs.img
'

test_expect_success 'undo restores the sha256 exactly' '
	set -- undo/*.undo && test $# = 1 &&
	expect_exit 0 "$DISKMEDIC" undo --yes "$1" &&
	test "$(sha hs.img)" = "$(sha hs.orig)"
'

test_expect_success 'geometry-hidden: one fix --bios qemu repairs heads and hidden sectors together' '
	"$DISKMEDIC_LAB" make geometry-hidden gh.img --seed 211 &&
	cp --sparse=always gh.img gh.orig && cp gh.img.lab gh.orig.lab &&
	expect_exit 4 "$DISKMEDIC" scan --bios qemu --json gh.img >gh.json &&
	codes gh.json | grep -qx vbr-geometry-mismatch &&
	codes gh.json | grep -qx vbr-hidden-sectors-mismatch &&
	expect_exit 1 "$DISKMEDIC" fix --yes --bios qemu --undo-dir ghundo gh.img &&
	p=$(part_off gh.img) b=$(backup_off gh.img) &&
	changed gh.orig gh.img >got &&
	printf "%s\n" $((p + 26)) $((p + 28)) $((p + 29)) $((b + 26)) $((b + 28)) $((b + 29)) >want &&
	diff want got &&
	expect_exit 0 "$DISKMEDIC" scan --bios qemu gh.img
'

test_expect_success 'geometry-hidden: the one undo record restores the image byte for byte' '
	set -- ghundo/*.undo && test $# = 1 &&
	expect_exit 0 "$DISKMEDIC" undo --yes "$1" &&
	same_image gh.orig gh.img
'

test_done
