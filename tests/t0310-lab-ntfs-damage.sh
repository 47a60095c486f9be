#!/bin/sh
test_description='diskmedic-lab NTFS kinds: libntfs-3g itself (ntfsinfo, ntfscp, ntfscat) sees exactly the damage each kind claims'
. "$(dirname "$0")/lib.sh"
LAB=$DISKMEDIC_LAB

field() { sed -n "s/^$2=//p" "$1.lab"; }
le() { od -An -t "u$3" -j "$2" -N "$3" --endian=little "$1" | tr -d ' '; }

# make_vol KIND: build KIND.img and copy its volume out to KIND.vol (the
# ntfs-3g tools take no offset).
make_vol() {
	"$LAB" make $1 $1.img --seed 310 || return 1
	dd if=$1.img of=$1.vol bs=512 skip=$(field $1.img part_start) count=$(field $1.img fs_sectors) \
		conv=sparse status=none
}
# info KIND: ntfsinfo -f -m (a read-only mount; -f lets a dirty volume through)
info() { ntfsinfo -f -m $1.vol >$1.info 2>&1; }
# rw KIND: a read-write mount, as ntfscp does it, on a copy; words in KIND.rw
rw() { cp --sparse=always $1.vol $1.rwvol && echo x >x && ntfscp $1.rwvol x x.txt >$1.rw 2>&1; }
zero_sector() { test "$(bytes $1 $2 512 | tr -d 0)" = ""; }
NTFS_SIG=eb52904e54465320    # jmp, nop, "NTFS "

test_expect_success 'clean: mounts read-write, flags clear, files intact' '
	make_vol clean && info clean && grep -q "Volume Flags: 0x0000" clean.info &&
	rw clean && "$LAB" verify clean.img
'

test_expect_success 'ntfs-primary-zeroed: no NTFS at sector 0, the backup is whole' '
	make_vol ntfs-primary-zeroed && zero_sector ntfs-primary-zeroed.vol 0 &&
	! info ntfs-primary-zeroed &&
	n=$(field ntfs-primary-zeroed.img fs_sectors) &&
	test "$(bytes ntfs-primary-zeroed.vol $(((n - 1) * 512)) 8)" = $NTFS_SIG
'

test_expect_success 'ntfs-both-zeroed: both boot sectors zero, $MFT records still there' '
	make_vol ntfs-both-zeroed && n=$(field ntfs-both-zeroed.img fs_sectors) &&
	zero_sector ntfs-both-zeroed.vol 0 && zero_sector ntfs-both-zeroed.vol $(((n - 1) * 512)) &&
	test $(grep -c -a "FILE0" ntfs-both-zeroed.vol) -gt 0
'

test_expect_success 'ntfs-backup-zeroed: primary mounts, backup zero' '
	make_vol ntfs-backup-zeroed && info ntfs-backup-zeroed &&
	n=$(field ntfs-backup-zeroed.img fs_sectors) &&
	zero_sector ntfs-backup-zeroed.vol $(((n - 1) * 512))
'

test_expect_success 'ntfs-backup-differs: backup parses, differs from the primary in the serial only' '
	make_vol ntfs-backup-differs && info ntfs-backup-differs &&
	v=ntfs-backup-differs.vol b=$(((($(field ntfs-backup-differs.img fs_sectors) - 1)) * 512)) &&
	test "$(bytes $v $b 8)" = $NTFS_SIG &&
	test "$(bytes $v 0 72)" = "$(bytes $v $b 72)" &&
	test "$(bytes $v 80 432)" = "$(bytes $v $((b + 80)) 432)" &&
	test "$(bytes $v 72 8)" != "$(bytes $v $((b + 72)) 8)"
'

test_expect_success 'ntfs-mftmirr-mismatch: ntfs-3g refuses even read-only: $MFTMirr does not match' '
	make_vol ntfs-mftmirr-mismatch && ! info ntfs-mftmirr-mismatch &&
	grep -q "MFTMirr does not match" ntfs-mftmirr-mismatch.info
'

