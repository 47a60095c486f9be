#!/bin/sh
test_description='the qemu geometry model.  For disk sizes 100 MiB to 2 TiB (sparse) and MBRs implying 16, 64, 128 and 255 heads, host-mode `diskmedic scan --bios qemu` predicts the BIOS geometry that the booted ISO reads from EDD, and both find the same problems.  Disks with explicit ide-hd lcyls/lheads/lsecs or bios-chs-trans settings (not modelled) are checked against what EDD reported: the ISO finds what the host finds under --bios H/S.  Four IDE disks per boot, the CD on AHCI; qemu loads the ISO'\''s kernel and initramfs (-kernel), as the geometry comes from SeaBIOS either way.'
. "$(dirname "$0")/lib.sh"
. "$SRCDIR/tests/lib-qemu.sh"

# One row per disk: NAME SIZE MBR-HEADS QEMU-DEVICE-OPTIONS ("-" for none).
# Every boot group (g1..g10) has four disks of different sizes, so a
# report's disk is found by size.  Rows with options are "explicit".
cat >rows <<-'EOF_ROWS'
	g1 100M 16 -
	g1 500M 16 -
	g1 1G 16 -
	g1 2G 16 -
	g2 4G 16 -
	g2 8G 16 -
	g2 40G 16 -
	g2 2T 16 -
	g3 100M 64 -
	g3 500M 64 -
	g3 1G 64 -
	g3 2G 64 -
	g4 4G 64 -
	g4 8G 64 -
	g4 40G 64 -
	g4 2T 64 -
	g5 100M 128 -
	g5 500M 128 -
	g5 1G 128 -
	g5 2G 128 -
	g6 4G 128 -
	g6 8G 128 -
	g6 40G 128 -
	g6 2T 128 -
	g7 100M 255 -
	g7 500M 255 -
	g7 1G 255 -
	g7 2G 255 -
	g8 4G 255 -
	g8 8G 255 -
	g8 40G 255 -
	g8 2T 255 -
	g9 3G 255 lcyls=391,lheads=255,lsecs=63
	g9 1G 255 bios-chs-trans=lba
	g9 2G 255 bios-chs-trans=none
	g9 4G 255 bios-chs-trans=large
	g10 500M 255 lcyls=1015,lheads=16,lsecs=63
	g10 8G 64 bios-chs-trans=none
	g10 2G 64 lcyls=2048,lheads=64,lsecs=32
	g10 100M 16 bios-chs-trans=lba
EOF_ROWS

