#!/bin/sh
test_description='util-linux'"'"'s own blkid test images (from the Debian source package the build fetches), each
written at the start of a partition that held NTFS: the content libblkid'"'"'s test suite expects is named,
encrypted volumes are reported as such, no NTFS finding is above info, and fix --yes writes nothing'
. "$(dirname "$0")/lib.sh"
. "$SRCDIR/tests/lib-content.sh"

# mk/blkid.mk's host build unpacks util-linux's source here.
UL=$BUILD/blkid-host-build/src/tests
IMAGES="bitlocker-win7 luks1 luks2 lvm2 mdraid mdraid-1 zfs exfat xfs btrfs swap1 ddf-raid isw-raid"

# over_ntfs NAME: the image at the start of a partition that held NTFS. The
# partition is the image's size (at least 1.125 MiB: mkntfs wants more than
# 1 MiB), so that formats whose metadata sits at the device's end (md 0.90,
# DDF, Intel RAID) find it there.
over_ntfs() {
	xz -dc "$UL/ts/blkid/images-fs/$1.img.xz" >"$1.raw" || return 1
	_n=$(stat -c %s "$1.raw")
	_p=$(( (_n + 511) / 512 * 512 ))
	[ "$_p" -ge 1179648 ] || _p=1179648
	ntfs_part part.img "$_p" && dd if="$1.raw" of=part.img conv=notrunc status=none &&
	stale_ntfs_disk "$1.img" part.img && rm -f "$1.raw"
}

# The TYPE util-linux's own test suite expects of the image.
expected_type() { sed -n 's/^ID_FS_TYPE=//p' "$UL/expected/blkid/low-probe-$1"; }

if ! test -d "$UL/ts/blkid/images-fs"; then
	test_skip "util-linux blkid test images" "no util-linux source under $UL (make blkid)"
	test_done
	exit
fi

for n in $IMAGES; do
	test_expect_success "$n over a stale NTFS: $(expected_type $n), nothing written" "
		t=\$(expected_type $n) && test -n \"\$t\" &&
		over_ntfs $n && content_verdict $n.img \"\$t\"
	"
done

test_expect_success 'BitLocker and LUKS are reported encrypted (info), examined no further' '
	for n in bitlocker-win7 luks1 luks2; do
		test "$(severities $n.img.json partition-encrypted)" = info || return 1
		test "$(part1 $n.img.json "p[\"content\"][\"usage\"]")" = crypto || return 1
	done
'

test_done
