#!/bin/sh
test_description='lost partition tables: found by the quick and deep search, rebuilt equal to the original, undone'
. "$(dirname "$0")/lib.sh"

# mk3 IMG [gpt]: a 200 MiB disk with NTFS, FAT32 and ext4, each volume made
# in a file of its own and dd-ed into place (no loop devices, no mounts).
mk3() {
	rm -f "$1" p1 p2 p3
	truncate -s 200M "$1" || return 1
	if [ "${2:-}" = gpt ]; then
		sgdisk -n 1:2048:+60M -t 1:0700 -c 1:winvol -n 2:0:+50M -t 2:0700 -c 2:shared \
			-n 3:0:+60M -t 3:8300 -c 3:linux "$1" >/dev/null || return 1
	else
		printf 'label: dos\nstart=2048, size=60M, type=7\nsize=50M, type=c\nsize=60M, type=83\n' |
			sfdisk -q "$1" || return 1
	fi
	truncate -s 60M p1 && mkntfs -q -F -Q -p 2048 -H 255 -S 63 -L winvol p1 >/dev/null 2>&1 &&
	truncate -s 50M p2 && mkfs.fat -F 32 -h 124928 -n SHARED p2 >/dev/null &&
	truncate -s 60M p3 && mkfs.ext4 -q -F -L linux p3 &&
	dd if=p1 of="$1" bs=512 seek=2048 conv=notrunc status=none &&
	dd if=p2 of="$1" bs=512 seek=124928 conv=notrunc status=none &&
	dd if=p3 of="$1" bs=512 seek=227328 conv=notrunc status=none &&
	rm -f p1 p2 p3
}
# The table as sfdisk dumps it: partition lines, first/last LBA, types,
# GUIDs and names. label-id is left out where the test says it is lost.
table() { sfdisk -d "$1" | grep -v '^device:' | sed "s|^$1||"; }
table_no_id() { table "$1" | grep -v '^label-id:'; }
zero() { dd if=/dev/zero of="$1" bs=512 seek="$2" count="${3:-1}" conv=notrunc status=none; }
nsec() { echo $(($(stat -c %s "$1") / 512)); }

test_expect_success 'setup: MBR disk with NTFS, FAT32 and ext4; GPT disk with the same' '
	mk3 mbr.img && table mbr.img >mbr.table &&
	mk3 gpt.img gpt && table gpt.img >gpt.table &&
	grep -c start= mbr.table | grep -qx 3 && grep -c name= gpt.table | grep -qx 3
'

test_expect_success 'an intact disk: no finding, search finds the three volumes and rebuilds nothing' '
	expect_exit 0 "$DISKMEDIC" scan --json mbr.img >r.json && codes r.json >codes &&
	! grep -q mbr-partition-table-lost codes &&
	expect_exit 0 "$DISKMEDIC" search mbr.img >out && grep -q "nothing to rebuild" out &&
	test $(grep -c "^  yes " out) = 3
'

test_expect_success 'MBR zeroed: scan raises mbr-partition-table-lost with the three volumes' '
	cp --sparse=always mbr.img lost.img && zero lost.img 0 && cp --sparse=always lost.img lost.orig &&
	expect_exit 4 "$DISKMEDIC" scan --json lost.img >r.json &&
	codes r.json | grep -qx mbr-partition-table-lost &&
	json_get r.json "[f for f in r[\"disks\"][0][\"findings\"] if f[\"code\"]==\"mbr-partition-table-lost\"][0][\"evidence\"][\"volumes_found\"]" | grep -qx 3 &&
	expect_exit 4 "$DISKMEDIC" scan lost.img >out && grep -q "0x07  ntfs" out && grep -q "0x0c  fat32" out && grep -q "0x83  ext4" out
'

