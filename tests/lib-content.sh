# Helpers for the content identification tests (t0520, t0521): a partition
# that held NTFS and now holds something else, built with real tools.

# stale_ntfs_disk DISK PARTFILE: a disk of PARTFILE's size plus 2 MiB, one
# MBR partition at LBA 2048 of type 0x07 (NTFS), holding PARTFILE.
stale_ntfs_disk() {
	_bytes=$(stat -c %s "$2")
	rm -f "$1" && truncate -s $((_bytes + 2 * 1048576)) "$1" &&
	echo "start=2048, size=$((_bytes / 512)), type=7" | sfdisk -q "$1" &&
	dd if="$2" of="$1" bs=1M seek=1 conv=notrunc,sparse status=none
}

# ntfs_part FILE BYTES: a file of BYTES formatted as NTFS for a partition at
# LBA 2048 (what the partition held before it was reformatted).
ntfs_part() {
	rm -f "$1" && truncate -s "$2" "$1" &&
	mkntfs -q -Q -F -p 2048 -H 255 -S 63 "$1" >/dev/null 2>&1
}

# part1 JSON EXPR: EXPR of the first partition of the first disk (as p).
part1() { json_get "$1" "(lambda p: $2)(r['disks'][0]['partitions'][0])"; }

# severities JSON CODE: the severities of the findings with CODE, one a line.
severities() { json_get "$1" "'\\n'.join(f['severity'] for d in r['disks'] for f in d['findings'] if f['code'] == '$2')"; }

# content_verdict DISK TYPE [FILESYSTEM]: scan --json names TYPE as the
# partition's live content (and FILESYSTEM, default TYPE, as its filesystem),
# no NTFS, FAT or VBR finding is above info, and fix --yes changes no byte.
content_verdict() {
	_before=$(sha "$1") || return 1
	"$DISKMEDIC" scan --json "$1" >"$1.json"
	_rc=$?
	case $_rc in 0|4) ;; *) echo "scan exit $_rc" >&2; return 1 ;; esac
	part1 "$1.json" "p['content']" >&2
	test "$(part1 "$1.json" "p['content']['type']")" = "$2" || return 1
	test "$(part1 "$1.json" "p['filesystem']")" = "${3:-$2}" || return 1
	_loud=$(json_get "$1.json" "' '.join(f['code'] for d in r['disks'] for f in d['findings'] if f['code'].startswith(('ntfs-','fat-','vbr-')) and f['severity'] != 'info')")
	[ -z "$_loud" ] || { echo "NTFS/FAT/VBR findings above info: $_loud" >&2; return 1; }
	# Its exit status is not the point (a finding may be left): the bytes are.
	"$DISKMEDIC" fix --yes --undo-dir "$1.undo" "$1" >"$1.fix" 2>&1
	cat "$1.fix" >&2
	test "$(sha "$1")" = "$_before" || { echo "fix --yes changed $1" >&2; return 1; }
	! ls "$1.undo"/*.undo >/dev/null 2>&1
}