# mkdisk IMG SIZE HEADS SIGNATURE: a sparse disk whose MBR has one entry
# from LBA 2048 to the last whole cylinder under HEADS/63 (at most 2^32-1),
# CHS tuples written under HEADS/63 (clamped at cylinder 1023, as DOS does).
# The partition holds a swap area (mkswap's header, type 0x82): the geometry
# findings come from the MBR alone, and a partition that holds nothing makes
# every scan look for the volumes a lost table would have pointed at (an
# NTFS type: 64 MiB for a copy of $MFT; any type: the quick search's 8192
# probes), forty times over, under TCG in the ISO.
mkdisk() {
	truncate -s "$2" "$1" &&
	dd if=swap.hdr of="$1" bs=4096 seek=256 conv=notrunc status=none &&
	python3 - "$1" "$3" "$4" <<-'EOF_PY'
	import os, struct, sys
	img, heads, sig = sys.argv[1], int(sys.argv[2]), int(sys.argv[3], 16)
	n = os.path.getsize(img) // 512
	cyl = heads * 63
	end = min(n // cyl * cyl, 2**32 - 1) - 1
	start = 2048
	def chs(lba):
	    c, h, s = lba // cyl, lba // 63 % heads, lba % 63 + 1
	    if c > 1023:
	        c, h, s = 1023, heads - 1, 63
	    return bytes([h, s | (c >> 8) << 6, c & 255])
	entry = b"\0" + chs(start) + b"\x82" + chs(end) + struct.pack("<II", start, end - start + 1)
	mbr = bytearray(512)
	mbr[440:444] = struct.pack("<I", sig)
	mbr[446:462] = entry
	mbr[510:512] = b"\x55\xaa"
	with open(img, "r+b") as f:
	    f.write(mbr)
	EOF_PY
}

# geo REPORT SIZE-BYTES: "heads/sectors source codes,..." of the disk of
# that size ("missing" if there is none).
geo() { python3 -c 'import json,sys
ds = [d for d in json.load(open(sys.argv[1]))["disks"] if d["size_bytes"] == int(sys.argv[2])]
if len(ds) != 1:
    print("missing"); sys.exit()
d = ds[0]; g = d["bios_geometry"] or {}
print("%s/%s %s %s" % (g.get("heads"), g.get("sectors_per_track"), g.get("source"),
    ",".join(sorted(f["code"] for f in d["findings"])) or "-"))' "$1" "$2"; }

bytes_of() { numfmt --from=iec "$1"; }

test_expect_success 'the ISO is built' 'iso_ready'

test_expect_success 'the disks: 40, each with its own MBR signature' '
	truncate -s 1M swap.img && mkswap -q swap.img >/dev/null &&
	head -c 4096 swap.img >swap.hdr &&
	i=0 &&
	while read -r g size heads opts; do
		i=$((i + 1))
		mkdisk d$i.img $size $heads $(printf %08x $((0x45200000 + i))) || exit 1
	done <rows &&
	test $(ls d*.img | wc -l) = 40
'

test_expect_success 'host mode: scan --bios qemu on every disk' '
	i=0 &&
	while read -r g size heads opts; do
		i=$((i + 1))
		{ "$DISKMEDIC" scan --bios qemu --json d$i.img >host$i.json; test $? -lt 8; } &&
		geo host$i.json $(bytes_of $size) >host$i.geo &&
		json_get host$i.json "r[\"disks\"][0][\"bios_geometry_note\"]" >host$i.note || return 1
	done <rows
'

test_expect_success 'the ISO in report mode, four IDE disks per boot (10 boots)' '
	for g in $(cut -d" " -f1 rows | uniq); do
		args= i=0 u=0
		while read -r rg size heads opts; do
			i=$((i + 1))
			[ $rg = $g ] || continue
			o=; [ "$opts" = - ] || o=,$opts
			args="$args -drive file=d$i.img,format=raw,if=none,id=d$i -device ide-hd,drive=d$i,bus=ide.$((u / 2)),unit=$((u % 2))$o"
			u=$((u + 1))
		done <rows
		ISO_MEDIUM=none ISO_LOADER=qemu iso_boot vm-$g bios "diskmedic.mode=report diskmedic.after=poweroff" \
			-device ahci,id=ahci \
			-drive file="$ISO",format=raw,if=none,id=cd,media=cdrom,readonly=on \
			-device ide-cd,drive=cd,bus=ahci.0 $args || return 1
		qemu_report vm-$g >$g.json && python3 -m json.tool $g.json >/dev/null || return 1
	done
'

test_expect_success 'every disk: host prediction = EDD in the ISO (explicit settings: the ISO finds what the host finds under --bios EDD)' '
	i=0 bad=0 &&
	printf "%-5s %-5s %-5s %-32s %-9s %-14s %s\n" disk size mbr settings "--bios qemu" "ISO (EDD)" verdict >table &&
	while read -r g size heads opts; do
		i=$((i + 1))
		set -- $(geo $g.json $(bytes_of $size))
		iso_geo=$1 iso_src=${2:-} iso_codes=${3:-}
		set -- $(cat host$i.geo)
		host_geo=$1 host_codes=$3
		trans=$(sed -n "s/.*IDE CHS \([0-9/]*\), \([a-z]*\) translation.*/\2/p" host$i.note)
		if [ "$iso_src" != edd ]; then
			verdict="DIFF: ISO source ${iso_src:-none}"
		elif [ "$opts" = - ]; then
			if [ "$iso_geo" != "$host_geo" ]; then verdict="DIFF"
			elif [ "$iso_codes" != "$host_codes" ]; then verdict="DIFF: findings $iso_codes vs $host_codes"
			else verdict="same ($trans)"; fi
		else
			"$DISKMEDIC" scan --bios $iso_geo --json d$i.img >user$i.json
			set -- $(geo user$i.json $(bytes_of $size))
			if [ "${3:-}" != "$iso_codes" ]; then verdict="DIFF: findings $iso_codes vs --bios $iso_geo: ${3:-}"
			else verdict="explicit: EDD reported $iso_geo, findings follow it"; fi
		fi
		case $verdict in DIFF*) bad=$((bad + 1)) ;; esac
		printf "%-5s %-5s %-5s %-32s %-9s %-14s %s\n" d$i $size $heads "$opts" $host_geo "$iso_geo" "$verdict" >>table
	done <rows &&
	cat table &&
	test $bad = 0
'
while read -r l; do test_info "$l"; done <table 2>/dev/null

test_done
