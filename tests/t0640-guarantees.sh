#!/bin/sh
test_description='the guarantees over the whole lab corpus: a scan writes nothing; after fix, nothing safe-fixable is left, the files and the volume are intact, undo is exact; a second fix changes nothing. Ends with the table of kinds x guarantees'
. "$(dirname "$0")/lib.sh"
. "$SRCDIR/tests/lib-reliability.sh"

# Table cells: yes; no (the test fails); yes* where it holds because fix
# wrote nothing at all (no safe fix for that damage): then there is no record
# to undo, and files or a volume unreadable before (both NTFS boot sectors
# gone, a disk too small) are byte for byte what they were.
COLS="report-only rescan-clean files volume-opens undo-exact idempotent"

# files_ok IMG: the lab's files on the volume, read back, match their sha256.
files_ok() { "$DISKMEDIC_LAB" verify "$1" >"$1.verify" 2>&1; }

# volume_opens IMG: the volume opens read-only with libntfs-3g (ntfsinfo;
# -f only gets past "scheduled for check", the dirty flag a repair may set on
# purpose so that Windows runs chkdsk) or passes fsck.fat -n.
volume_opens() {
	_ss=$(sed -n 's/^sector_size=//p' "$1.lab") _st=$(sed -n 's/^part_start=//p' "$1.lab")
	_n=$(sed -n 's/^fs_sectors=//p' "$1.lab") _fs=$(sed -n 's/^fs=//p' "$1.lab")
	rm -f part && dd if="$1" of=part bs=1M iflag=skip_bytes,count_bytes skip=$((_st * _ss)) \
		count=$((_n * _ss)) conv=sparse status=none 2>/dev/null || return 1
	[ -s part ] || return 1
	case $_fs in
	ntfs) ntfsinfo -f -m part >/dev/null 2>&1 ;;
	*) fsck.fat -n part >/dev/null 2>&1 ;;
	esac
}

# safe_left JSON: how many findings still offer a safe fix.
safe_left() { json_get "$1" "sum(any(x['safe'] for x in f['fixes']) for d in r['disks'] for f in d['findings'])"; }

# judge KIND: fill KIND.row (one word per column) and fail on any "no".
judge() {
	_k=$1 _i=$1.img
	"$DISKMEDIC_LAB" make $_k $_i --seed 640 >/dev/null || return 1
	_b=$(sed -n 's/^bios=//p' $_i.lab)
	_orig=$(imgsum $_i)
	files_ok $_i && _f0=1 || _f0=0
	volume_opens $_i && _v0=1 || _v0=0
	# report only: a text and a JSON scan leave every byte
	"$DM" scan --bios $_b $_i >$_k.scan 2>&1
	"$DM" scan --json --bios $_b $_i >$_k.json0 2>$_k.err0
	sanitizer_clean $_k.scan && sanitizer_clean $_k.err0 || return 1
	[ "$(imgsum $_i)" = "$_orig" ] && _ro=yes || _ro=no
	# fix every safe finding
	"$DM" fix --yes --bios $_b --undo-dir $_k.undo $_i >$_k.fix 2>&1; _rc=$?
	cat $_k.fix | grep -E "^diskmedic|applied|left"
	sanitizer_clean $_k.fix || return 1
	_fixed=$(imgsum $_i)
	"$DM" scan --json --bios $_b $_i >$_k.json1 2>/dev/null
	[ "$(safe_left $_k.json1)" = 0 ] && _clean=yes || _clean=no
	_applied=0; [ $((_rc & 1)) = 1 ] && _applied=1
	_same=0; [ "$_fixed" = "$_orig" ] && _same=1
	if files_ok $_i; then _files=yes; elif [ $_f0 = 0 ] && [ $_same = 1 ]; then _files=yes*; else _files=no; fi
	if volume_opens $_i; then _vol=yes; elif [ $_v0 = 0 ] && [ $_same = 1 ]; then _vol=yes*; else _vol=no; fi
	# idempotence: a second fix finds nothing to do and writes nothing
	"$DM" fix --yes --bios $_b --undo-dir $_k.undo2 $_i >$_k.fix2 2>&1
	sanitizer_clean $_k.fix2 || return 1
	[ "$(imgsum $_i)" = "$_fixed" ] && ! ls $_k.undo2/*.undo >/dev/null 2>&1 && _idem=yes || _idem=no
	# undo: the record gives back the original bytes, exactly
	set -- $_k.undo/*.undo
	if [ -f "$1" ]; then
		"$DM" undo --yes --undo-dir $_k.undo3 "$1" >$_k.unfix 2>&1
		[ "$(imgsum $_i)" = "$_orig" ] && _undo=yes || _undo=no
	elif [ $_same = 1 ] && [ $_applied = 0 ]; then
		_undo=yes*
	else
		_undo=no	# something changed without a record
	fi
	echo "$_ro $_clean $_files $_vol $_undo $_idem" >$_k.row
	echo "$_k: $COLS = $(cat $_k.row) (fix exit $_rc)"
	[ $_applied = 0 ] || echo $_k >>fixed-kinds
	rm -f $_i part
	! grep -qw no $_k.row
}

"$DISKMEDIC_LAB" list | cut -d' ' -f1 >kinds
for k in $(cat kinds); do
	test_expect_success "$k: report-only, fix, files, volume, undo, idempotence" "judge $k"
done

# The fault tests (t0610-t0630) cover FIX_KINDS: every kind a fix changes
# must be among them.
test_expect_success 'every kind that fix changes is covered by the fault injection tests' '
	for k in $(cat fixed-kinds); do
		case " $(echo $FIX_KINDS) " in *" $k "*) ;; *) echo "$k is not in FIX_KINDS"; exit 1 ;; esac
	done
'

set -f	# the cells hold "yes*"
test_info "guarantees (yes*: holds because fix wrote nothing: no safe fix for that damage)"
test_info "$(printf '%-24s' kind)$(printf ' %-13s' $COLS)"
for k in $(cat kinds); do
	test_info "$(printf '%-24s' $k)$(printf ' %-13s' $(cat $k.row 2>/dev/null || echo FAILED))"
done
test_done
