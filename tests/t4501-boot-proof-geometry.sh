#!/bin/sh
test_description='CHS boot proof.  Disks with test NTFS boot code (tests/bootcode) and syslinux MBR code boot in qemu: before, the seed-000 geometry (NT4 and XP style) and a hidden-sectors mismatch print "A disk read error occurred"; the ISO in autofix mode fixes them; after, they print BOOT OK.  BOOTMGR-style (LBA only) code with mismatched heads is a warning and is left byte-identical.'
. "$(dirname "$0")/lib.sh"
. "$SRCDIR/tests/lib-qemu.sh"

MBR_BIN=${MBR_BIN:-/usr/lib/syslinux/mbr/mbr.bin}
DISKS="seed xp hidden bootmgr"

# boot_alone IMG: boot IMG as the only (IDE) disk, print its first serial
# line (what the boot code says).  qemu is bounded by timeout and stopped as
# soon as the code has spoken.
boot_alone() {
	rm -rf "vm-alone"
	QEMU_TIMEOUT=60 qemu_start vm-alone -m 32 -drive file="$1",format=raw,if=ide,index=0
	qemu_expect vm-alone 'BOOT OK|A disk read error occurred' 45
	qemu_stop vm-alone
	tr -d '\r' <vm-alone/serial.log | grep -aE 'BOOT OK|A disk read error occurred' | head -n 1
}

