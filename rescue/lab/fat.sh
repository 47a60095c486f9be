# FAT32 for diskmedic-lab: a reproducible volume in a partition file.
# mkfs.fat --invariant fixes its time stamps; -i sets the volume id from the
# seed. mcopy runs under the stopped clock (frozen, from ntfs.sh).

# fat_make PART SS HEADS SPT HIDDEN VOLIDHEX
fat_make() {
	mkfs.fat -F 32 --invariant -i "$6" -n LAB -S "$2" -g "$3/$4" -h "$5" "$1" \
		>/dev/null 2>&1 || { echo "diskmedic-lab: mkfs.fat failed" >&2; return 1; }
}

# fat_add_file PART SRC NAME
fat_add_file() {
	MTOOLS_SKIP_CHECK=1 MTOOLSRC=/dev/null frozen mcopy -o -i "$1" "$2" "::/$3" ||
		{ echo "diskmedic-lab: mcopy $3 failed" >&2; return 1; }
}

# fat_backup_off PART: where BPB_BkBootSec (offset 0x32) puts the backup.
fat_backup_off() { echo $(($(get_u "$1" 50 2) * $(get_u "$1" 11 2))); }
