# NTFS for diskmedic-lab: make a reproducible volume in a partition file, put
# the lab files in, and locate the structures that the damage kinds patch.
# Structures are located with ntfsinfo (and the boot sector's own fields),
# never by offsets assumed from one mkntfs version.

# frozen CMD...: run CMD with the clock stopped at a fixed instant, so the
# timestamps ntfs-3g and mtools write into the volume are reproducible.
frozen() {
	TZ=UTC FAKETIME_DONT_RESET=1 faketime -f '@2000-01-01 00:00:00 x0' "$@"
}

# ntfs_make PART SS HEADS SPT HIDDEN SERIALHEX: format PART. mkntfs -T fixes
# the time (and with it mkntfs's random seed); the volume serial is then set
# from the lab's seed in both boot sectors.
ntfs_make() {
	# mkntfs always remarks that a file is not a block device: keep its
	# output for the failure case only.
	mkntfs -q -F -T -Q -L LAB -s "$2" -H "$3" -S "$4" -p "$5" "$1" >"$1.log" 2>&1 ||
		{ cat "$1.log" >&2; echo "diskmedic-lab: mkntfs failed" >&2; return 1; }
	rm -f "$1.log"
	put_hex "$1" 72 "$6"
	put_hex "$1" $(($(ntfs_backup_off "$1") + 72)) "$6"
}

ntfs_bps() { get_u "$1" 11 2; }
ntfs_total() { get_u "$1" 40 8; }
# The backup boot sector sits in the sector after the volume's last one.
ntfs_backup_off() { echo $(($(ntfs_total "$1") * $(ntfs_bps "$1"))); }

# ntfs_add_file PART SRC NAME
ntfs_add_file() {
	frozen ntfscp -q "$1" "$2" "$3" >/dev/null 2>&1 ||
		{ echo "diskmedic-lab: ntfscp $3 failed" >&2; return 1; }
}

# ntfs_vol PART FIELD: a field of `ntfsinfo -m` (e.g. "Cluster Size").
ntfs_vol() {
	ntfsinfo -m "$1" 2>/dev/null | sed -n "s/^[[:space:]]*$2:[[:space:]]*//p" | head -n 1
}

ntfs_cluster() { ntfs_vol "$1" 'Cluster Size'; }
ntfs_recsize() { ntfs_vol "$1" 'MFT Record Size'; }
ntfs_mft_off() { echo $(($(ntfs_vol "$1" 'LCN of Data Attribute for FILE_MFT') * $(ntfs_cluster "$1"))); }
ntfs_mirr_off() { echo $(($(ntfs_vol "$1" 'LCN of Data Attribute for File_MFTMirr') * $(ntfs_cluster "$1"))); }

# ntfs_data PART INODE: "LCN DATASIZE" of the inode's unnamed, non-resident
# $DATA attribute, from `ntfsinfo -v` (first run only: the system files the
# lab patches are contiguous after mkntfs).
ntfs_data() {
	set -- $(ntfsinfo -v -i "$2" "$1" 2>/dev/null | awk '
		/^Dumping attribute/ { indata = ($3 == "$DATA"); unnamed = 0; size = ""; next }
		indata && /Name length:/ { unnamed = ($3 == 0) }
		indata && unnamed && /Data size:/ && size == "" { size = $3 }
		indata && unnamed && /Runlist:/ { getline; print $2, size; exit }
	')
	[ -n "${2:-}" ] || return 1
	echo $(($1)) "$2"    # the LCN is printed in hex (0x...)
}

# ntfs_data_off PART INODE: byte offset of the inode's data in PART.
ntfs_data_off() {
	set -- "$1" $(ntfs_data "$1" "$2")
	[ -n "${2:-}" ] || return 1
	echo $(($2 * $(ntfs_cluster "$1")))
}
ntfs_data_size() { set -- $(ntfs_data "$1" "$2"); echo "$2"; }

# mft_attr_value FILE RECOFF TYPE: absolute offset of the value of the first
# resident attribute TYPE (decimal) in the MFT record at RECOFF. The record is
# read raw: fixups only touch each sector's last two bytes, which the callers
# check they do not patch.
mft_attr_value() {
	od -An -v -t u1 -j "$2" -N 1024 "$1" | awk -v base="$2" -v want="$3" '
		{ for (i = 1; i <= NF; i++) b[n++] = $i }
		function u(o, k,   v, j) { v = 0; for (j = k - 1; j >= 0; j--) v = v * 256 + b[o + j]; return v }
		END {
			if (u(0, 4) != 1162627398) exit 1        # "FILE"
			o = u(20, 2)
			while (o + 8 <= n) {
				t = u(o, 4); len = u(o + 4, 4)
				if (t == 4294967295 || len == 0) exit 1
				if (t == want && b[o + 8] == 0) { print base + o + u(o + 20, 2); exit 0 }
				o += len
			}
			exit 1
		}'
}

# logfile_restart_page FILE MAJOR MINOR FLAGS LOGSIZE LSN: write a 4096-byte
# $LogFile restart page (RSTR header, restart area, one "NTFS" log client in
# use) with its multi-sector fixups applied, as Windows leaves it. Layout from
# ntfs-3g's logfile.h; the values pass ntfs-3g's ntfs_check_logfile.
logfile_restart_page() {
	_f=$1 _lsn=$6
	rm -f "$_f"; truncate -s 4096 "$_f"
	# seq_number_bits = 67 - (number of bits in the file size)
	_bits=0 _s=$5; while [ "$_s" -gt 0 ]; do _s=$((_s >> 1)) _bits=$((_bits + 1)); done
	put_hex "$_f" 0 "52535452$(le_hex 30 2)$(le_hex 9 2)$(le_hex 0 8)$(le_hex 4096 4)$(le_hex 4096 4)$(le_hex 48 2)$(le_hex "$3" 2)$(le_hex "$2" 2)"
	# restart area at 0x30: current LSN, 1 client, free list empty, client 0
	# in use, flags, seq bits, length 0xd0, client array at +0x30, file size,
	# last LSN data length, log record header 0x30, page data offset 0x40
	put_hex "$_f" 48 "$(le_hex "$_lsn" 8)$(le_hex 1 2)ffff0000$(le_hex "$4" 2)$(le_hex $((67 - _bits)) 4)$(le_hex 208 2)$(le_hex 48 2)$(le_hex "$5" 8)$(le_hex 0 4)$(le_hex 48 2)$(le_hex 64 2)$(le_hex 1 4)00000000"
	# the log client record: oldest LSN, restart LSN, no prev/next, name NTFS
	put_hex "$_f" 96 "$(le_hex "$_lsn" 8)$(le_hex "$_lsn" 8)ffffffff0000000000000000$(le_hex 8 4)4e00540046005300"
	# multi-sector protection: update sequence number 1 at the end of each
	# 512-byte sector; the original words (all zero here) go to the array.
	_i=1; while [ $_i -le 8 ]; do put_hex "$_f" $((_i * 512 - 2)) 0100; _i=$((_i + 1)); done
	put_hex "$_f" 30 "0100$(printf '0000%.0s' 1 2 3 4 5 6 7 8)"
}

# ntfs_put_code PART BIN: install boot code BIN (426 bytes, for offsets
# 0x54..0x1FD) in both boot sectors; the BPB before 0x54 stays as it is.
ntfs_put_code() {
	[ "$(wc -c <"$2")" = 426 ] || { echo "diskmedic-lab: $2 is not 426 bytes" >&2; return 1; }
	copy_range "$2" 0 426 "$1" 84 &&
		copy_range "$2" 0 426 "$1" $(($(ntfs_backup_off "$1") + 84))
}
