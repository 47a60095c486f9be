#!/bin/sh
test_description='--bios auto|none|qemu|H/S: which geometry is used, and the report says so'
. "$(dirname "$0")/lib.sh"

# A fake /sys/firmware/edd, as the kernel's edd module lays it out.
fake_edd() { # DIR N SIGNATURE MAXHEAD SPT
	mkdir -p "$1/sys/firmware/edd/int13_dev8$2" &&
	echo "$3" >"$1/sys/firmware/edd/int13_dev8$2/mbr_signature" &&
	echo "$4" >"$1/sys/firmware/edd/int13_dev8$2/legacy_max_head" &&
	echo "$5" >"$1/sys/firmware/edd/int13_dev8$2/legacy_sectors_per_track"
}
geom() { json_get "$1" "r['disks'][0]['bios_geometry'] and '%d/%d %s' % (r['disks'][0]['bios_geometry']['heads'], r['disks'][0]['bios_geometry']['sectors_per_track'], r['disks'][0]['bios_geometry']['source'])"; }

test_expect_success 'setup: the seed disk' '
	"$DISKMEDIC_LAB" make geometry-255 $TRASH/disk.img --seed 7 >/dev/null &&
	sig=$(dd if=disk.img bs=1 skip=440 count=4 status=none | od -An -tx4 | tr -d " ") &&
	test "$sig" != 00000000 && echo "0x$sig" >sig
'

test_expect_success 'auto: EDD matched by MBR signature wins (source edd, 128/63)' '
	fake_edd edd1 0 "$(cat sig)" 127 63 &&
	expect_exit 4 env DISKMEDIC_SYSROOT=$TRASH/edd1 $DISKMEDIC scan --json disk.img >r.json &&
	test "$(geom r.json)" = "128/63 edd" &&
	codes r.json | grep -qx vbr-geometry-mismatch
'

test_expect_success 'auto: EDD says 255/63 for this disk: no geometry finding' '
	fake_edd edd2 0 "$(cat sig)" 254 63 &&
	DISKMEDIC_SYSROOT=$TRASH/edd2 $DISKMEDIC scan --json disk.img >r.json &&
	test "$(geom r.json)" = "255/63 edd" &&
	! codes r.json | grep -q vbr-geometry-mismatch
'

test_expect_success 'auto: two EDD drives with the same signature: no match, the note says why, MBR CHS used' '
	fake_edd edd3 0 "$(cat sig)" 127 63 && fake_edd edd3 1 "$(cat sig)" 127 63 &&
	DISKMEDIC_SYSROOT=$TRASH/edd3 $DISKMEDIC scan --json disk.img >r.json &&
	test "$(geom r.json)" = "255/63 mbr-chs" &&
	json_get r.json "r[\"disks\"][0][\"bios_geometry_note\"]" | tee note &&
	grep -qi "sign" note
'

test_expect_success 'auto: no EDD at all falls back to the MBR CHS entries' '
	mkdir -p empty &&
	DISKMEDIC_SYSROOT=$TRASH/empty $DISKMEDIC scan --json disk.img >r.json &&
	test "$(geom r.json)" = "255/63 mbr-chs"
'

test_expect_success 'qemu: the SeaBIOS prediction for this 2 GiB disk is 128/63' '
	expect_exit 4 $DISKMEDIC scan --bios qemu --json disk.img >r.json &&
	test "$(geom r.json)" = "128/63 qemu"
'

test_expect_success 'H/S: given explicitly (source user)' '
	expect_exit 4 $DISKMEDIC scan --bios 64/32 --json disk.img >r.json &&
	test "$(geom r.json)" = "64/32 user"
'

test_expect_success 'none: geometry null and no geometry findings' '
	$DISKMEDIC scan --bios none --json disk.img >r.json &&
	test "$(geom r.json)" = "None"
'

test_expect_success 'bad --bios values are bad arguments (8, CONTRACT.md), with a message' '
	for v in 0/63 256/63 255/64 foo 12; do
		expect_exit 8 $DISKMEDIC scan --bios $v disk.img 2>err || exit 1
		grep -q "bios" err || exit 1
	done
'

test_done
