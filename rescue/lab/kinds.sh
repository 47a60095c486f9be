# The damage kinds of diskmedic-lab: one table line each (name, the finding
# codes diskmedic should report, one sentence), the settings that differ from
# a clean disk (kind_config), and the damage itself as hook functions:
#   fs_damage_KIND PART   patches the filesystem in its partition file
#   disk_damage_KIND IMG  patches the whole-disk image after the volume is in
# Names use '-' on the command line and '_' in function names.

# kind|expected codes (space separated, under the kind's --bios)|sentence
kinds_table() {
	cat <<-'EOF'
	clean||A healthy disk: table, volume and files, no damage.
	geometry-255|vbr-geometry-mismatch|Seed 000: a 2 GiB disk whose MBR CHS and NTFS BPB say 255 heads, with NT4-style CHS boot code, while qemu's BIOS presents 128/63.
	hidden-sectors|vbr-hidden-sectors-mismatch|The BPB's hidden sectors say 63 while the partition starts at 2048, in both boot sectors.
	geometry-hidden|vbr-geometry-mismatch vbr-hidden-sectors-mismatch|geometry-255 and hidden-sectors together on one 2 GiB disk.
	gpt-primary-zeroed|gpt-primary-header-damaged|A GPT disk whose primary header (LBA 1) is zeroed; the backup is intact.
	gpt-backup-zeroed|gpt-backup-header-damaged|A GPT disk whose backup header (last LBA) is zeroed; the primary is intact.
	gpt-backup-misplaced|gpt-backup-header-damaged|A GPT disk grown by 32 MiB after partitioning, as after a clone to a larger disk: the backup is not at the last LBA.
	mbr-signature-missing|mbr-signature-missing|The MBR's 55AA signature is cleared; the table and the volume are intact.
	mbr-table-lost|mbr-partition-table-lost|The four MBR partition entries are zeroed; boot code, signature and volume are intact.
	mbr-overlap|mbr-partition-overlap|A second, empty partition entry starts inside the first.
	mbr-beyond-disk|mbr-partition-beyond-disk|A second, empty partition entry ends 8 cylinders (8 MiB on small disks) past the end of the disk.
	mbr-active-none|mbr-active-flag-invalid|A disk with MBR boot code but no active partition.
	mbr-active-multiple|mbr-active-flag-invalid|A disk with MBR boot code and two active partitions.
	mbr-boot-code-missing|mbr-boot-code-missing|An active partition with XP-style VBR boot code, but the MBR boot code area is all zeros.
	mbr-chs-inconsistent|mbr-chs-inconsistent|The first entry's start CHS was written under 16 heads, its end CHS and the rest under 255/63.
	fat32-primary-damaged|fat-boot-sector-damaged|A FAT32 volume whose primary boot sector is zeroed; the backup (sector 6) is intact.
	fat32-backup-damaged|fat-backup-boot-sector-damaged|A FAT32 volume whose backup boot sector (sector 6) is zeroed.
	ntfs-size-exceeds|vbr-size-exceeds-partition|The partition entry was shrunk below the NTFS volume's size, as after a failed resize.
	tiny|mbr-partition-beyond-disk|A disk too small for its table: the image ends where the first partition should begin.
	4kn||A healthy disk with 4096-byte logical sectors (table, NTFS BPB and all).
	ntfs-primary-zeroed|ntfs-boot-sector-damaged|The NTFS primary boot sector is zeroed; the backup is intact.
	ntfs-both-zeroed|ntfs-boot-sectors-lost|Both NTFS boot sectors are zeroed; $MFT and $MFTMirr are intact.
	ntfs-backup-zeroed|ntfs-backup-boot-sector-damaged|The NTFS backup boot sector (after the volume's last sector) is zeroed.
	ntfs-backup-differs|ntfs-backup-boot-sector-damaged|The NTFS backup boot sector parses but carries a different volume serial.
	ntfs-mftmirr-mismatch|ntfs-mftmirr-mismatch|Record 1 of $MFTMirr carries a different LSN than the same record in $MFT.
	ntfs-mft-damaged|ntfs-mft-damaged|$MFT record 0 is zeroed; $MFTMirr still holds a good copy.
	ntfs-dirty|ntfs-dirty|The volume's dirty flag is set in $Volume (and in its $MFTMirr copy).
	ntfs-hibernated|ntfs-hibernated|hiberfil.sys holds a hibernation header ("hibr", 64 KiB file).
	ntfs-logfile-unclean|ntfs-logfile-unclean|$LogFile holds a version 1.1 restart area with a client in use and the clean flag off.
	ntfs-fast-startup|ntfs-fast-startup|$LogFile holds a version 2.0 restart area, as Windows 8+ Fast Startup leaves it.
	ntfs-upcase-damaged|ntfs-upcase-damaged|$UpCase maps a-z to themselves instead of A-Z.
	ntfs-unmountable|ntfs-unmountable|$MFT record 6 ($Bitmap) is zeroed, which $MFTMirr does not cover.
	mbr-all-overlap|mbr-partition-overlap|Hostile: all four MBR entries describe the same sectors.
	ebr-loop|mbr-ebr-chain-broken|Hostile: an extended partition whose second EBR links back to the first.
	ebr-10000|mbr-ebr-chain-broken|Hostile: an extended partition holding a chain of 10 000 logical partitions.
	gpt-256-entries||Hostile: a GPT whose header declares 256 entries, 200 of them in use.
	truncated|mbr-partition-beyond-disk vbr-size-exceeds-partition ntfs-backup-boot-sector-damaged|The image is cut short three quarters into the NTFS volume.
	reformat-exfat|partition-stale-signature|The NTFS partition was reformatted with mkfs.exfat; the old NTFS backup boot sector is left at its end. Nothing to fix: fix writes nothing.
	reformat-ext4||The NTFS partition was reformatted with mkfs.ext4, which leaves old NTFS $MFT records and the backup boot sector in place (and wipes the primary). libblkid names ext4; nothing is raised and fix writes nothing.
	EOF
}

kind_known() { kinds_table | cut -d'|' -f1 | grep -qx -- "$1"; }
kind_codes() { kinds_table | awk -F'|' -v k="$1" '$1 == k { print $2 }'; }

# kind_config KIND: set the K_* settings, starting from a clean disk.
kind_config() {
	K_TABLE=mbr K_TABLES="mbr gpt" K_FS=ntfs K_FSS="ntfs fat32" K_SIZE=64M
	K_SS=512 K_PARTS=1 K_HEADS=255 K_SPT=63 K_HIDDEN= K_ACTIVE=1 K_CODE=1
	K_SHRINK=0 K_HIBER=0 K_BIOS=auto K_CODE_VBR=mkfs K_GPT_MANY=0
	case $1 in
	# Seed 000's disk ran NT4, whose NTFS boot code reads by CHS from the BPB:
	# that is what makes the head count matter (docs/bootcode.md).
	geometry-255) K_SIZE=2G K_BIOS=qemu K_CODE_VBR=nt4 ;;
	geometry-hidden) K_SIZE=2G K_BIOS=qemu K_HIDDEN=63 K_CODE_VBR=nt4 ;;
	hidden-sectors) K_HIDDEN=63 ;;
	gpt-256-entries) K_TABLE=gpt K_TABLES=gpt K_PARTS=2 K_SIZE=256M K_GPT_MANY=200 ;;
	gpt-*) K_TABLE=gpt K_TABLES=gpt ;;
	mbr-overlap | mbr-beyond-disk) K_TABLES=mbr K_PARTS=2 ;;
	mbr-active-multiple) K_TABLES=mbr K_PARTS=2 K_ACTIVE=2 ;;
	mbr-active-none) K_TABLES=mbr K_ACTIVE=0 ;;
	# A disk meant to boot: real (XP-style) VBR code. With mkntfs's "not
	# bootable" placeholder it would be a data disk, and the finding info.
	mbr-boot-code-missing) K_TABLES=mbr K_FSS=ntfs K_CODE=0 K_CODE_VBR=xp ;;
	# Its CHS tuples fit no single geometry, so "the geometry in force" has
	# to be given: the expectation holds under --bios 255/63.
	mbr-chs-inconsistent) K_TABLES=mbr K_BIOS=255/63 ;;
	mbr-*) K_TABLES=mbr ;;
	ebr-*) K_TABLES=mbr K_PARTS=2 ;;
	fat32-*) K_FS=fat32 K_FSS=fat32 ;;
	ntfs-size-exceeds) K_FSS=ntfs K_SHRINK=1 ;;
	4kn) K_SS=4096 K_FSS=ntfs ;;
	ntfs-hibernated) K_FSS=ntfs K_HIBER=1 ;;
	ntfs-* | truncated) K_FSS=ntfs ;;
	reformat-*) K_TABLES=mbr K_FSS=ntfs ;;
	esac
}

