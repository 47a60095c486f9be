#!/bin/sh
test_description='--controller auto: the driver bound to the disk host, found by walking up the disk sysfs device
path (fake sysfs trees of an AHCI, a PIIX IDE, a virtio-blk, a virtio-scsi, an NVMe and a USB disk); an image file
knows none'
. "$(dirname "$0")/lib.sh"

# dev ROOT PATH DRIVER: a sysfs device directory with its driver link.
dev() {
	mkdir -p "$1/sys/$2" "$1/sys/bus/x/drivers/$3" && ln -s "$1/sys/bus/x/drivers/$3" "$1/sys/$2/driver"
}
# blk ROOT NAME PATH: /sys/block/NAME/device -> PATH.
blk() { mkdir -p "$1/sys/block/$2" && ln -s "$1/sys/$3" "$1/sys/block/$2/device"; }

test_expect_success 'build the lookup and a fake sysfs' '
	make -s -C "$SRCDIR" build/unit/controller_test >/dev/null &&
	cp "$BUILD/unit/controller_test" ctl &&
	R=$PWD/root && P=devices/pci0000:00 &&
	dev $R $P/0000:00:1f.2 ahci && dev $R $P/0000:00:1f.2/ata1/host0/target0:0:0/0:0:0:0 sd &&
	blk $R sda $P/0000:00:1f.2/ata1/host0/target0:0:0/0:0:0:0 &&
	dev $R $P/0000:00:01.1 ata_piix && dev $R $P/0000:00:01.1/ata2/host1/target1:0:0/1:0:0:0 sd &&
	blk $R sdb $P/0000:00:01.1/ata2/host1/target1:0:0/1:0:0:0 &&
	dev $R $P/0000:00:05.0 virtio-pci && dev $R $P/0000:00:05.0/virtio1 virtio_blk &&
	blk $R vda $P/0000:00:05.0/virtio1 &&
	dev $R $P/0000:00:06.0 virtio-pci && dev $R $P/0000:00:06.0/virtio2 virtio_scsi &&
	dev $R $P/0000:00:06.0/virtio2/host2/target2:0:0/2:0:0:0 sd &&
	blk $R sdc $P/0000:00:06.0/virtio2/host2/target2:0:0/2:0:0:0 &&
	dev $R $P/0000:00:04.0 nvme && mkdir -p $R/sys/$P/0000:00:04.0/nvme/nvme0 &&
	blk $R nvme0n1 $P/0000:00:04.0/nvme/nvme0 &&
	dev $R $P/0000:00:14.0 xhci_hcd && dev $R $P/0000:00:14.0/usb1/1-1/1-1:1.0 usb-storage &&
	dev $R $P/0000:00:14.0/usb1/1-1/1-1:1.0/host3/target3:0:0/3:0:0:0 sd &&
	blk $R sdd $P/0000:00:14.0/usb1/1-1/1-1:1.0/host3/target3:0:0/3:0:0:0
'

test_expect_success 'each disk maps to its host driver class' '
	DISKMEDIC_SYSROOT=$PWD/root ./ctl sda sdb vda sdc nvme0n1 sdd nosuch >got &&
	cat >want <<-EOF &&
	sda ahci sysfs:ahci
	sdb ide sysfs:ata_piix
	vda virtio-blk sysfs:virtio_blk
	sdc virtio-scsi sysfs:virtio_scsi
	nvme0n1 nvme sysfs:nvme
	sdd none -
	nosuch none -
	EOF
	test_cmp want got
'

test_expect_success 'an image file with --controller auto: controller null' '
	"$DISKMEDIC_LAB" make clean c.img --seed 812 >/dev/null &&
	{ "$DISKMEDIC" scan --json c.img >c.json; rc=$?; } && test $rc -le 4 &&
	test "$(json_get c.json "r[\"disks\"][0][\"controller\"]")" = None &&
	{ "$DISKMEDIC" scan --json --controller ahci c.img >c.json; rc=$?; } && test $rc -le 4 &&
	test "$(json_get c.json "r[\"disks\"][0][\"controller\"]")" = "{'"'"'name'"'"': '"'"'ahci'"'"', '"'"'source'"'"': '"'"'user'"'"'}"
'

test_done
