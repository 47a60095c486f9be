# Partition tables for diskmedic-lab. fdisk writes the tables from sfdisk scripts (with a fixed
# disk identifier and fixed GUIDs derived from the seed, so they are
# reproducible); mbr_entry_put rewrites single MBR entries for the damage
# kinds that fdisk rightly refuses to create (overlaps, entries past the end).

MBR_CYL=16065   # sectors per cylinder under 255 heads x 63 sectors

# chs_hex LBA HEADS SPT: the 3-byte CHS tuple of LBA, clamped to 1023/H-1/S
# past the CHS limit as DOS and sfdisk do.
chs_hex() {
	_c=$(($1 / ($2 * $3))) _h=$((($1 / $3) % $2)) _s=$(($1 % $3 + 1))
	if [ "$_c" -gt 1023 ]; then _c=1023 _h=$(($2 - 1)) _s=$3; fi
	printf '%02x%02x%02x' "$_h" $((_s | ((_c >> 8) << 6))) $((_c & 255))
}

# mbr_entry_put IMG INDEX BOOT TYPE START SIZE: write entry INDEX (1-4),
# with its CHS tuples computed under 255/63.
mbr_entry_put() {
	_boot=00; [ "$3" = 1 ] && _boot=80
	put_hex "$1" $((446 + ($2 - 1) * 16)) "$_boot$(chs_hex "$5" 255 63)$(printf %02x "$4")$(chs_hex $(($5 + $6 - 1)) 255 63)$(le_hex "$5" 4)$(le_hex "$6" 4)"
}

# mbr_entry_get IMG INDEX FIELD: start or size of an MBR entry.
mbr_entry_get() {
	case $3 in
	start) get_u "$1" $((446 + ($2 - 1) * 16 + 8)) 4 ;;
	size) get_u "$1" $((446 + ($2 - 1) * 16 + 12)) 4 ;;
	esac
}

# The MBR boot code the lab installs on disks meant to boot: a real, tiny
# x86 program (cli; zero ds/ss; sp=7C00h; print the message with INT 10h
# AH=0Eh; hlt loop). It loads nothing, so diskmedic classifies it as unknown
# code, but it is not empty: the disk counts as a BIOS-boot disk.
#   fa 31c0 8ed8 8ed0 bc007c fb be1c7c | ac 08c0 7406 b40e cd10 ebf5 | f4 ebfd
LAB_MBR_CODE=fa31c08ed88ed0bc007cfbbe1c7cac08c07406b40ecd10ebf5f4ebfd

mbr_code_put() {
	put_hex "$1" 0 "$LAB_MBR_CODE$(printf 'diskmedic-lab test MBR: no loader here' | xxd -p | tr -d '\n')00"
}

# apply_script IMG SS SCRIPT: fdisk (not sfdisk) applies the sfdisk-format
# script, because only fdisk takes a logical sector size for an image file
# (-b); sfdisk 2.38 would rescale a 4096-byte layout to 512-byte sectors.
apply_script() {
	printf '%s\n' "$3" >"$1.sfdisk"
	printf 'I\n%s\nw\n' "$1.sfdisk" | fdisk -b "$2" "$1" >"$1.fdisk.log" 2>&1 &&
		grep -q 'Script successfully applied' "$1.fdisk.log" ||
		{ cat "$1.fdisk.log" >&2; return 1; }
	rm -f "$1.sfdisk" "$1.fdisk.log"
}

# make_mbr IMG SS DISKID LINES: LINES are sfdisk partition lines.
make_mbr() {
	apply_script "$1" "$2" "$(printf 'label: dos\nlabel-id: 0x%s\nunit: sectors\nsector-size: %s\n\n%s' "$3" "$2" "$4")"
}

# make_gpt IMG SS LABELUUID LINES [HEADERLINE]
make_gpt() {
	apply_script "$1" "$2" "$(printf 'label: gpt\nlabel-id: %s\nunit: sectors\nsector-size: %s\n%s\n\n%s' "$3" "$2" "${5:-}" "$4")"
}

# gpt_backup_lba IMG SS: the backup header's LBA as the primary records it.
gpt_backup_lba() { get_u "$1" $(($2 + 32)) 8; }

# ebr_chain IMG EXTSTART COUNT STRIDE LOOP: write COUNT EBRs, STRIDE sectors
# apart, from EXTSTART. Each describes one logical partition of STRIDE-1
# sectors right after itself and links to the next EBR; the last links back
# to the first when LOOP is 1, else ends the chain. All CHS under 255/63. One
# awk pass makes an xxd dump that xxd -r patches in place, so 10 000 EBRs
# take a second, not 10 000 dd runs.
ebr_chain() {
	awk -v e="$2" -v n="$3" -v st="$4" -v loop="$5" '
		function le(v, k,   h, i) { h = ""; for (i = 0; i < k; i++) { h = h sprintf("%02x", v % 256); v = int(v / 256) } return h }
		function chs(l,   c, hd, sc) {
			c = int(l / 16065); hd = int(l / 63) % 255; sc = l % 63 + 1
			if (c > 1023) { c = 1023; hd = 254; sc = 63 }
			return sprintf("%02x%02x%02x", hd, sc + int(c / 256) * 64, c % 256)
		}
		function entry(type, abs, rel, size) {
			return "00" chs(abs) sprintf("%02x", type) chs(abs + size - 1) le(rel, 4) le(size, 4)
		}
		function dump(off, hex,   i) {
			for (i = 1; i <= length(hex); i += 32) printf "%08x: %s\n", off + (i - 1) / 2, substr(hex, i, 32)
		}
		BEGIN {
			for (i = 0; i < n; i++) {
				ebr = e + i * st
				h = entry(131, ebr + 1, 1, st - 1)
				if (i < n - 1) h = h entry(5, ebr + st, (i + 1) * st, st)
				else if (loop) h = h entry(5, e, 0, st)
				dump(ebr * 512 + 446, h)
				dump(ebr * 512 + 510, "55aa")
			}
		}' | xxd -r - "$1"
}
