#!/bin/sh
test_description='libntfs-3g only where diskmedic recognised NTFS; repairs refuse before writing; a failed library repair undoes exactly; --version names the ntfs-3g source (ntfsfix alongside)'
. "$(dirname "$0")/lib.sh"
LAB=$DISKMEDIC_LAB
NTFSFIX=$(command -v ntfsfix || echo "$BUILD/ntfsprogs/bin/ntfsfix")

field() { sed -n "s/^$2=//p" "$1.lab"; }
vol() {
	_ss=$(field "$1" sector_size)
	dd if="$1" of="$2" bs=1M iflag=skip_bytes,count_bytes skip=$(($(field "$1" part_start) * _ss)) \
		count=$(($(field "$1" fs_sectors) * _ss)) conv=sparse status=none
}
codes_text() { codes "$1" | tr '\n' ' '; }
# ntfsfix_says FILE: run Debian's ntfsfix on FILE (a copy): "exit N, modified|unchanged"
ntfsfix_says() {
	_h=$(sha "$1"); "$NTFSFIX" "$1" >"$1.ntfsfix.log" 2>&1; _rc=$?
	_m=unchanged; [ "$(sha "$1")" = "$_h" ] || _m=modified
	echo "exit $_rc, $_m"
}

test_expect_success '--version names the Debian ntfs-3g source version linked in' '
	v=$(cat "$BUILD/ntfs3g/VERSION") && test -n "$v" &&
	"$DISKMEDIC" --version >ver && cat ver &&
	grep -qF "libntfs-3g $v (Debian source package ntfs-3g)" ver &&
	"$BUILD/diskmedic" --version | grep -qF "libntfs-3g $v"
'

test_expect_success 'the JSON report names the same libntfs-3g source version' '
	v=$(cat "$BUILD/ntfs3g/VERSION") && truncate -s 1M empty.img &&
	"$DISKMEDIC" scan --json empty.img >r.json &&
	test "$(json_get r.json "r[\"libntfs3g\"]")" = "$v"
'

test_expect_success 'FAT32 volume: no ntfs finding, fix writes nothing; ntfsfix on the same volume' '
	"$LAB" make clean fat.img --fs fat32 --seed 510 >/dev/null && cp --sparse=always fat.img fat.orig &&
	expect_exit 0 "$DISKMEDIC" scan --json fat.img >fat.json && ! codes fat.json | grep -q ^ntfs- &&
	expect_exit 0 "$DISKMEDIC" fix --yes --undo-dir fat.undo fat.img && same_image fat.orig fat.img &&
	vol fat.img fat.part && echo "$(ntfsfix_says fat.part)" >fat.nf &&
	if MTOOLS_SKIP_CHECK=1 MTOOLSRC=/dev/null mdir -i fat.part ::/ >/dev/null 2>&1; then
		echo mounts >>fat.nf
	else
		echo "no longer a FAT volume" >>fat.nf
	fi
'
test_info "FAT32 volume: diskmedic: no ntfs-* finding, nothing written; ntfsfix: $(tr '\n' ' ' <"$TRASH/fat.nf" 2>/dev/null)"

test_expect_success 'whole NTFS disk: a healthy disk is left alone; ntfsfix pointed at the whole disk' '
	"$LAB" make clean disk.img --seed 510 >/dev/null && cp --sparse=always disk.img disk.orig &&
	expect_exit 0 "$DISKMEDIC" fix --yes --undo-dir disk.undo disk.img && same_image disk.orig disk.img &&
	cp --sparse=always disk.img disk.nf && s0=$(bytes disk.nf 0 512) &&
	echo "$(ntfsfix_says disk.nf)" >disk.r &&
	if [ "$(bytes disk.nf 0 512)" = "$s0" ]; then echo "MBR intact" >>disk.r; else echo "MBR OVERWRITTEN" >>disk.r; fi
'
test_info "whole disk: diskmedic: nothing written; ntfsfix on the disk: $(tr '\n' ' ' <"$TRASH/disk.r" 2>/dev/null)"

# A hibernated Windows whose journal is also unclean: the journal repair
# (named with --only: it is not safe) must refuse before its first write here. The restart
# pages come from the lab's logfile-unclean image (same seed, same layout).
test_expect_success 'hibernated + unclean journal: the journal repair, named with --only, refuses before writing' '
	"$LAB" make ntfs-hibernated hib.img --seed 510 >/dev/null &&
	"$LAB" make ntfs-logfile-unclean log.img --seed 510 >/dev/null &&
	"$LAB" make clean cl.img --seed 510 >/dev/null &&
	cmp -l cl.img log.img | awk "{print \$1 - 1}" >diff.off && test -s diff.off &&
	first=$(head -n 1 diff.off) && last=$(tail -n 1 diff.off) &&
	dd if=log.img of=hib.img bs=1 skip=$first seek=$first count=$((last - first + 1)) conv=notrunc status=none &&
	cp --sparse=always hib.img hib.orig &&
	expect_exit 4 "$DISKMEDIC" scan --json hib.img >hib.json &&
	codes hib.json | grep -qx ntfs-hibernated && codes hib.json | grep -qx ntfs-logfile-unclean &&
	{ "$DISKMEDIC" fix --yes --only ntfs-logfile-unclean --undo-dir hib.undo hib.img >hib.fix 2>&1; rc=$?; } &&
	cat hib.fix &&
	test $((rc & 1)) = 0 && grep -q "hibernated" hib.fix && same_image hib.orig hib.img &&
	! ls hib.undo/*.undo 2>/dev/null &&
	cp hib.img.lab hib.orig.lab && vol hib.orig hib.part && echo "$(ntfsfix_says hib.part)" >hib.nf
'
test_info "hibernated + unclean journal: diskmedic: refused, nothing written; ntfsfix: $(cat "$TRASH/hib.nf" 2>/dev/null)"

# The journal repair writes the restart pages, then the dirty flag; the
# second write fails. The writer puts that block back, and the repair puts
# back the blocks written before it: the volume ends as it was, never half
# repaired, and the records say so (undo finds nothing left to restore).
test_expect_success 'a library repair that fails halfway: everything written is put back; the image is unchanged' '
	"$LAB" make ntfs-logfile-unclean half.img --seed 510 >/dev/null && cp --sparse=always half.img half.orig &&
	{ DM_FAULT_WRITE=2 "$DISKMEDIC" fix --yes --only ntfs-logfile-unclean --undo-dir half.undo half.img >half.fix 2>&1; rc=$?; } &&
	cat half.fix &&
	test $((rc & 8)) = 8 && grep -q "put back and verified" half.fix &&
	test "$(sha half.img)" = "$(sha half.orig)" &&
	ls half.undo/*.undo &&
	expect_exit 4 "$DISKMEDIC" scan half.img >rescan.out && grep -q "ntfs-logfile-unclean" rescan.out
'

test_expect_success_with strace 'scans of NTFS damage open the image read-only (strace)' '
	for k in ntfs-logfile-unclean ntfs-hibernated; do
		"$LAB" make $k ro-$k.img --seed 510 >/dev/null &&
		expect_exit 4 strace -f -e trace=open,openat -o ro-$k.trace "$DISKMEDIC" scan ro-$k.img >/dev/null &&
		grep "ro-$k.img\"" ro-$k.trace && ! grep "ro-$k.img\"" ro-$k.trace | grep -q "O_RDWR\|O_WRONLY" || return 1
	done
'
test_done
