#!/bin/sh
test_description='every NTFS damage kind: detected, fixed (non-safe kinds only with --only), mounts read-only, files intact, undo exact; Debian ntfsfix on a copy, side by side'
. "$(dirname "$0")/lib.sh"
LAB=$DISKMEDIC_LAB
# Debian's ntfsfix, as the distribution ships it (the ntfs-3g package).
NTFSFIX=$(command -v ntfsfix || echo "$BUILD/ntfsprogs/bin/ntfsfix")

field() { sed -n "s/^$2=//p" "$1.lab"; }
# vol IMG OUT: copy the volume out of a disk image (the ntfs-3g tools take no offset)
vol() {
	_ss=$(field "$1" sector_size)
	dd if="$1" of="$2" bs=1M iflag=skip_bytes,count_bytes skip=$(($(field "$1" part_start) * _ss)) \
		count=$(($(field "$1" fs_sectors) * _ss)) conv=sparse status=none
}
# mounts IMG: a read-only mount by another libntfs-3g user (ntfsls) succeeds;
# -f lets it past a dirty flag that a repair set on purpose (chkdsk at next boot)
mounts() { vol "$1" "$1.vol" && ntfsls -f "$1.vol" >/dev/null 2>&1; }
# problems JSON: errors and warnings of a report (info such as ntfs-dirty is not a problem)
problems() { json_get "$1" "'\n'.join(sorted(f['code'] for d in r['disks'] for f in d['findings'] if f['severity'] != 'info'))"; }

# row KIND DETECTED FIXED MOUNTS FILES UNDO NTFSFIX: one line of the damage table
ROWS=$TRASH/rows
row() { printf '%-26s %-9s %-9s %-7s %-6s %-6s %s\n' "$@" >>"$ROWS"; }

# ntfsfix_on KIND: Debian's ntfsfix on a copy of the extracted volume; prints
# "exit N, modified|unchanged, mounts yes|no, files ok|-"
ntfsfix_on() {
	vol "$1.orig" "$1.nf" && _h=$(sha "$1.nf")
	"$NTFSFIX" "$1.nf" >"$1.ntfsfix.log" 2>&1; _rc=$?
	_m=unchanged; [ "$(sha "$1.nf")" = "$_h" ] || _m=modified
	_mt=no; ntfsls -f "$1.nf" >/dev/null 2>&1 && _mt=yes
	_f=-
	if [ $_mt = yes ]; then
		_f=ok
		while read -r _sum _name; do
			[ "$(ntfscat -f "$1.nf" "$_name" 2>/dev/null | sha256sum | cut -d' ' -f1)" = "$_sum" ] || _f=CHANGED
		done <"$1.orig.files.sha256"
	fi
	echo "exit $_rc, $_m, mounts $_mt, files $_f"
}

# make_kind NAME KIND TABLE: NAME.img of the lab's KIND, pristine copy, sidecars
make_kind() {
	"$LAB" make "$2" "$1.img" --seed 500 --table "$3" >/dev/null &&
	cp --sparse=always "$1.img" "$1.orig" && cp "$1.img.files.sha256" "$1.orig.files.sha256" &&
	cp "$1.img.lab" "$1.orig.lab"
}

# detected KIND CODE: scan reports CODE, exits 4 (or 0 for an info-only finding), writes nothing
detected() {
	"$DISKMEDIC" scan --json "$1.img" >"$1.json"; _rc=$?
	{ [ $_rc = 4 ] || [ $_rc = 0 ]; } && codes "$1.json" | grep -qx "$2" && same_image "$1.orig" "$1.img"
}