test_expect_success 'ntfs-mft-damaged: record 0 of $MFT has no FILE magic' '
	make_vol ntfs-mft-damaged && ! info ntfs-mft-damaged &&
	grep -q "Record 0 has no FILE magic" ntfs-mft-damaged.info
'

test_expect_success 'ntfs-dirty: flag set, read-write mount refused, files intact' '
	make_vol ntfs-dirty && info ntfs-dirty && grep -q "Volume Flags: 0x0001" ntfs-dirty.info &&
	! rw ntfs-dirty && grep -q "scheduled for check" ntfs-dirty.rw &&
	"$LAB" verify ntfs-dirty.img
'

test_expect_success 'ntfs-hibernated: hiberfil.sys starts with hibr, read-write mount refused' '
	make_vol ntfs-hibernated && info ntfs-hibernated &&
	test "$(ntfscat ntfs-hibernated.vol hiberfil.sys | head -c 4)" = hibr &&
	test $(ntfscat ntfs-hibernated.vol hiberfil.sys | wc -c) -ge 4096 &&
	! rw ntfs-hibernated && grep -q "hibernated" ntfs-hibernated.rw &&
	! grep -q hiberfil ntfs-hibernated.img.files.sha256 &&
	"$LAB" verify ntfs-hibernated.img
'

test_expect_success 'ntfs-logfile-unclean: $LogFile v1.1 restart area, unclean: read-write mount refused' '
	make_vol ntfs-logfile-unclean && info ntfs-logfile-unclean &&
	ntfscat -i 2 ntfs-logfile-unclean.vol | head -c 4096 >rstr &&
	test "$(bytes rstr 0 4)" = 52535452 &&
	test "$(le rstr 26 2).$(le rstr 28 2)" = 1.1 &&
	! rw ntfs-logfile-unclean && grep -q "unclean" ntfs-logfile-unclean.rw
'

test_expect_success 'ntfs-fast-startup: restart area version 2.0: refused as Windows-cached metadata' '
	make_vol ntfs-fast-startup && info ntfs-fast-startup &&
	ntfscat -i 2 ntfs-fast-startup.vol | head -c 4096 >rstr2 &&
	test "$(le rstr2 28 2).$(le rstr2 26 2)" = 2.0 &&
	! rw ntfs-fast-startup && grep -q "Windows cache" ntfs-fast-startup.rw &&
	! grep -q unclean ntfs-fast-startup.rw
'

test_expect_success 'ntfs-upcase-damaged: ntfs-3g calls $UpCase corrupted' '
	make_vol ntfs-upcase-damaged && ! info ntfs-upcase-damaged &&
	grep -q "Corrupted file \$UpCase" ntfs-upcase-damaged.info
'

test_expect_success 'ntfs-unmountable: $Bitmap (record 6) cannot be opened' '
	make_vol ntfs-unmountable && ! info ntfs-unmountable &&
	grep -q "FILE_Bitmap" ntfs-unmountable.info
'

test_expect_success 'ntfs-size-exceeds: the entry is shorter than the volume, which mounts' '
	make_vol ntfs-size-exceeds && info ntfs-size-exceeds &&
	entry=$(le ntfs-size-exceeds.img 458 4) total=$(le ntfs-size-exceeds.vol 40 8) &&
	test $entry -lt $total
'

test_expect_success 'truncated: the image ends inside the volume' '
	"$LAB" make truncated truncated.img --seed 310 &&
	end=$((($(field truncated.img part_start) + $(field truncated.img fs_sectors)) * 512)) &&
	test $(stat -c %s truncated.img) -lt $end &&
	test $(stat -c %s truncated.img) -gt $(($(field truncated.img part_start) * 512))
'

test_expect_success 'a GPT disk takes the NTFS damage too (ntfs-dirty --table gpt)' '
	"$LAB" make ntfs-dirty gd.img --table gpt --seed 310 &&
	grep -qx table=gpt gd.img.lab &&
	dd if=gd.img of=gd.vol bs=512 skip=$(field gd.img part_start) count=$(field gd.img fs_sectors) status=none &&
	ntfsinfo -f -m gd.vol | grep -q "Volume Flags: 0x0001"
'

test_done