# ---- filesystem damage (PART is the partition file) -------------------------

fs_damage_fat32_primary_damaged() { zero_range "$1" 0 "$(get_u "$1" 11 2)"; }
fs_damage_fat32_backup_damaged() { zero_range "$1" "$(fat_backup_off "$1")" "$(get_u "$1" 11 2)"; }

fs_damage_ntfs_primary_zeroed() { zero_range "$1" 0 "$(ntfs_bps "$1")"; }
fs_damage_ntfs_backup_zeroed() { zero_range "$1" "$(ntfs_backup_off "$1")" "$(ntfs_bps "$1")"; }
fs_damage_ntfs_both_zeroed() {
	_b=$(ntfs_backup_off "$1")
	zero_range "$1" "$_b" "$(ntfs_bps "$1")" && zero_range "$1" 0 "$(ntfs_bps "$1")"
}
fs_damage_ntfs_backup_differs() {
	put_hex "$1" $(($(ntfs_backup_off "$1") + 72)) "$(rand_hex "$SEED" 5 8)"
}

fs_damage_ntfs_mftmirr_mismatch() {
	_o=$(($(ntfs_mirr_off "$1") + $(ntfs_recsize "$1") + 8))   # record 1, LSN
	put_u "$1" "$_o" 8 $(($(get_u "$1" "$_o" 8) + 4096 + SEED))
}