test_expect_success 'MBR zeroed: fix rebuilds a table equal to the original; undo restores the zeroed sector' '
	expect_exit 1 "$DISKMEDIC" fix --yes --undo-dir undo lost.img >out &&
	table_no_id lost.img >got && table_no_id mbr.img | diff - got &&
	expect_exit 0 "$DISKMEDIC" scan --json lost.img >r.json && ! codes r.json | grep -q mbr-partition-table-lost &&
	set -- undo/*.undo && expect_exit 0 "$DISKMEDIC" undo --yes "$1" >/dev/null && same_image lost.img lost.orig
'

test_expect_success 'MBR zeroed: search --deep --yes finds and rebuilds the same table' '
	cp --sparse=always lost.orig deep.img &&
	expect_exit 1 "$DISKMEDIC" search --deep --yes --undo-dir undo-deep deep.img >out 2>err &&
	grep -q "deep search: 100.0%" err && grep -q "MB/s" err && grep -q ETA err &&
	table_no_id deep.img >got && table_no_id mbr.img | diff - got
'

test_expect_success 'primary NTFS and FAT32 boot sectors zeroed too: found by their backups, same table' '
	cp --sparse=always lost.orig bk.img && zero bk.img 2048 && zero bk.img 124928 &&
	expect_exit 4 "$DISKMEDIC" search --dry-run bk.img >out && grep -q "primary boot sector lost; backup at 124927" out &&
	grep -q "primary boot sector lost; backup at 124934" out &&
	expect_exit 1 "$DISKMEDIC" search --yes --undo-dir undo-bk bk.img >out &&
	table_no_id bk.img >got && table_no_id mbr.img | diff - got
'

test_expect_success 'the same with the deep search' '
	cp --sparse=always lost.orig bk2.img && zero bk2.img 2048 &&
	expect_exit 1 "$DISKMEDIC" search --deep --quiet --yes --undo-dir undo-bk2 bk2.img >out &&
	table_no_id bk2.img >got && table_no_id mbr.img | diff - got
'

test_expect_success 'a table with wrong entries: found, fixed only when asked, then equal to the original' '
	cp --sparse=always mbr.img wrong.img &&
	printf "label: dos\nstart=4096, size=20M, type=83\nstart=300000, size=10M, type=7\n" | sfdisk -q --no-reread wrong.img &&
	expect_exit 4 "$DISKMEDIC" scan --json wrong.img >r.json && codes r.json | grep -qx mbr-partition-table-lost &&
	grep -q "partition entries point at no filesystem" r.json &&
	expect_exit 4 "$DISKMEDIC" fix --yes --undo-dir undo-w wrong.img >out && table wrong.img | grep -q "start=        4096" &&
	expect_exit 1 "$DISKMEDIC" fix --yes --only mbr-partition-table-lost --undo-dir undo-w wrong.img >out &&
	table_no_id wrong.img >got && table_no_id mbr.img | diff - got
'

# A table whose one entry starts live content (a swap area, which libblkid
# names and diskmedic has no probe of its own for) is not lost, even with
# the three volumes outside it: the scan does not search (a quick search
# reads thousands of sectors) and raises nothing about the table.
test_expect_success TOOL:mkswap 'an entry that starts a swap area: the table is not lost, no search' '
	cp --sparse=always mbr.img swapent.img &&
	truncate -s 20M sw && mkswap -q sw >/dev/null &&
	dd if=sw of=swapent.img bs=512 seek=352256 conv=notrunc status=none &&
	printf "label: dos\nstart=352256, size=20M, type=82\n" | sfdisk -q --no-reread swapent.img &&
	{ strace -o swapent.strace -e trace=pread64 "$DISKMEDIC" scan --json swapent.img >r.json; test $? -lt 8; } &&
	json_get r.json "r[\"disks\"][0][\"partitions\"][0][\"content\"][\"type\"]" >type && echo swap | test_cmp - type &&
	! codes r.json | grep -qx mbr-partition-table-lost &&
	reads=$(grep -c "^pread64(" swapent.strace) &&
	echo "$reads reads" && test "$reads" -lt 1000
'

test_expect_success 'GPT primary and backup headers zeroed: GPT rebuilt, partition GUIDs and names kept' '
	cp --sparse=always gpt.img glost.img && N=$(nsec glost.img) &&
	zero glost.img 1 && zero glost.img $((N - 1)) &&
	expect_exit 4 "$DISKMEDIC" scan --json glost.img >r.json && codes r.json | grep -qx mbr-partition-table-lost &&
	expect_exit 1 "$DISKMEDIC" fix --yes --undo-dir undo-g glost.img >out &&
	table_no_id glost.img >got && table_no_id gpt.img | diff - got &&
	sgdisk -v glost.img | grep -q "No problems found"
'

test_expect_success 'GPT with every header and the primary entries gone but a bad-CRC backup header: disk GUID kept too' '
	cp --sparse=always gpt.img gcrc.img && N=$(nsec gcrc.img) &&
	zero gcrc.img 1 33 && printf "\\377" | dd of=gcrc.img bs=1 seek=$(( (N - 1) * 512 + 16 )) conv=notrunc status=none &&
	expect_exit 1 "$DISKMEDIC" search --yes --undo-dir undo-gc gcrc.img >out &&
	grep -q "Disk GUID kept" out && table gcrc.img >got && diff gpt.table got
'

test_expect_success 'GPT everything zeroed (sector 0, headers, both entry arrays): GPT lost, MBR-typed rebuild of the volumes' '
	cp --sparse=always gpt.img gz.img && N=$(nsec gz.img) &&
	zero gz.img 0 34 && zero gz.img $((N - 33)) 33 &&
	expect_exit 1 "$DISKMEDIC" search --yes --undo-dir undo-gz gz.img >out &&
	table gz.img | grep -c "start=" | grep -qx 3 &&
	table gz.img | grep -q "start=        2048, size=      122880, type=7" &&
	table gz.img | grep -q "start=      227328, size=      122880, type=83"
'

# mk6 IMG: three primary partitions and three logical ones in an extended
# partition, as sfdisk lays them out (each EBR in the sector after the volume
# before it), FAT16 and ext4 alternating, 20 MiB each.
mk6() {
	rm -f "$1" p && truncate -s 200M "$1" &&
	printf "label: dos\nstart=2048, size=20M, type=6\nsize=20M, type=83\nsize=20M, type=6\nsize=120M, type=5\nsize=20M, type=6\nsize=20M, type=83\nsize=20M, type=6\n" |
		sfdisk -q "$1" || return 1
	for s in 2048 43008 83968 126976 169984 212992; do
		rm -f p && truncate -s 20M p &&
		case $s in 43008 | 169984) mkfs.ext4 -q -F p ;; *) mkfs.fat -F 16 p >/dev/null ;; esac &&
		dd if=p of="$1" bs=512 seek=$s conv=notrunc status=none || return 1
	done
	rm -f p
}
# start= and size= of every partition but the extended one (its end is not
# recorded anywhere once the MBR is gone), and the logical ones' types.
layout() { sfdisk -d "$1" | grep start= | grep -v "type=5" | sed "s|^$1||; s/type=[46]\$/type=fat16/"; }

test_expect_success 'six volumes, MBR zeroed: three primary and three logical partitions, EBRs where fdisk put them' '
	mk6 six.img && layout six.img >six.layout && test $(wc -l <six.layout) = 6 &&
	zero six.img 0 && cp --sparse=always six.img six.lost &&
	expect_exit 4 "$DISKMEDIC" scan --json six.img >r.json &&
	json_get r.json "[f for f in r[\"disks\"][0][\"findings\"] if f[\"code\"]==\"mbr-partition-table-lost\"][0][\"evidence\"][\"volumes_found\"]" | grep -qx 6 &&
	expect_exit 1 "$DISKMEDIC" fix --yes --undo-dir undo6 six.img >out &&
	layout six.img >six.new && diff six.layout six.new &&
	sfdisk -d six.img | grep -q "six.img4 : start=      124928, size=      129024, type=5" &&
	expect_exit 0 "$DISKMEDIC" scan six.img >/dev/null &&
	expect_exit 0 "$DISKMEDIC" undo --yes undo6/*.undo >/dev/null && same_image six.img six.lost
'

test_expect_success 'six volumes, MBR and every EBR zeroed: the chain is written anew, the same layout' '
	cp --sparse=always six.lost six.img && zero six.img 124928 && zero six.img 167936 && zero six.img 210944 &&
	expect_exit 1 "$DISKMEDIC" fix --yes --undo-dir undo6b six.img >out &&
	layout six.img >six.new && diff six.layout six.new
'

test_expect_success 'six volumes, data where an EBR would go: no table offered, nothing written' '
	cp --sparse=always six.lost six.img &&
	printf "data" | dd of=six.img bs=1 seek=$((167936 * 512 + 100)) conv=notrunc status=none &&
	cp six.img six.data &&
	expect_exit 4 "$DISKMEDIC" scan six.img >out && grep -q "No table offered: sector 167936, where the EBR of the volume at 169984 would go, holds data" out &&
	expect_exit 4 "$DISKMEDIC" fix --yes --only mbr-partition-table-lost --undo-dir undo6c six.img >out 2>&1 &&
	same_image six.img six.data
'

# An image carries no sector size: with sector 0 gone, the NTFS BPB at 1 MiB
# (bytes per sector 4096) tells a 4Kn disk from a 512-byte one.
test_expect_success '4Kn image, MBR zeroed: found in 4096-byte sectors, rebuilt, files intact, undone' '
	"$DISKMEDIC_LAB" make 4kn k.img --seed 700 >/dev/null &&
	zero k.img 0 && cp --sparse=always k.img k.lost &&
	expect_exit 4 "$DISKMEDIC" scan --json k.img >k.json &&
	json_get k.json "r[\"disks\"][0][\"sector_size\"]" | grep -qx 4096 &&
	codes k.json | grep -qx mbr-partition-table-lost &&
	expect_exit 1 "$DISKMEDIC" fix --yes --undo-dir undo-4k k.img >out &&
	"$DISKMEDIC" scan --json k.img >k2.json &&
	json_get k2.json "r[\"disks\"][0][\"partitions\"][0][\"start_lba\"]" | grep -qx 256 &&
	json_get k2.json "r[\"disks\"][0][\"partitions\"][0][\"sectors\"]" | grep -qx 15872 &&
	"$DISKMEDIC_LAB" verify k.img >/dev/null &&
	expect_exit 0 "$DISKMEDIC" undo --yes undo-4k/*.undo >/dev/null &&
	same_image k.img k.lost
'

test_expect_success 'active flag: on the partition whose boot sector holds boot code' '
	cp --sparse=always mbr.img act.img &&
	printf "label: dos\nstart=2048, size=60M, type=7\nstart=124928, size=50M, type=c, bootable\nstart=227328, size=60M, type=83\n" |
		sfdisk -q act.img && table act.img >act.table && grep -q bootable act.table &&
	for i in $(seq 26); do printf "\372\061\300\216\320\274\000\174\373\270\300\007\216\330\315\023"; done |
		dd of=act.img bs=1 seek=$((124928 * 512 + 90)) conv=notrunc status=none &&
	zero act.img 0 &&
	expect_exit 1 "$DISKMEDIC" search --yes --undo-dir undo-a act.img >out &&
	grep -q "boot code: active" out && table_no_id act.img >got && grep -v label-id act.table | diff - got
'

test_expect_success 'search --json: the volumes and the proposed fix' '
	expect_exit 4 "$DISKMEDIC" search --json lost.orig >s.json &&
	json_get s.json "r[\"table_lost\"]" | grep -qx True &&
	json_get s.json "len([v for v in r[\"volumes\"] if v[\"chosen\"]])" | grep -qx 3 &&
	json_get s.json "r[\"fixes\"][0][\"id\"]" | grep -qx mbr-partition-table-lost/rebuild-mbr
'

if [ -r /usr/lib/syslinux/mbr/mbr.bin ]; then
	test_expect_success 'empty MBR code: --boot-code installs SYSLINUX mbr.bin beside the table' '
		cp --sparse=always lost.orig boot.img &&
		expect_exit 1 "$DISKMEDIC" search --yes --boot-code --undo-dir undo-b boot.img >out &&
		grep -q install-syslinux-mbr out &&
		test "$(bytes boot.img 0 440)" = "$(xxd -p /usr/lib/syslinux/mbr/mbr.bin | tr -d "\n")" &&
		table_no_id boot.img >got && table_no_id mbr.img | diff - got
	'
else
	test_skip 'empty MBR code: --boot-code installs SYSLINUX mbr.bin' 'syslinux-common not installed'
fi

test_expect_success 'existing MBR boot code is never overwritten' '
	cp --sparse=always lost.orig code.img &&
	printf "\\372\\353\\376" | dd of=code.img bs=1 conv=notrunc status=none &&
	expect_exit 1 "$DISKMEDIC" search --yes --boot-code --undo-dir undo-c code.img >out &&
	! grep -q install-syslinux-mbr out && test "$(bytes code.img 0 3)" = faebfe
'

test_expect_success 'deep search: Ctrl-C stops it and keeps what was found' '
	truncate -s 40G big.img && dd if=lost.orig of=big.img bs=1M count=200 conv=notrunc status=none &&
	rm -f err && { "$DISKMEDIC" search --deep --read-holes --dry-run big.img >out 2>err & pid=$!; } &&
	test_when_finished "kill $pid 2>/dev/null; :" &&
	n=0 && while ! grep -q "deep search of" err && [ $n -lt 600 ]; do sleep 0.1; n=$((n + 1)); done &&
	sleep 0.5 && kill -INT $pid && { wait $pid; rc=$?; } &&
	test $rc = 4 && grep -q "stopped at" err && grep -q "(interrupted)" out && test $(grep -c "^  yes " out) = 3
'

test_expect_success 'deep search skips the holes of a sparse image and still finds the volumes' '
	expect_exit 4 "$DISKMEDIC" search --deep --quiet --dry-run big.img >out &&
	grep -q "MiB of image-file holes skipped" out && test $(grep -c "^  yes " out) = 3
'
test_done
