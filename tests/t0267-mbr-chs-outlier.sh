#!/bin/sh
test_description='--bios auto on an image: one garbage start CHS (the active entry) does not veto the geometry the other CHS tuples agree on; it is reported as mbr-chs-inconsistent, with a fix that waits for --only'
. "$(dirname "$0")/lib.sh"

geom() { json_get "$1" "r['disks'][0]['bios_geometry'] and '%d/%d %s' % (r['disks'][0]['bios_geometry']['heads'], r['disks'][0]['bios_geometry']['sectors_per_track'], r['disks'][0]['bios_geometry']['source'])"; }
# chs_finding FILE: "partition severity safe" of the mbr-chs-inconsistent findings
chs_finding() { json_get "$1" "' '.join('%s %s %s' % (f['partition'], f['severity'], [x['safe'] for x in f['fixes']]) for f in r['disks'][0]['findings'] if f['code'] == 'mbr-chs-inconsistent')"; }
poke() { printf "$3" | dd of="$1" bs=1 seek="$2" conv=notrunc status=none; }

# Sector 0 gets a few bytes of real x86 code that no fingerprint knows
# (cli; xor ax,ax; mov ds,ax; hlt; jmp $): code nobody identified may read
# the active entry's start tuple, so a wrong one is an error (docs/checks.md).

# No EDD: a host's own /sys/firmware/edd must not decide the geometry here.
mkdir -p "$TRASH/noedd"
DISKMEDIC_SYSROOT=$TRASH/noedd
export DISKMEDIC_SYSROOT

test_expect_success 'setup: three partitions by sfdisk (255/63 CHS), entry 1 active with start CHS 77/3/9' '
	truncate -s 64M disk.img &&
	printf "label: dos\nlabel-id: 0x26700001\nstart=2048, size=40960, type=7, bootable\nsize=40960, type=7\nsize=40960, type=7\n" |
		sfdisk -q disk.img >/dev/null &&
	test "$(bytes disk.img 447 3)" = 202100 &&
	poke disk.img 0 "\\372\\061\\300\\216\\330\\364\\353\\375" &&
	cp disk.img clean.img &&
	expect_exit 0 "$DISKMEDIC" scan --json disk.img >clean.json 2>/dev/null &&
	test -z "$(codes clean.json)" &&
	test "$(geom clean.json)" = "255/63 mbr-chs" &&
	poke disk.img 447 "\\003\\011\\115" &&
	cp disk.img damaged.img
'

test_expect_success 'auto: the other five tuples decide, 255/63 from mbr-chs, and entry 1 is inconsistent' '
	expect_exit 4 "$DISKMEDIC" scan --json --bios auto disk.img >auto.json &&
	test "$(geom auto.json)" = "255/63 mbr-chs" &&
	test "$(chs_finding auto.json)" = "1 error [False]"
'

test_expect_success 'the same finding as an explicit --bios 255/63 (where the fix is safe)' '
	expect_exit 4 "$DISKMEDIC" scan --json --bios 255/63 disk.img >user.json &&
	test "$(chs_finding user.json)" = "1 error [True]"
'

test_expect_success 'fix --yes leaves it (the geometry rests on the tuples), --only rewrites entry 1 start CHS' '
	expect_exit 4 "$DISKMEDIC" fix --yes --undo-dir u1 disk.img &&
	same_image damaged.img disk.img &&
	expect_exit 1 "$DISKMEDIC" fix --yes --only mbr-chs-inconsistent --undo-dir u2 disk.img &&
	same_image clean.img disk.img
'

test_expect_success 'no clear winner: one partition, its start against its end, gives no geometry' '
	truncate -s 64M one.img &&
	printf "label: dos\nstart=2048, size=40960, type=7, bootable\n" | sfdisk -q one.img >/dev/null &&
	poke one.img 447 "\\003\\011\\115" &&
	expect_exit 4 "$DISKMEDIC" scan --json --bios auto one.img >one.json 2>/dev/null &&
	test "$(geom one.json)" = None &&
	test -z "$(chs_finding one.json)"
'

test_done