fs_damage_ntfs_mft_damaged() { zero_range "$1" "$(ntfs_mft_off "$1")" "$(ntfs_recsize "$1")"; }

fs_damage_ntfs_unmountable() {
	zero_range "$1" $(($(ntfs_mft_off "$1") + 6 * $(ntfs_recsize "$1"))) "$(ntfs_recsize "$1")"
}

# The dirty flag (VOLUME_IS_DIRTY, 0x0001) lives in $Volume's
# $VOLUME_INFORMATION (type 0x70, flags at +0x0A). Record 3 is mirrored, so
# both copies change, as Windows' own write would.
fs_damage_ntfs_dirty() {
	# Locate both copies first: once one changes, ntfsinfo refuses the volume.
	_r=$(ntfs_recsize "$1")
	set -- "$1" $(($(ntfs_mft_off "$1") + 3 * _r)) $(($(ntfs_mirr_off "$1") + 3 * _r))
	for _rec in "$2" "$3"; do
		_v=$(mft_attr_value "$1" "$_rec" 112) ||
			{ echo "diskmedic-lab: no \$VOLUME_INFORMATION in record 3" >&2; return 1; }
		_o=$((_v + 10))
		[ $(((_o - _rec) % 512)) -lt 510 ] || { echo "diskmedic-lab: flags under a fixup" >&2; return 1; }
		put_u "$1" "$_o" 2 $(($(get_u "$1" "$_o" 2) | 1))
	done
}

# $UpCase is an array of 65536 little-endian UTF-16 units; entry c is the
# upper case of c. Mapping a-z to themselves breaks every case-insensitive
# name lookup (and ntfs-3g's own ASCII check refuses the volume).
fs_damage_ntfs_upcase_damaged() {
	_o=$(ntfs_data_off "$1" 10) || return 1
	_h= _c=97
	while [ $_c -le 122 ]; do _h=$_h$(le_hex $_c 2); _c=$((_c + 1)); done
	put_hex "$1" $((_o + 97 * 2)) "$_h"
}

