#!/bin/sh
test_description='scan with no target finds its disks in /sys/block (DISKMEDIC_SYSROOT stands in for /): none found is an operational error, and a SAS controller with no disk behind it gets the hint about SAS addresses (qemu mptsas1068)'
. "$(dirname "$0")/lib.sh"

# A fake /sys: a block device entry the way the kernel shows one.
block() { mkdir -p "root/sys/block/$1/device" && echo "$2" >"root/sys/block/$1/size" && echo "$3" >"root/sys/block/$1/device/type"; }

test_expect_success 'no disks at all: exit 8, "no disks found", no hint' '
	mkdir -p root/sys/block &&
	expect_exit 8 env DISKMEDIC_SYSROOT=$PWD/root "$DISKMEDIC" scan >out 2>err &&
	grep -q "no disks found" err && ! grep -q "SAS" err
'

test_expect_success 'only an optical drive and an empty slot: still none' '
	block sr0 2097152 5 && block sdz 0 0 &&
	expect_exit 8 env DISKMEDIC_SYSROOT=$PWD/root "$DISKMEDIC" scan >out 2>err &&
	grep -q "no disks found" err
'

test_expect_success 'a SAS host and no SAS end device: the wwn hint' '
	mkdir -p root/sys/class/sas_host/host0 root/sys/class/sas_end_device &&
	expect_exit 8 env DISKMEDIC_SYSROOT=$PWD/root "$DISKMEDIC" scan >out 2>err &&
	grep -q "no SAS disk appeared" err && grep -q "wwn=" err
'

test_expect_success 'a SAS host with an end device: no hint' '
	mkdir -p root/sys/class/sas_end_device/end_device-0:0 &&
	expect_exit 8 env DISKMEDIC_SYSROOT=$PWD/root "$DISKMEDIC" scan >out 2>err &&
	! grep -q "SAS" err
'

test_expect_success 'a disk in the list is scanned (the list honours the root too)' '
	block vdq 2048 0 &&
	expect_exit 8 env DISKMEDIC_SYSROOT=$PWD/root "$DISKMEDIC" scan >out 2>err &&
	grep -q "/dev/vdq" out err
'
test_done