# fixed KIND [--only CODE]: fix exits 1, rescan has no problems, files intact,
# a read-only mount succeeds, undo restores the image byte for byte
cycle() {
	_k=$1; shift
	expect_exit 1 "$DISKMEDIC" fix --yes "$@" --undo-dir "$_k.undo" "$_k.img" >"$_k.fix.log" &&
	"$DISKMEDIC" scan --json "$_k.img" >"$_k.after.json" &&
	test -z "$(problems "$_k.after.json")" && echo fixed >"$_k.r.fixed" &&
	{ mounts "$_k.img" && echo yes >"$_k.r.mounts"; } &&
	{ "$LAB" verify "$_k.img" && echo yes >"$_k.r.files"; } &&
	expect_exit 0 "$DISKMEDIC" undo --yes "$_k".undo/*.undo &&
	test "$(sha "$_k.img")" = "$(sha "$_k.orig")" && echo yes >"$_k.r.undo"
}

# unsafe_only NAME: without --only, fix changes nothing (exit 4, or 0 when
# the finding is information only)
unsafe_only() {
	"$DISKMEDIC" fix --yes --undo-dir "$1.noonly" "$1.img" >"$1.noonly.log"; _rc=$?
	{ [ $_rc = 4 ] || [ $_rc = 0 ]; } && same_image "$1.orig" "$1.img" && ! ls "$1".noonly/*.undo 2>/dev/null
}

r() { cat "$1.r.$2" 2>/dev/null || echo no; }

# kind CODE KIND MODE [TABLE]: MODE is safe, only (non-safe: --only), explain
# (non-safe, and scan must tell the safe path: boot Windows, shut down fully)
# or none (no automatic fix). TABLE is mbr (default) or gpt.
kind() {
	_c=$1 _k=$2 _mode=$3 _t=${4:-mbr}
	_nm=$_k; [ $_t = mbr ] || _nm=$_k-$_t
	test_expect_success "$_nm: detected as $_c" "make_kind $_nm $_k $_t && detected $_nm $_c && echo yes >$_nm.r.det"
	case $_mode in
	safe) test_expect_success "$_nm: fixed, rescan clean, mounts, files intact, undo exact" "cycle $_nm" ;;
	only | explain)
		_why=true
		[ $_mode = explain ] && _why="\"$DISKMEDIC\" scan $_nm.img | grep -q 'shut it down fully'"
		_told=; [ $_mode = explain ] && _told="; scan tells the safe path"
		test_expect_success "$_nm: not fixed without --only$_told" "unsafe_only $_nm && $_why &&
			echo yes >$_nm.r.explained"
		test_expect_success "$_nm: fixed with --only $_c, rescan clean, mounts, files intact, undo exact" \
			"cycle $_nm --only $_c"
		;;
	none)
		test_expect_success "$_nm: no automatic fix: fix writes nothing, exit 4" "
			expect_exit 4 \"$DISKMEDIC\" fix --yes --undo-dir $_nm.undo $_nm.img >$_nm.fix.log &&
			same_image $_nm.orig $_nm.img && ! ls $_nm.undo/*.undo 2>/dev/null && echo yes >$_nm.r.nofix"
		;;
	esac
	_nf=$(ntfsfix_on "$_nm")
	case $_mode in
	only | explain)
		_fx=no
		[ "$(r $_nm fixed)" = fixed ] && [ "$(r $_nm explained)" = yes ] && _fx=--only
		[ $_mode = explain ] && _fx="$_fx,told"
		;;
	none) _fx=no; [ "$(r $_nm nofix)" = yes ] && _fx=explained ;;
	*) _fx=$(r $_nm fixed); [ "$_fx" = fixed ] && _fx=yes ;;
	esac
	if [ $_mode = none ]; then
		row "$_nm" "$(r $_nm det)" "$_fx" - - - "$_nf"
	else
		row "$_nm" "$(r $_nm det)" "$_fx" "$(r $_nm mounts)" "$(r $_nm files)" "$(r $_nm undo)" "$_nf"
	fi
}

row kind detected fixed mounts files undo "Debian ntfsfix on a copy"
kind ntfs-boot-sector-damaged ntfs-primary-zeroed safe
kind ntfs-backup-boot-sector-damaged ntfs-backup-zeroed safe
kind ntfs-backup-boot-sector-damaged ntfs-backup-differs safe
kind ntfs-boot-sectors-lost ntfs-both-zeroed only
kind ntfs-boot-sectors-lost ntfs-both-zeroed only gpt
kind ntfs-mftmirr-mismatch ntfs-mftmirr-mismatch safe
kind ntfs-mftmirr-mismatch ntfs-mftmirr-mismatch safe gpt
kind ntfs-mft-damaged ntfs-mft-damaged safe
kind ntfs-dirty ntfs-dirty only
kind ntfs-hibernated ntfs-hibernated explain
kind ntfs-fast-startup ntfs-fast-startup explain
kind ntfs-logfile-unclean ntfs-logfile-unclean only
kind ntfs-upcase-damaged ntfs-upcase-damaged safe
kind ntfs-unmountable ntfs-unmountable none
kind vbr-size-exceeds-partition ntfs-size-exceeds none
kind vbr-size-exceeds-partition truncated none

test_info "NTFS damage table (diskmedic $("$DISKMEDIC" --version | tr '\n' ' ')); ntfsfix: $NTFSFIX"
while IFS= read -r _l; do test_info "$_l"; done <"$ROWS"
test_done
