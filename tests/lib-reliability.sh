# Shared by the reliability tests (t06NN): the sanitizer build with its fault
# hooks (rescue/io/faults.h), content digests of images, and the check that a
# faulted fix left the disk unchanged, fixed, or restorable by undo.
# Source after lib.sh.

# A private copy: another make may relink the build while a sweep runs.
DM=$TRASH/diskmedic-asan
cp "$DISKMEDIC" "$DM" || exit 1
# Leaks count too (lib.sh turns them off), but for libntfs-3g's own, listed in
# lsan.supp; full stacks, since libntfs-3g is built without frame pointers.
# 86: the exit status of any sanitizer report.
ASAN_OPTIONS=detect_leaks=1:fast_unwind_on_malloc=0:abort_on_error=0:exitcode=86
LSAN_OPTIONS=suppressions=$SRCDIR/tests/reliability/lsan.supp:print_suppressions=0:exitcode=86
export ASAN_OPTIONS LSAN_OPTIONS

# The lab kinds that have a safe fix, at a size that keeps each run short
# (the 2 GiB geometry disks of the lab are 64 MiB here: qemu then presents
# 16/63, still not the BPB's 255/63). t0640 fails if a fixable kind is missing.
# ntfs-logfile-unclean's journal reset is not safe (Windows replays the
# journal), but it is the one library repair: it stays here, named with
# --only (fix_only), so the faults still reach the block-by-block writes.
FIX_KINDS=${FIX_KINDS_ONLY:-"geometry-255 hidden-sectors geometry-hidden gpt-primary-zeroed gpt-backup-zeroed
gpt-backup-misplaced mbr-signature-missing mbr-table-lost mbr-chs-inconsistent fat32-primary-damaged
fat32-backup-damaged ntfs-primary-zeroed ntfs-backup-zeroed ntfs-backup-differs ntfs-mftmirr-mismatch
ntfs-mft-damaged ntfs-logfile-unclean ntfs-upcase-damaged"}

# fix_only KIND: the --only a kind's fix needs when it is not safe.
fix_only() { case $1 in ntfs-logfile-unclean) echo --only ntfs-logfile-unclean ;; esac; }

imgsum() { python3 "$SRCDIR/tests/reliability/imgsum.py" "$@"; }

# sanitizer_clean FILE: no ASan/UBSan/LSan report in FILE.
sanitizer_clean() {
	! grep -E "ERROR: (Address|Leak)Sanitizer|runtime error:|SUMMARY: (Address|Undefined)" "$1"
}

# lab_make KIND IMG: the lab image at a short size; prints the --bios it needs.
lab_make() {
	case $1 in geometry-255 | geometry-hidden) set -- "$@" --size 64M ;; esac
	"$DISKMEDIC_LAB" make "$@" --seed 600 >/dev/null || return 1
	sed -n 's/^bios=//p' "$2.lab"
}

# fault_prepare KIND: KIND.orig (the damaged image), KIND.bios, KIND.sum
# (its digest), and from a fault-free fix under strace: KIND.rc (its exit),
# KIND.reads, KIND.writes and KIND.before (reads before the first write).
fault_prepare() {
	_k=$1
	lab_make "$_k" "$_k.orig" >"$_k.bios" || return 1
	imgsum "$_k.orig" >"$_k.sum" && cp --sparse=always "$_k.orig" "$_k.t" || return 1
	# LeakSanitizer cannot run under ptrace.
	ASAN_OPTIONS=detect_leaks=0 strace -o "$_k.strace" -e trace=pread64,pwrite64 \
		"$DM" fix --yes --bios "$(cat "$_k.bios")" $(fix_only "$_k") --undo-dir "$_k.u0" "$_k.t" >"$_k.out0" 2>&1
	echo $? >"$_k.rc"
	grep -c "^pread64(" "$_k.strace" >"$_k.reads"
	grep -c "^pwrite64(" "$_k.strace" >"$_k.writes"
	grep -E "^(pread64|pwrite64)\(" "$_k.strace" | grep -n "^pwrite64" | head -n 1 | cut -d: -f1 |
		{ read -r n && echo $((n - 1)); } >"$_k.before"
	imgsum "$_k.t" >"$_k.fixedsum" && rm -rf "$_k.t" "$_k.u0" || return 1
	[ $(($(cat "$_k.rc") & 1)) = 1 ] && [ "$(cat "$_k.writes")" -gt 0 ] ||
		{ echo "$_k: the fault-free fix did not fix (exit $(cat "$_k.rc"))"; cat "$_k.out0"; return 1; }
}

