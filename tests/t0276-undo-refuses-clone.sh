#!/bin/sh
test_description='undo refuses a clone whose first 64 KiB match the recorded disk but whose NTFS volume differs (another serial), even where its bytes equal what the fix wrote; the record still undoes its own disk; old records load with a warning'
. "$(dirname "$0")/lib.sh"

# Two disks as VM clones from one template leave them: the same sfdisk
# layout with a fixed disk id (so sector 0 and the zeros up to the
# partition are equal: the first 64 KiB match), and an NTFS volume made by
# mkntfs -T (fixed time and seed, so the volumes are byte-equal) whose
# serial then differs, in both boot sectors.
SECTORS=131072 START=2048
PSECT=$((SECTORS - START))
POFF=$((START * 512))
BOFF=$((POFF + (PSECT - 1) * 512))	# mkntfs puts the backup in the last sector

poke() { printf "$3" | dd of="$1" bs=1 seek="$2" conv=notrunc status=none; }

# mkclone IMG SERIAL: SERIAL is printf octal escapes for 8 bytes.
mkclone() {
	rm -f "$1" "$1.part" &&
	truncate -s $((SECTORS * 512)) "$1" &&
	printf 'label: dos\nlabel-id: 0x2750c10e\nstart=%s, type=7\n' $START |
		sfdisk -q "$1" >/dev/null &&
	truncate -s $((PSECT * 512)) "$1.part" &&
	mkntfs -q -F -T -Q -L CLONE -s 512 -H 255 -S 63 -p $START "$1.part" >/dev/null 2>&1 &&
	poke "$1.part" 72 "$2" && poke "$1.part" $(((PSECT - 1) * 512 + 72)) "$2" &&
	dd if="$1.part" of="$1" bs=1M seek=1 conv=notrunc,sparse status=none &&
	rm -f "$1.part"
}

test_expect_success 'setup: two clones, first 64 KiB equal, NTFS serials differ' '
	mkclone a.img "\\001\\002\\003\\004\\005\\006\\007\\010" &&
	mkclone b.img "\\021\\022\\023\\024\\025\\026\\027\\030" &&
	cmp -n 65536 a.img b.img &&
	! cmp -s a.img b.img &&
	test "$(bytes a.img $((POFF + 72)) 8)" = 0102030405060708 &&
	test "$(bytes b.img $((BOFF + 72)) 8)" = 1112131415161718 &&
	expect_exit 0 "$DISKMEDIC" scan --bios none b.img &&
	cp --sparse=always a.img a.orig && cp --sparse=always b.img b.orig
'

# The case where the bytes prove nothing: clone A had wrong hidden sectors
# (63) in both boot sectors, fix set them to 2048; healthy clone B holds 2048
# there too, exactly the bytes the fix wrote.
test_expect_success 'clone A: wrong hidden sectors fixed, with an undo record' '
	poke a.img $((POFF + 28)) "\\077\\000" && poke a.img $((BOFF + 28)) "\\077\\000" &&
	cp --sparse=always a.img a.damaged &&
	expect_exit 1 "$DISKMEDIC" fix --yes --bios none --undo-dir undo1 a.img &&
	same_image a.orig a.img &&
	set -- undo1/*.undo && test $# = 1 && cp "$1" hidden.undo
'

test_expect_success 'its record run against healthy clone B (bytes equal the after-bytes): exit 8, B unchanged' '
	expect_exit 8 "$DISKMEDIC" undo --yes --undo-dir u1 --target b.img hidden.undo 2>err &&
	cat err &&
	same_image b.orig b.img &&
	grep -q "serial" err
'

test_expect_success '--force still overrides the evidence' '
	cp --sparse=always b.orig b.forced &&
	expect_exit 0 "$DISKMEDIC" undo --yes --force --undo-dir u2 --target b.forced hidden.undo &&
	test "$(bytes b.forced $((POFF + 28)) 4)" = 3f000000
'

test_expect_success 'the record still undoes its own disk' '
	expect_exit 0 "$DISKMEDIC" undo --yes --undo-dir u3 hidden.undo &&
	same_image a.damaged a.img
'

# The case that started this: the primary boot sector zeroed, restored from the
# backup. The evidence is read from the backup (the primary is the change).
test_expect_success 'clone A: primary boot sector zeroed, restored from the backup' '
	cp --sparse=always a.orig a.img &&
	dd if=/dev/zero of=a.img bs=512 seek=$START count=1 conv=notrunc status=none &&
	cp --sparse=always a.img a.damaged &&
	expect_exit 1 "$DISKMEDIC" fix --yes --bios none --undo-dir undo2 a.img &&
	same_image a.orig a.img &&
	set -- undo2/*.undo && test $# = 1 && cp "$1" boot.undo &&
	grep -q "^ntfs-serial .* 0102030405060708 " boot.undo
'

test_expect_success 'that record against healthy clone B: exit 8, B unchanged' '
	cp --sparse=always b.orig b.img &&
	expect_exit 8 "$DISKMEDIC" undo --yes --undo-dir u4 --target b.img boot.undo &&
	same_image b.orig b.img
'

test_expect_success 'and it undoes its own disk' '
	expect_exit 0 "$DISKMEDIC" undo --yes --undo-dir u5 boot.undo &&
	same_image a.damaged a.img
'

test_expect_success 'a record without the evidence lines (older diskmedic) loads, warns, and undoes' '
	cp --sparse=always a.orig a.img &&
	sed -e "/^window /d" -e "/^ntfs-serial /d" -e "/^gpt-disk-guid /d" \
		-e "s/^diskmedic-undo 2$/diskmedic-undo 1/" boot.undo >old.undo &&
	head -n 1 old.undo | grep -qx "diskmedic-undo 1" &&
	expect_exit 0 "$DISKMEDIC" undo --yes --undo-dir u6 old.undo 2>err &&
	cat err && grep -q "older" err &&
	same_image a.damaged a.img
'

test_done
