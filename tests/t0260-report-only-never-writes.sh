#!/bin/sh
test_description='scan never opens its target for writing (strace) and leaves every byte as it was'
. "$(dirname "$0")/lib.sh"

# traced_scan IMG ARGS...: scan under strace; fail if any open of IMG asks for
# write access, or if the trace shows no open of IMG at all (then it proves nothing).
traced_scan() {
	img=$1; shift
	strace -f -qq -e trace=openat,open,creat -o "$img.trace" "$DISKMEDIC" scan "$@" "$img" >"$img.out"
	rc=$?
	case $rc in 0|4) ;; *) echo "scan exited $rc"; return 1 ;; esac
	grep -F "\"$img\"" "$img.trace" >"$img.opens"
	cat "$img.opens"
	test -s "$img.opens" || { echo "no open of $img traced"; return 1; }
	! grep -E "O_WRONLY|O_RDWR|O_CREAT|O_TRUNC|creat\\(" "$img.opens"
}

if ! strace -o /dev/null true 2>/dev/null; then
	test_skip 'scan under strace' 'strace cannot trace here (ptrace not permitted)'
	test_done; exit
fi

for spec in "clean" "geometry-255 --bios qemu" "hidden-sectors" "gpt-primary-zeroed" \
	"gpt-backup-misplaced" "fat32-primary-damaged" "mbr-signature-missing" "ntfs-primary-zeroed"; do
	set -- $spec; kind=$1; shift
	test_expect_success "$kind: scan${*:+ $*} opens the image read-only and changes nothing" "
		\"\$DISKMEDIC_LAB\" make $kind $kind.img --seed 260 &&
		cp --sparse=always $kind.img $kind.orig &&
		traced_scan $kind.img $* &&
		traced_scan $kind.img --json $* &&
		same_image $kind.orig $kind.img
	"
done

# A Windows installation: the SYSTEM hive and System32\drivers are read
# through libntfs-3g, the hive's temporary copy is private: still read-only.
. "$SRCDIR/tests/lib-windows.sh"
if why=$(windows_ready); then
	test_expect_success "Windows (win8-ide-disabled): scan --controller ide opens the image read-only and changes nothing" '
		windows_disk win8-ide-disabled win.img &&
		cp --sparse=always win.img win.orig &&
		traced_scan win.img --controller ide &&
		traced_scan win.img --json --controller ide &&
		grep -q windows-boot-driver-disabled win.img.out &&
		cmp win.orig win.img
	'
else
	test_skip "Windows scan read-only" "$why"
fi

test_expect_success 'the check can fail: fix --yes is seen opening for writing' '
	"$DISKMEDIC_LAB" make hidden-sectors w.img --seed 260 &&
	expect_exit 1 strace -f -qq -e trace=openat,open -o w.trace "$DISKMEDIC" fix --yes --undo-dir u w.img &&
	grep -F "\"w.img\"" w.trace | grep -E "O_WRONLY|O_RDWR"
'

test_done
