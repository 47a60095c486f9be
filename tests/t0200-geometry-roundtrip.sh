#!/bin/sh
test_description='seed 000 disk (2 GiB, MBR and BPB say 255/63) under qemu geometry: found, fixed in the heads field only, undone byte for byte'
. "$(dirname "$0")/lib.sh"

# Byte offsets of the volume (disk.img and its copies share one layout) and
# of its backup boot sector, from the lab sidecar and the BPB (not assumed).
part_off() { echo $(($(sed -n "s/^part_start=//p" disk.img.lab) * $(sed -n "s/^sector_size=//p" disk.img.lab))); }
le() { od -An -t "u$3" -j "$2" -N "$3" --endian=little "$1" | tr -d ' '; }
backup_off() { _p=$(part_off "$1"); echo $((_p + $(le "$1" $((_p + 40)) 8) * $(le "$1" $((_p + 11)) 2))); }
# 0-based offsets of the bytes that differ between two files
changed() { cmp -l "$1" "$2" | awk '{ print $1 - 1 }'; }
bios() { json_get "$1" "(r['disks'][0]['bios_geometry'] or {}).get('$2')"; }
# the values of a finding's evidence fields whose names mention heads
heads_evidence() {
	json_get "$1" "sorted(v for f in r['disks'][0]['findings'] if f['code'] == '$2' for k, v in f['evidence'].items() if 'heads' in k and isinstance(v, int))"
}

test_expect_success 'the lab makes the seed-000 disk: CHS and both BPBs say 255/63' '
	"$DISKMEDIC_LAB" make geometry-255 disk.img --seed 200 &&
	p=$(part_off disk.img) b=$(backup_off disk.img) &&
	test "$(bytes disk.img $((p + 24)) 4)" = 3f00ff00 &&
	test "$(bytes disk.img $((b + 24)) 4)" = 3f00ff00 &&
	test "$(bytes disk.img 451 1)" = fe &&
	cp --sparse=always disk.img orig.img
'

test_expect_success 'scan --bios qemu reports vbr-geometry-mismatch, BPB 255 vs BIOS 128, exit 4' '
	expect_exit 4 "$DISKMEDIC" scan --bios qemu --json disk.img >scan.json &&
	codes scan.json | grep -qx vbr-geometry-mismatch &&
	test "$(bios scan.json source)" = qemu &&
	test "$(bios scan.json heads)" = 128 &&
	test "$(bios scan.json sectors_per_track)" = 63 &&
	test "$(heads_evidence scan.json vbr-geometry-mismatch)" = "[128, 255]" &&
	same_image orig.img disk.img
'

test_expect_success 'the text report shows the BPB and the BIOS geometry' '
	expect_exit 4 "$DISKMEDIC" scan --bios qemu disk.img >scan.txt &&
	grep -q "BIOS geometry: 128 heads, 63 sectors/track (source: qemu)" scan.txt &&
	grep -q "vbr-geometry-mismatch: NTFS boot sector says 255 heads / 63 sectors per track, the BIOS (qemu) presents 128/63" scan.txt &&
	grep -q "bpb_heads  *255\$" scan.txt && grep -q "bios_heads  *128\$" scan.txt
'

test_expect_success 'fix --yes --bios qemu exits 1 and writes one undo record' '
	expect_exit 1 "$DISKMEDIC" fix --yes --bios qemu --undo-dir undo disk.img >fix.out &&
	set -- undo/*.undo && test $# = 1 && test -s "$1"
'

test_expect_success 'cmp -l: only the heads field of both NTFS boot sectors changed' '
	p=$(part_off orig.img) b=$(backup_off orig.img) &&
	changed orig.img disk.img >got &&
	printf "%s\n" $((p + 26)) $((b + 26)) >want &&
	diff want got &&
	test "$(bytes disk.img $((p + 26)) 2)" = 8000 &&
	test "$(bytes disk.img $((b + 26)) 2)" = 8000
'

test_expect_success 'rescan with --bios qemu exits 0' '
	expect_exit 0 "$DISKMEDIC" scan --bios qemu --json disk.img >rescan.json &&
	! codes rescan.json | grep -qx vbr-geometry-mismatch
'

test_expect_success 'the files on the volume are intact after the fix' '
	"$DISKMEDIC_LAB" verify disk.img
'

# cmp, not sha256: equal bytes prove more, and hashing 2 GiB twice takes 17 s here.
test_expect_success 'undo --yes restores the image byte for byte' '
	expect_exit 0 "$DISKMEDIC" undo --yes undo/*.undo &&
	same_image orig.img disk.img
'

test_expect_success '--bios 255/63 (given by the user) finds no geometry mismatch' '
	expect_exit 0 "$DISKMEDIC" scan --bios 255/63 --json orig.img >user.json &&
	test "$(bios user.json source)" = user &&
	test "$(bios user.json heads)" = 255 &&
	! codes user.json | grep -qx vbr-geometry-mismatch
'

test_expect_success '--bios none skips the geometry checks' '
	expect_exit 0 "$DISKMEDIC" scan --bios none --json orig.img >none.json &&
	test "$(json_get none.json "r[\"disks\"][0][\"bios_geometry\"]")" = None &&
	! codes none.json | grep -q geometry
'

test_expect_success 'a fix with --bios 255/63 has nothing to do and writes nothing' '
	cp --sparse=always orig.img same.img &&
	expect_exit 0 "$DISKMEDIC" fix --yes --bios 255/63 --undo-dir undo2 same.img &&
	same_image orig.img same.img &&
	! ls undo2/*.undo 2>/dev/null
'

test_done
