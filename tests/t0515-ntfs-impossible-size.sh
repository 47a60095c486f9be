#!/bin/sh
test_description='an NTFS primary boot sector that claims an impossible size: never copied over the good backup by fix --yes, never handed to libntfs-3g'
. "$(dirname "$0")/lib.sh"

# The sector count the fuzz target found (0x00ffffffffffff84): libntfs-3g
# shifts it by the sector size's bits in a signed 64-bit integer.
test_expect_success 'setup: a clean lab disk whose primary NTFS boot sector claims 2^56 sectors' '
	"$DISKMEDIC_LAB" make clean d.img --seed 515 >/dev/null &&
	start=$(sed -n "s/^part_start=//p" d.img.lab) &&
	printf "\204\377\377\377\377\377\377\000" |
		dd of=d.img bs=1 seek=$((start * 512 + 40)) conv=notrunc status=none &&
	cp d.img d.orig
'

test_expect_success 'scan: the size finding, and the backup refresh offered only under --only' '
	expect_exit 4 "$DISKMEDIC" scan --json d.img >r.json &&
	codes r.json >got &&
	printf "ntfs-backup-boot-sector-damaged\nvbr-size-exceeds-partition\n" >want && test_cmp want got &&
	json_get r.json "[x[\"safe\"] for f in r[\"disks\"][0][\"findings\"] for x in f[\"fixes\"] if f[\"code\"] == \"ntfs-backup-boot-sector-damaged\"]" >got &&
	echo "[False]" >want && test_cmp want got
'

test_expect_success 'fix --yes writes nothing: the good backup is not overwritten' '
	{ "$DISKMEDIC" fix --yes --undo-dir u d.img >out; rc=$?; } &&
	test $((rc & 1)) = 0 && same_image d.img d.orig && ! ls u/*.undo 2>/dev/null
'

test_done