# Both restart pages (at 0 and at the system page size) get the same area.
logfile_damage() { # PART MAJOR MINOR FLAGS
	set -- "$1" "$2" "$3" "$4" $(ntfs_data "$1" 2)
	[ -n "${6:-}" ] || { echo "diskmedic-lab: \$LogFile not found" >&2; return 1; }
	_o=$(($5 * $(ntfs_cluster "$1")))
	logfile_restart_page "$WORK/rstr" "$2" "$3" "$4" "$6" $((0x100000 + SEED * 8)) || return 1
	copy_range "$WORK/rstr" 0 4096 "$1" "$_o" && copy_range "$WORK/rstr" 0 4096 "$1" $((_o + 4096))
}
fs_damage_ntfs_logfile_unclean() { logfile_damage "$1" 1 1 0; }
fs_damage_ntfs_fast_startup() { logfile_damage "$1" 2 0 2; }

# A partition reformatted by another system's mkfs over the NTFS (its files
# are gone with it). The clock is the lab's stopped one, and ext4's UUID and
# hash seed come from the seed, so the bytes are reproducible.
fs_damage_reformat_exfat() { frozen mkfs.exfat -L REFORMAT "$1" >/dev/null; }
fs_damage_reformat_ext4() {
	_u=$(rand_uuid "$SEED" 21)
	E2FSPROGS_FAKE_TIME=946684800 frozen mkfs.ext4 -q -F -L REFORMAT -U "$_u" -E hash_seed="$_u" "$1"
}

# ---- whole-disk damage (IMG is the disk image) ------------------------------

disk_damage_gpt_primary_zeroed() { zero_range "$1" "$SS" "$SS"; }
disk_damage_gpt_backup_zeroed() { zero_range "$1" $((SIZE - SS)) "$SS"; }
disk_damage_gpt_backup_misplaced() { truncate -s $((SIZE + 32 * 1048576)) "$1"; }

disk_damage_mbr_signature_missing() { zero_range "$1" 510 2; }
disk_damage_mbr_table_lost() { zero_range "$1" 446 64; }

disk_damage_mbr_overlap() { # entry 2 now starts one unit before entry 1 ends
	_s2=$(mbr_entry_get "$1" 2 start) _z2=$(mbr_entry_get "$1" 2 size)
	mbr_entry_put "$1" 2 0 131 $((_s2 - UNIT)) $((_z2 + UNIT))
}
disk_damage_mbr_beyond_disk() {
	mbr_entry_put "$1" 2 0 131 "$(mbr_entry_get "$1" 2 start)" \
		$(($(mbr_entry_get "$1" 2 size) + 8 * UNIT))
}
disk_damage_mbr_chs_inconsistent() { # only the 3 start-CHS bytes of entry 1
	put_hex "$1" 447 "$(chs_hex "$(mbr_entry_get "$1" 1 start)" 16 63)"
}

disk_damage_mbr_all_overlap() {
	_s=$(mbr_entry_get "$1" 1 start) _z=$(mbr_entry_get "$1" 1 size)
	for _i in 2 3 4; do mbr_entry_put "$1" $_i 0 131 "$_s" "$_z"; done
}

# The extended partition takes entry 2's place. The loop: EBR 0 -> EBR 1 ->
# EBR 0; a walker without loop protection never ends. No contract code
# names a loop, so the lab expects none; the scan must end and say so.
disk_damage_ebr_loop() {
	_e=$(mbr_entry_get "$1" 2 start) _z=$(mbr_entry_get "$1" 2 size)
	mbr_entry_put "$1" 2 0 5 "$_e" "$_z" && ebr_chain "$1" "$_e" 2 2048 1
}
disk_damage_ebr_10000() {
	_e=$(mbr_entry_get "$1" 2 start) _z=$(mbr_entry_get "$1" 2 size)
	[ "$_z" -ge 20000 ] || { echo "diskmedic-lab: extended partition too small for 10 000 EBRs" >&2; return 1; }
	mbr_entry_put "$1" 2 0 5 "$_e" "$_z" && ebr_chain "$1" "$_e" 10000 2 0
}

disk_damage_tiny() { truncate -s $((START * SS)) "$1"; }
disk_damage_truncated() { truncate -s $(((START + FS_SECTORS * 3 / 4) * SS)) "$1"; }
