#!/bin/sh
test_description='bad targets give a clear message and exit 8 without crashing; a valid 4Kn image scans with 4096-byte sectors'
. "$(dirname "$0")/lib.sh"

# refused TARGET: scan exits 8 (not a signal), and stderr names the target.
refused() {
	for mode in "" --json; do
		"$DISKMEDIC" scan $mode "$1" >out 2>err; rc=$?
		cat out err
		test $rc = 8 || { echo "scan $mode: expected exit 8, got $rc"; return 1; }
		grep -qF -- "$1" err || { echo "scan $mode: stderr does not name $1"; return 1; }
	done
}

test_expect_success 'a zero-length file' ': >empty.img && refused empty.img'
test_expect_success 'a 100-byte file' 'head -c 100 /dev/zero | tr "\0" "\125" >short.img && refused short.img'
test_expect_success 'a directory' 'mkdir adir && refused adir'
test_expect_success '/dev/null' 'refused /dev/null'
test_expect_success 'a missing path' 'refused no-such-disk.img'

test_expect_success 'fix and show refuse the same targets with exit 8' '
	: >empty2.img &&
	expect_exit 8 "$DISKMEDIC" fix --yes --undo-dir u empty2.img &&
	expect_exit 8 "$DISKMEDIC" show no-such-disk.img 0 &&
	test ! -s empty2.img
'

# sector_size PATH-OF-JSON, and the first partition's start
ssz() { json_get "$1" "r['disks'][0]['sector_size']"; }
p1_start() { json_get "$1" "r['disks'][0]['partitions'][0]['start_lba']"; }

test_expect_success 'a valid 4Kn MBR image scans: sector_size 4096, partition at LBA 256' '
	"$DISKMEDIC_LAB" make 4kn mbr4k.img --seed 250 &&
	{ "$DISKMEDIC" scan --json mbr4k.img >mbr4k.json; rc=$?; } &&
	{ test $rc = 0 || test $rc = 4; } &&
	test "$(ssz mbr4k.json)" = 4096 &&
	test "$(p1_start mbr4k.json)" = 256
'

test_expect_success 'a valid 4Kn GPT image scans: sector_size 4096, partition at LBA 256' '
	"$DISKMEDIC_LAB" make 4kn gpt4k.img --table gpt --seed 250 &&
	{ "$DISKMEDIC" scan --json gpt4k.img >gpt4k.json; rc=$?; } &&
	{ test $rc = 0 || test $rc = 4; } &&
	test "$(ssz gpt4k.json)" = 4096 &&
	test "$(p1_start gpt4k.json)" = 256
'

# With the volume's first sector gone, only its backup (the volume's last
# 4096-byte sector) tells the image's sector size.
test_expect_success 'a 4Kn MBR image whose NTFS boot sector is zeroed: 4096 from the backup, restored byte-exact' '
	cp --sparse=always mbr4k.img nb4k.img &&
	dd if=/dev/zero of=nb4k.img bs=4096 seek=256 count=1 conv=notrunc status=none &&
	expect_exit 4 "$DISKMEDIC" scan --json nb4k.img >nb4k.json &&
	test "$(ssz nb4k.json)" = 4096 &&
	codes nb4k.json | grep -qx ntfs-boot-sector-damaged &&
	expect_exit 1 "$DISKMEDIC" fix --yes --undo-dir undo-nb4k nb4k.img >/dev/null &&
	same_image nb4k.img mbr4k.img
'

# libntfs-3g on 4096-byte sectors: a changed LSN in $MFTMirr's copy of
# record 1 (found from the BPB: mirror LCN x cluster size, records of
# 2^-n bytes), repaired from $MFT through the library and the writer.
test_expect_success 'a 4Kn NTFS volume whose $MFTMirr differs: found, repaired byte-exact' '
	cp --sparse=always mbr4k.img mm4k.img &&
	python3 -c "import struct,sys
f = open(sys.argv[1], \"r+b\"); base = 256 * 4096; f.seek(base); b = f.read(512)
cs = struct.unpack_from(\"<H\", b, 11)[0] * b[13]; c = struct.unpack_from(\"<b\", b, 0x40)[0]
rs = cs * c if c > 0 else 1 << -c
off = base + struct.unpack_from(\"<Q\", b, 0x38)[0] * cs + rs + 8
f.seek(off); x = f.read(1); f.seek(off); f.write(bytes([x[0] ^ 0xFF]))" mm4k.img &&
	! cmp -s mm4k.img mbr4k.img &&
	expect_exit 4 "$DISKMEDIC" scan --json mm4k.img >mm4k.json &&
	codes mm4k.json | grep -qx ntfs-mftmirr-mismatch &&
	expect_exit 1 "$DISKMEDIC" fix --yes --undo-dir undo-mm4k mm4k.img >/dev/null &&
	same_image mm4k.img mbr4k.img
'

# 1.5 of its 4096-byte sectors: the GPT header at LBA 1 is there, its
# partition entries and everything after are not.
test_expect_success 'a 4Kn GPT image cut to 6144 bytes: clear message, exit 8' '
	cp gpt4k.img cut4k.img && truncate -s 6144 cut4k.img &&
	refused cut4k.img
'

test_expect_success 'garbage (1 MiB of 0xFF) is not a crash: exit 0, 4 or 8' '
	head -c 1048576 /dev/zero | tr "\0" "\377" >ff.img &&
	{ "$DISKMEDIC" scan --json ff.img >ff.json 2>ff.err; rc=$?; } &&
	case $rc in 0|4|8) ;; *) echo "exit $rc" >&2; false ;; esac
'

# DM_FAULT_READ=N fails the Nth read with EIO (the test build's fault hooks,
# rescue/io/faults.h): the 5th read of a geometry-255 scan is late in the
# disk, after sector 0 and the partition table were read.
test_expect_success 'an I/O error during a scan: exit 8, a message, read_errors in both reports' '
	"$DISKMEDIC_LAB" make geometry-255 eio.img --seed 250 >/dev/null &&
	"$DISKMEDIC" scan --json --bios none eio.img >eio-clean.json &&
	grep -q "\"read_errors\":0,\"read_error\":null" eio-clean.json &&
	expect_exit 8 env DM_FAULT_READ=5 "$DISKMEDIC" scan --json --bios none eio.img >eio.json 2>eio.err &&
	grep -q "1 read failed during the scan" eio.err &&
	grep -q "\"read_errors\":1,\"read_error\":\"read error at offset [0-9]*: Input/output error\"" eio.json &&
	expect_exit 8 env DM_FAULT_READ=5 "$DISKMEDIC" scan --bios none eio.img >eio.txt 2>/dev/null &&
	grep -q "WARNING: 1 read failed (first: read error at offset" eio.txt
'

test_done
