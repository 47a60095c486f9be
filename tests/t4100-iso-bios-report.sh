#!/bin/sh
test_description='the ISO boots from CD under SeaBIOS in report mode, prints the JSON report on serial, leaves the disks byte-identical and the boot medium out'
. "$(dirname "$0")/lib.sh"
. "$SRCDIR/tests/lib-qemu.sh"

test_expect_success 'the ISO is built' 'iso_ready'

test_expect_success 'three damaged disks from the lab' '
	"$DISKMEDIC_LAB" make geometry-hidden a.img --seed 4101 >/dev/null &&
	"$DISKMEDIC_LAB" make mbr-signature-missing b.img --seed 4102 >/dev/null &&
	"$DISKMEDIC_LAB" make ntfs-backup-zeroed c.img --seed 4103 >/dev/null &&
	sha_record a.img b.img c.img >before.sha
'

test_expect_success 'report mode: IDE and virtio disks, JSON between the markers' '
	iso_boot vm bios "diskmedic.mode=report diskmedic.after=poweroff" \
		-drive file=a.img,format=raw,if=ide,index=0 \
		-drive file=b.img,format=raw,if=virtio \
		-drive file=c.img,format=raw,if=virtio &&
	grep -x -- "-----BEGIN DISKMEDIC REPORT-----" vm/serial.txt &&
	grep -x -- "-----END DISKMEDIC REPORT-----" vm/serial.txt &&
	qemu_report vm >report.json &&
	python3 -m json.tool report.json >/dev/null
'

test_expect_success 'coldplug found every disk; the CD we booted from is left out' '
	report_paths report.json | sort >paths &&
	printf "/dev/sda\n/dev/vda\n/dev/vdb\n" >want &&
	diff want paths &&
	grep "booted from /dev/sr0" vm/serial.txt
'

test_expect_success 'each disk shows the codes its damage should produce' '
	for pair in a:/dev/sda:geometry-hidden b:/dev/vda:mbr-signature-missing c:/dev/vdb:ntfs-backup-zeroed; do
		kind=${pair##*:} dev=${pair#*:}; dev=${dev%%:*}
		report_codes report.json $dev >got.$kind &&
		for c in $("$DISKMEDIC_LAB" expect $kind); do
			grep -qx "$c" got.$kind || { echo "$dev: no $c in: $(cat got.$kind)"; exit 1; }
		done
	done
'

test_expect_success 'the disk images are byte-identical after the boot' '
	sha_check before.sha
'

test_done
