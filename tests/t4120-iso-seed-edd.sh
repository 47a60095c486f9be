#!/bin/sh
test_description='the seed scenario in the booted ISO: a 2 GiB IDE disk whose MBR and BPB say 255 heads; the BIOS (EDD) says 128/63; the ISO finds and fixes it.  A disk the BIOS really presents as 255/63 raises nothing.'
. "$(dirname "$0")/lib.sh"
. "$SRCDIR/tests/lib-qemu.sh"

part_off() { echo $(($(sed -n "s/^part_start=//p" "$1.lab") * $(sed -n "s/^sector_size=//p" "$1.lab"))); }
# Linux names the two IDE disks in whatever order their probes end, so the
# disks are told apart by size.
bios() { python3 -c 'import json,sys
r = json.load(open(sys.argv[1]))
g = [d for d in r["disks"] if d["size_bytes"] == int(sys.argv[2])][0]["bios_geometry"] or {}
print("%s/%s %s" % (g.get("heads"), g.get("sectors_per_track"), g.get("source")))' "$1" "$2"; }
dev_of_size() { python3 -c 'import json,sys
print([d["path"] for d in json.load(open(sys.argv[1]))["disks"] if d["size_bytes"] == int(sys.argv[2])][0])' "$1" "$2"; }
G2=2147483648 G3=3221225472

test_expect_success 'the ISO is built' 'iso_ready'

test_expect_success 'a seed-000 disk (2 GiB, MBR CHS and BPB 255/63) and a 3 GiB one made alike' '
	"$DISKMEDIC_LAB" make geometry-255 seed.img --seed 4121 >/dev/null &&
	"$DISKMEDIC_LAB" make geometry-255 real255.img --seed 4122 --size 3G >/dev/null &&
	test $(wc -c <seed.img) = $G2 && test $(wc -c <real255.img) = $G3 &&
	test "$(bytes seed.img $(($(part_off seed.img) + 26)) 2)" = ff00 &&
	sha_record seed.img real255.img >before.sha
'

# 3 GiB = 6291456 sectors = 391 cylinders of 255 x 63 (and a bit).
test_expect_success 'report mode: seed disk as qemu presents it, second disk forced to 255/63' '
	iso_boot vm bios "diskmedic.mode=report diskmedic.after=poweroff" \
		-drive file=seed.img,format=raw,if=none,id=d0 \
		-device ide-hd,drive=d0,bus=ide.0,unit=0 \
		-drive file=real255.img,format=raw,if=none,id=d1 \
		-device ide-hd,drive=d1,bus=ide.0,unit=1,lcyls=391,lheads=255,lsecs=63 &&
	qemu_report vm >report.json &&
	sha_check before.sha
'

test_expect_success 'the seed disk: vbr-geometry-mismatch, BIOS geometry 128/63 from edd' '
	report_codes report.json $(dev_of_size report.json $G2) >seed.codes &&
	grep -qx vbr-geometry-mismatch seed.codes &&
	test "$(bios report.json $G2)" = "128/63 edd"
'

test_expect_success 'the disk the BIOS presents as 255/63: geometry 255/63 from edd, no mismatch' '
	report_codes report.json $(dev_of_size report.json $G3) >real255.codes &&
	! grep -qx vbr-geometry-mismatch real255.codes &&
	test "$(bios report.json $G3)" = "255/63 edd"
'

test_expect_success 'autofix mode fixes the seed disk: the host sees BPB heads 128' '
	iso_boot vm2 bios "diskmedic.mode=autofix diskmedic.after=poweroff" \
		-drive file=seed.img,format=raw,if=ide,index=0 &&
	p=$(part_off seed.img) &&
	test "$(bytes seed.img $((p + 26)) 2)" = 8000 &&
	{ "$DISKMEDIC" scan --bios qemu --json seed.img >after.json; test $? -lt 8; } &&
	! codes after.json | grep -qx vbr-geometry-mismatch &&
	"$DISKMEDIC_LAB" verify seed.img
'

test_done
