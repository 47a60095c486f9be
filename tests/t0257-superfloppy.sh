#!/bin/sh
test_description='a whole-disk (superfloppy) filesystem, no partition table: NTFS made by mkntfs -p 0 over the whole image is one pseudo-partition (index 1, start 0, table none) and gets every NTFS check, $MFTMirr damaged by dd is found and repaired so that ntfsfix -n is clean; a whole-disk exFAT is named and never written; no lost-table search or MBR write on either'
. "$(dirname "$0")/lib.sh"

part() { json_get "$1" "r['disks'][0]['partitions'][0]['$2']"; }
u() { od -An -t"$1" -j"$2" -N"$3" "$4" | tr -d ' '; }
# mirr_rec1_lsn IMG: offset of the LSN (record + 8) of record 1 in $MFTMirr,
# from the BPB: cluster = bytes/sector x sectors/cluster, $MFTMirr's LCN at
# 0x38, record size at 0x40 (negative: 2^-v bytes)
mirr_rec1_lsn() {
	c=$(($(u u2 11 2 "$1") * $(u u1 13 1 "$1"))) rs=$(u d1 64 1 "$1")
	if [ "$rs" -lt 0 ]; then rs=$((1 << -rs)); else rs=$((rs * c)); fi
	echo $(($(u u8 56 8 "$1") * c + rs + 8))
}

test_expect_success 'setup: mkntfs over a whole 64 MiB image (-p 0)' '
	truncate -s 64M sf.img &&
	mkntfs -Q -F -p 0 -H 255 -S 63 sf.img >/dev/null 2>&1 &&
	ntfsfix -n sf.img >/dev/null &&
	cp sf.img sf.orig
'

test_expect_success 'healthy: clean (exit 0), one pseudo-partition over the whole disk, table none, NTFS' '
	expect_exit 0 "$DISKMEDIC" scan --json sf.img >h.json &&
	test "$(json_get h.json "r[\"disks\"][0][\"table\"]")" = none &&
	test "$(json_get h.json "len(r[\"disks\"][0][\"partitions\"])")" = 1 &&
	test "$(part h.json index)" = 1 && test "$(part h.json start_lba)" = 0 &&
	test "$(part h.json sectors)" = 131072 && test "$(part h.json type)" = whole-disk &&
	test "$(part h.json filesystem)" = ntfs &&
	test "$(json_get h.json "r[\"disks\"][0][\"partitions\"][0][\"content\"][\"type\"]")" = ntfs
'

test_expect_success 'no table is offered for it: scan has no mbr-partition-table-lost, search --deep --yes writes nothing' '
	! codes h.json | grep -qx mbr-partition-table-lost &&
	expect_exit 0 "$DISKMEDIC" search --deep --yes --undo-dir us sf.img >s.out 2>&1 &&
	grep -q "nothing to rebuild" s.out && same_image sf.img sf.orig && ! ls us/* 2>/dev/null
'

test_expect_success '$MFTMirr record 1 LSN changed: ntfsfix -n and diskmedic (exit 4) both see it' '
	o=$(mirr_rec1_lsn sf.img) &&
	printf "\377\377" | dd of=sf.img bs=1 seek=$((o + 6)) conv=notrunc status=none &&
	! cmp -s sf.img sf.orig &&
	{ ntfsfix -n sf.img >nf.out 2>&1 || :; } &&
	grep -q "MFTMirr does not match" nf.out &&
	expect_exit 4 "$DISKMEDIC" scan --json sf.img >m.json &&
	codes m.json | grep -qx ntfs-mftmirr-mismatch &&
	! codes m.json | grep -qx mbr-partition-table-lost &&
	test "$(json_get m.json "[f[\"partition\"] for f in r[\"disks\"][0][\"findings\"] if f[\"code\"]==\"ntfs-mftmirr-mismatch\"][0]")" = 1
'

test_expect_success 'fix --yes repairs it (exit 1), ntfsfix -n is clean, the disk is the original again' '
	expect_exit 1 "$DISKMEDIC" fix --yes --undo-dir u sf.img &&
	ntfsfix -n sf.img >nf2.out 2>&1 && ! grep -q "does not match" nf2.out &&
	grep -q "was processed successfully" nf2.out &&
	same_image sf.img sf.orig &&
	expect_exit 0 "$DISKMEDIC" scan sf.img
'

test_expect_success 'boot code bytes where MBR entries would be (both boot sectors alike): still the whole-disk NTFS, not a table' '
	cp sf.orig ent.img &&
	for off in 0 $((131071 * 512)); do
		printf "\000\001\001\000\007\376\377\377\000\010\000\000\000\370\001\000" |
			dd of=ent.img bs=1 seek=$((off + 446)) conv=notrunc status=none || return 1
	done &&
	expect_exit 0 "$DISKMEDIC" scan --json ent.img >ent.json &&
	test "$(json_get ent.json "r[\"disks\"][0][\"table\"]")" = none &&
	test "$(part ent.json start_lba)" = 0 && test "$(part ent.json filesystem)" = ntfs
'

test_expect_success 'a 4096-byte superfloppy NTFS (mkntfs -s 4096 -p 0) is read in 4096-byte sectors, clean' '
	truncate -s 64M sf4k.img &&
	mkntfs -Q -F -s 4096 -p 0 -H 255 -S 63 sf4k.img >/dev/null 2>&1 &&
	expect_exit 0 "$DISKMEDIC" scan --json sf4k.img >k.json &&
	test "$(json_get k.json "r[\"disks\"][0][\"sector_size\"]")" = 4096 &&
	test "$(part k.json filesystem)" = ntfs && test "$(part k.json sectors)" = 16384
'

test_expect_success 'a whole-disk exFAT is identified as exfat; fix --yes writes nothing' '
	truncate -s 64M ex.img && mkfs.exfat ex.img >/dev/null 2>&1 &&
	before=$(sha ex.img) &&
	expect_exit 0 "$DISKMEDIC" scan --json ex.img >e.json &&
	test "$(json_get e.json "r[\"disks\"][0][\"partitions\"][0][\"content\"][\"type\"]")" = exfat &&
	test "$(part e.json filesystem)" = exfat && test "$(part e.json start_lba)" = 0 &&
	! codes e.json | grep -q . &&
	expect_exit 0 "$DISKMEDIC" fix --yes --undo-dir u2 ex.img &&
	test "$(sha ex.img)" = "$before" && ! ls u2/* 2>/dev/null
'

test_expect_success 'an empty image (no table, no filesystem) has no partitions' '
	truncate -s 8M empty.img &&
	expect_exit 0 "$DISKMEDIC" scan --json empty.img >z.json &&
	test "$(json_get z.json "len(r[\"disks\"][0][\"partitions\"])")" = 0
'

test_done