# put_vbr_code IMG BIN: BIN (426 bytes) at offset 0x54 of both NTFS boot
# sectors (primary at the partition start, backup after the volume's last
# sector), as diskmedic-lab's --vbr-code does; the BPB stays as it is.
put_vbr_code() {
	_p=$(($(sed -n 's/^part_start=//p' "$1.lab") * 512))
	_tot=$(python3 -c 'import struct,sys
f = open(sys.argv[1], "rb"); f.seek(int(sys.argv[2]) + 0x28)
print(struct.unpack("<Q", f.read(8))[0])' "$1" $_p)
	dd if="$2" of="$1" bs=1 seek=$((_p + 84)) conv=notrunc status=none &&
		dd if="$2" of="$1" bs=1 seek=$((_p + _tot * 512 + 84)) conv=notrunc status=none
}

# geometry_findings REPORT: "boot_code severity bios-geometry" of each
# vbr-geometry-mismatch, one line per disk that has one.
geometry_findings() { python3 -c 'import json,sys
for d in json.load(open(sys.argv[1]))["disks"]:
    g = d["bios_geometry"] or {}
    for f in d["findings"]:
        if f["code"] == "vbr-geometry-mismatch":
            print(f["evidence"].get("boot_code"), f["severity"], "%s/%s" % (g.get("heads"), g.get("sectors_per_track")), g.get("source"))' "$1" | sort; }

# bios_list REPORT: "size geometry source" of each disk, by size.
bios_list() { python3 -c 'import json,sys
for d in sorted(json.load(open(sys.argv[1]))["disks"], key=lambda d: d["size_bytes"]):
    g = d["bios_geometry"] or {}
    print("%d GiB %s/%s %s" % (d["size_bytes"] >> 30, g.get("heads"), g.get("sectors_per_track"), g.get("source")))' "$1"; }

test_expect_success 'the ISO is built; the test boot code assembles' '
	iso_ready &&
	"$SRCDIR/tests/bootcode/build.sh" code &&
	test -s "$MBR_BIN"
'

test_expect_success 'four 2-10 GiB disks: seed 000 (NT4 code), the same with XP code, hidden sectors 63 (NT4 code, 10 GiB so the BIOS says 255/63 like the BPB), BOOTMGR code with 255 heads' '
	"$DISKMEDIC_LAB" make geometry-255 seed.img --seed 4501 >/dev/null &&
	"$DISKMEDIC_LAB" make geometry-255 xp.img --seed 4502 --vbr-code xp >/dev/null &&
	"$DISKMEDIC_LAB" make hidden-sectors hidden.img --seed 4503 --vbr-code nt4 --size 10G >/dev/null &&
	"$DISKMEDIC_LAB" make geometry-255 bootmgr.img --seed 4504 >/dev/null &&
	put_vbr_code bootmgr.img code/vbr-bootmgr.bin &&
	for d in $DISKS; do
		dd if="$MBR_BIN" of=$d.img bs=440 count=1 conv=notrunc status=none || exit 1
	done &&
	for d in $DISKS; do
		"$DISKMEDIC" scan --bios qemu --json $d.img >host.$d.json
		test $? = 4 || exit 1
	done &&
	geometry_findings host.seed.json | grep -qx "nt4 error 128/63 qemu" &&
	geometry_findings host.xp.json | grep -qx "xp error 128/63 qemu" &&
	geometry_findings host.bootmgr.json | grep -qx "bootmgr warning 128/63 qemu" &&
	codes host.hidden.json | grep -qx vbr-hidden-sectors-mismatch &&
	! codes host.hidden.json | grep -qx vbr-geometry-mismatch &&
	sha_record bootmgr.img >bootmgr.sha
'

test_expect_success 'before: each disk booted alone' '
	for d in $DISKS; do
		line=$(boot_alone $d.img)
		echo "$d: $line" >>before.txt
	done &&
	grep -qx "seed: A disk read error occurred" before.txt &&
	grep -qx "xp: A disk read error occurred" before.txt &&
	grep -qx "hidden: A disk read error occurred" before.txt &&
	grep -qx "bootmgr: BOOT OK" before.txt
'

while read -r l; do test_info "before  $l"; done <before.txt 2>/dev/null

# The four disks take both IDE channels, so the CD sits on an AHCI port.
test_expect_success 'the ISO in autofix mode, the four disks on IDE (CD on AHCI)' '
	ISO_MEDIUM=none iso_boot vm bios "diskmedic.mode=autofix diskmedic.after=poweroff" \
		-device ahci,id=ahci \
		-drive file="$ISO",format=raw,if=none,id=cd,media=cdrom,readonly=on \
		-device ide-cd,drive=cd,bus=ahci.0,bootindex=0 \
		-drive file=seed.img,format=raw,if=ide,index=0 \
		-drive file=xp.img,format=raw,if=ide,index=1 \
		-drive file=hidden.img,format=raw,if=ide,index=2 \
		-drive file=bootmgr.img,format=raw,if=ide,index=3 &&
	qemu_report vm >report.json &&
	test $(report_paths report.json | wc -l) = 4 &&
	test $(grep -acE "^/dev/sd[a-d]: 1 fix applied; 0 problems left" vm/serial.txt) = 3 &&
	grep -aqE "^/dev/sd[a-d]: 0 fixes applied; 1 problem left" vm/serial.txt &&
	geometry_findings report.json >iso.geometry &&
	cat iso.geometry &&
	test "$(cat iso.geometry)" = "bootmgr warning 128/63 edd" &&
	! codes report.json | grep -qx vbr-hidden-sectors-mismatch &&
	bios_list report.json >iso.bios &&
	cat iso.bios &&
	test "$(cat iso.bios)" = "2 GiB 128/63 edd
2 GiB 128/63 edd
2 GiB 128/63 edd
10 GiB 255/63 edd"
'

test_expect_success 'after: each disk booted alone' '
	for d in $DISKS; do
		line=$(boot_alone $d.img)
		echo "$d: $line" >>after.txt
	done &&
	grep -qx "seed: BOOT OK" after.txt &&
	grep -qx "xp: BOOT OK" after.txt &&
	grep -qx "hidden: BOOT OK" after.txt &&
	grep -qx "bootmgr: BOOT OK" after.txt
'

while read -r l; do test_info "after   $l"; done <after.txt 2>/dev/null

test_expect_success 'the fixed disks: BPB 128 heads, hidden sectors 2048, files intact; host scans clean of what was fixed' '
	for d in seed xp; do
		p=$(($(sed -n "s/^part_start=//p" $d.img.lab) * 512))
		test "$(bytes $d.img $((p + 26)) 2)" = 8000 || exit 1
		"$DISKMEDIC" scan --bios qemu --json $d.img >after.$d.json
		! codes after.$d.json | grep -qx vbr-geometry-mismatch || exit 1
	done &&
	p=$(($(sed -n "s/^part_start=//p" hidden.img.lab) * 512)) &&
	test "$(bytes hidden.img $((p + 28)) 4)" = 00080000 &&
	for d in seed xp hidden bootmgr; do "$DISKMEDIC_LAB" verify $d.img >/dev/null || exit 1; done
'

test_expect_success 'BOOTMGR code: autofix left the disk byte-identical' '
	sha_check bootmgr.sha
'

test_expect_success 'BOOTMGR code in host mode: fix --yes --bios qemu writes nothing, the warning stays' '
	expect_exit 4 "$DISKMEDIC" fix --yes --bios qemu --undo-dir undo bootmgr.img &&
	sha_check bootmgr.sha &&
	{ "$DISKMEDIC" scan --bios qemu --json bootmgr.img >host.bootmgr2.json; test $? -lt 8; } &&
	geometry_findings host.bootmgr2.json | grep -qx "bootmgr warning 128/63 qemu"
'

test_done
