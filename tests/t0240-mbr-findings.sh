#!/bin/sh
test_description='every mbr-* code is detected on its lab image; where diskmedic has a fix, the fix leaves a clean rescan and undo is exact; where it has none, fix changes nothing and exits 4'
. "$(dirname "$0")/lib.sh"

# An explicit geometry keeps mbr-chs-inconsistent independent of the host's EDD.
BIOS=255/63

# detect KIND: scan finds every code the lab expects for KIND, exits 4, writes nothing
detect() {
	"$DISKMEDIC_LAB" make "$1" "$1.img" --seed 240 &&
	cp --sparse=always "$1.img" "$1.orig" &&
	"$DISKMEDIC_LAB" expect "$1" >"$1.want" && test -s "$1.want" &&
	expect_exit 4 "$DISKMEDIC" scan --bios $BIOS --json "$1.img" >"$1.json" &&
	codes "$1.json" >"$1.got" &&
	for c in $(cat "$1.want"); do grep -qx "$c" "$1.got" || { echo "missing $c" >&2; return 1; }; done &&
	same_image "$1.orig" "$1.img"
}

# fix_cycle KIND [LEFT]: fix --only the expected code(s); the rescan is clean,
# or, when LEFT names a code, shows that code alone (a consequence the fix
# rightly leaves to the technician); files intact; undo exact.
fix_cycle() {
	only=$(paste -sd, "$1.want") &&
	if [ -z "${2:-}" ]; then
		expect_exit 1 "$DISKMEDIC" fix --yes --bios $BIOS --only "$only" --undo-dir "$1.undo" "$1.img" &&
		expect_exit 0 "$DISKMEDIC" scan --bios $BIOS --json "$1.img" >"$1.after.json" &&
		test -z "$(codes "$1.after.json")"
	else
		expect_exit 5 "$DISKMEDIC" fix --yes --bios $BIOS --only "$only" --undo-dir "$1.undo" "$1.img" &&
		expect_exit 4 "$DISKMEDIC" scan --bios $BIOS --json "$1.img" >"$1.after.json" &&
		test "$(codes "$1.after.json")" = "$2"
	fi &&
	"$DISKMEDIC_LAB" verify "$1.img" &&
	set -- "$1" "$1".undo/*.undo && test $# = 2 &&
	expect_exit 0 "$DISKMEDIC" undo --yes "$2" &&
	test "$(sha "$1.img")" = "$(sha "$1.orig")"
}

test_expect_success 'control: a healthy MBR disk has no findings, exit 0' '
	"$DISKMEDIC_LAB" make clean clean.img --seed 240 &&
	expect_exit 0 "$DISKMEDIC" scan --bios $BIOS --json clean.img >clean.json &&
	test -z "$(codes clean.json)"
'

# no_fix KIND: fix --yes --only CODE has nothing safe to apply: it must write
# nothing, leave no undo record and exit 4 (problems left uncorrected).
no_fix() {
	only=$(paste -sd, "$1.want") &&
	expect_exit 4 "$DISKMEDIC" fix --yes --bios $BIOS --only "$only" --undo-dir "$1.undo" "$1.img" &&
	same_image "$1.orig" "$1.img" &&
	! ls "$1".undo/*.undo 2>/dev/null
}

# The fixes diskmedic offers, among the MBR codes.
for kind in mbr-signature-missing mbr-chs-inconsistent; do
	test_expect_success "$kind: detected" "detect $kind"
	test_expect_success "$kind: fixed, rescan clean, files intact, undo exact" "fix_cycle $kind"
done

# The table search rebuilds the lost entry; which partition was active it
# cannot know, so on this disk (it has boot code) the active flag is left.
test_expect_success "mbr-table-lost: detected" "detect mbr-table-lost"
test_expect_success "mbr-table-lost: table rebuilt, only the active flag left, files intact, undo exact" \
	"fix_cycle mbr-table-lost mbr-active-flag-invalid"

test_expect_success "mbr-table-lost: the rebuilt entry 1 has the lab's start and size" '
	cp --sparse=always mbr-table-lost.orig rebuilt.img &&
	expect_exit 5 "$DISKMEDIC" fix --yes --bios $BIOS --only mbr-partition-table-lost --undo-dir rb rebuilt.img &&
	le() { od -An -t u4 -j $1 -N 4 --endian=little rebuilt.img | tr -d " "; } &&
	test "$(le 454)" = "$(sed -n "s/^part_start=//p" mbr-table-lost.img.lab)" &&
	test "$(le 458)" = "$(sed -n "s/^part_sectors=//p" mbr-table-lost.img.lab)"
'

# Codes reported without a fix: which partition to shrink or to
# make active is the technician's call.
for kind in mbr-overlap mbr-beyond-disk mbr-active-none \
	mbr-active-multiple mbr-boot-code-missing; do
	test_expect_success "$kind: detected" "detect $kind"
	test_expect_success "$kind: fix without a plan writes nothing, exit 4" "no_fix $kind"
done

# A disk that ends where its first partition should begin.
test_expect_success 'tiny: a disk smaller than its table is detected' 'detect tiny'

# sev JSON: the severities of mbr-chs-inconsistent, one a line.
chs_sev() { json_get "$1" "'\\n'.join(f['severity'] for d in r['disks'] for f in d['findings'] if f['code'] == 'mbr-chs-inconsistent')"; }

test_expect_success 'MBR boot code is identified: syslinux reads by LBA, so a wrong active start CHS is info, not fixed' '
	truncate -s 64M sl.img && echo "start=2048, type=7, bootable" | sfdisk -q sl.img &&
	dd if=/usr/lib/syslinux/mbr/mbr.bin of=sl.img conv=notrunc status=none &&
	expect_exit 0 "$DISKMEDIC" scan --json --bios 16/63 sl.img >sl.json &&
	test "$(json_get sl.json "r[\"disks\"][0][\"mbr_boot_code\"][\"kind\"]")" = syslinux &&
	test "$(chs_sev sl.json)" = info &&
	before=$(sha sl.img) && expect_exit 0 "$DISKMEDIC" fix --yes --bios 16/63 --undo-dir slu sl.img &&
	test "$(sha sl.img)" = "$before"
'

test_expect_success 'code nobody identified may read the tuple: the same mismatch is an error with a safe fix' '
	cp sl.img un.img && printf "\372\061\300\216\330\364\353\375" | dd of=un.img conv=notrunc status=none &&
	dd if=/dev/zero of=un.img bs=1 seek=8 count=432 conv=notrunc status=none &&
	expect_exit 4 "$DISKMEDIC" scan --json --bios 16/63 un.img >un.json &&
	test "$(json_get un.json "r[\"disks\"][0][\"mbr_boot_code\"][\"kind\"]")" = unknown &&
	test "$(chs_sev un.json)" = error &&
	expect_exit 1 "$DISKMEDIC" fix --yes --bios 16/63 --undo-dir unu un.img
'

test_done