# fault_case KIND ENV...: run fix on a copy of KIND.orig with the fault
# hooks in ENV, then check: no sanitizer report; an exit status that says
# what happened (the fault-free one, or 8 set with a message naming the I/O
# error; 98/99 for the simulated crashes); each fix in the record applied
# whole or not at all (a library repair stopped halfway says so and names the
# undo record); and undo of the record, if one was written, gives back the
# original bytes. Appends the outcome to KIND.outcomes: unchanged, fixed (as
# the fault-free run), some-fixes (others failed whole), crashed or halfway.
fault_case() {
	_k=$1; shift
	rm -rf t.img u u2 && cp --sparse=always "$_k.orig" t.img || return 1
	env "$@" "$DM" fix --yes --bios "$(cat "$_k.bios")" $(fix_only "$_k") --undo-dir u t.img >out 2>err
	_rc=$?
	echo "== $_k $* -> exit $_rc"; cat err
	sanitizer_clean err || return 1
	case "$*" in
	*CRASH_AFTER_UNDO*) [ $_rc = 98 ] || { echo "expected the simulated crash (98)"; return 1; } ;;
	*PARTIAL*) [ $_rc = 99 ] || [ $_rc = "$(cat "$_k.rc")" ] || { echo "expected 99 or the fault-free exit"; return 1; } ;;
	*)
		if [ $_rc != "$(cat "$_k.rc")" ]; then
			[ $((_rc & 8)) = 8 ] || { echo "a failure must set exit bit 8"; return 1; }
			grep -qE "^diskmedic: .*(Input/output error|fsync failed)" err ||
				{ echo "no message naming the I/O error"; return 1; }
		fi ;;
	esac
	set -- u/*.undo
	_now=$(imgsum t.img)
	if [ -f "$1" ]; then
		imgsum --states "$_k.orig" "$1" >states
	else
		cat "$_k.sum" >states
	fi
	if [ "$_now" = "$(cat "$_k.sum")" ]; then
		_out=unchanged
	elif [ "$_now" = "$(cat "$_k.fixedsum")" ]; then
		_out=fixed
	elif [ $_rc = 98 ] || [ $_rc = 99 ]; then
		_out=crashed
	elif grep -q "stay changed" err; then
		_out=halfway	# a libntfs-3g repair stopped between blocks (docs/reliability.md)
	elif grep -qx "$_now" states; then
		_out=some-fixes
	else
		echo "the disk is neither unchanged nor fixed, with no crash to explain it"; return 1
	fi
	if [ -f "$1" ]; then
		"$DM" undo --yes --undo-dir u2 "$1" >uout 2>&1; _urc=$?
		cat uout
		sanitizer_clean uout || return 1
		[ $_urc = 0 ] || grep -q "nothing to restore" uout || { echo "undo failed (exit $_urc)"; return 1; }
		[ "$(imgsum t.img)" = "$(cat "$_k.sum")" ] || { echo "undo did not give back the original bytes"; return 1; }
	elif [ $_out != unchanged ]; then
		echo "changed without an undo record"; return 1
	fi
	echo "$_out" >>"$_k.outcomes"
}

# outcome_summary KIND: "N unchanged, N fixed, ..." from KIND.outcomes.
outcome_summary() {
	sort "$1.outcomes" 2>/dev/null | uniq -c | awk '{ printf "%s%d %s", (NR > 1 ? ", " : ""), $1, $2 }'
}
