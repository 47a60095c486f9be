#!/bin/sh
test_description='diskmedic-lab: every listed kind builds, byte-reproducibly for a seed; seeds differ; verify catches a changed file; devices and other special files are refused'
. "$(dirname "$0")/lib.sh"
LAB=$DM_LAB_REAL	# the lab itself, not the tests' image cache

test_expect_success 'list names each kind with a sentence' '
	"$LAB" list >list &&
	test $(wc -l <list) -ge 30 &&
	! awk "NF < 4" list | grep . &&
	for k in clean geometry-255 hidden-sectors gpt-primary-zeroed fat32-primary-damaged \
		ntfs-hibernated ntfs-fast-startup 4kn tiny truncated; do
		grep -q "^$k " list || { echo "no $k"; exit 1; }
	done
'

test_expect_success 'every kind builds twice with one seed into identical files' '
	mkdir a b &&
	for k in $(cut -d" " -f1 list); do
		"$LAB" make $k a/$k.img --seed 300 && "$LAB" make $k b/$k.img --seed 300 ||
			{ echo "make $k failed"; exit 1; }
		for f in $k.img $k.img.files.sha256 $k.img.lab; do
			cmp a/$f b/$f || { echo "$f differs"; exit 1; }
		done
		test $(wc -l <a/$k.img.files.sha256) -ge 4 || { echo "$k: fewer than 4 files"; exit 1; }
		grep -qx "kind=$k" a/$k.img.lab || exit 1
	done
'

test_expect_success 'hashing two runs gives one sha256' '
	for k in clean hidden-sectors gpt-backup-zeroed ntfs-logfile-unclean 4kn; do
		h1=$(sha a/$k.img) h2=$(sha b/$k.img) &&
		test_info "$k seed 300: $h1 $h2" && test "$h1" = "$h2" || exit 1
	done
'

test_expect_success 'another seed gives another disk: id, serial and file contents' '
	"$LAB" make clean s1.img --seed 1 && "$LAB" make clean s2.img --seed 2 &&
	test "$(bytes s1.img 440 4)" != "$(bytes s2.img 440 4)" &&
	test "$(bytes s1.img $((2048 * 512 + 72)) 8)" != "$(bytes s2.img $((2048 * 512 + 72)) 8)" &&
	! cmp -s s1.img.files.sha256 s2.img.files.sha256
'

test_expect_success 'the image is sparse (a 2 GiB disk takes a few MiB)' '
	test $(du -k a/geometry-255.img | cut -f1) -lt 65536
'

test_expect_success 'verify reads the files back through ntfs-3g and mtools' '
	"$LAB" verify a/clean.img && "$LAB" verify a/4kn.img &&
	"$LAB" make clean fat.img --fs fat32 --seed 300 && "$LAB" verify fat.img &&
	"$LAB" make clean gpt.img --table gpt --seed 300 && "$LAB" verify gpt.img
'

test_expect_success 'verify notices a changed byte in a file' '
	cp --sparse=always a/clean.img changed.img && cp a/clean.img.lab changed.img.lab &&
	cp a/clean.img.files.sha256 changed.img.files.sha256 &&
	off=$(grep -boa "seed=300 file=14 line=000100 " changed.img | cut -d: -f1) &&
	test -n "$off" &&
	printf X | dd of=changed.img bs=1 seek=$off conv=notrunc status=none &&
	{ "$LAB" verify changed.img >v.out; rc=$?; } &&
	cat v.out && test $rc = 1 &&
	grep -qx "CHANGED archive.dat" v.out && grep -qx "ok readme.txt" v.out
'

# refused TARGET: exit 8, and no sidecar appears beside it
refused() {
	"$LAB" make clean "$1" --seed 300 2>err; rc=$?
	cat err
	test $rc = 8 && grep -q refusing err &&
	! test -e "$1.lab" && ! test -e "$1.files.sha256"
}

test_expect_success 'refuses /dev/null and /dev/zero (character devices)' '
	refused /dev/null && test -c /dev/null &&
	refused /dev/zero && test -c /dev/zero
'

test_expect_success 'refuses a directory, a symlink to a device, a dangling symlink' '
	mkdir dir && refused dir &&
	ln -s /dev/null tonull && refused tonull && test -L tonull &&
	ln -s nowhere/x dangling && refused dangling
'

# A block device node of our own, for an unused loop minor: writing to it
# could not reach any disk even if the check were broken.
if mknod blk b 7 250 2>/dev/null; then
	test_expect_success 'refuses a block device' 'refused blk && test -b blk'
else
	test_skip 'refuses a block device' 'mknod not permitted here'
fi

test_expect_success 'usage errors exit 16' '
	expect_exit 16 "$LAB" make no-such-kind x.img &&
	expect_exit 16 "$LAB" make clean x.img --size lots &&
	expect_exit 16 "$LAB" make mbr-overlap x.img --table gpt &&
	expect_exit 16 "$LAB" make ntfs-dirty x.img --fs fat32 &&
	expect_exit 16 "$LAB" make clean x.img --seed -1 &&
	expect_exit 16 "$LAB" frobnicate &&
	expect_exit 0 "$LAB" --help >/dev/null &&
	! test -e x.img
'

CONTRACT=$SRCDIR/../shared/CONTRACT.md
[ -f "$CONTRACT" ] || CONTRACT=/work/shared/CONTRACT.md
if [ -f "$CONTRACT" ]; then
	# The contract's codes, and the additions docs/checks.md documents (CONTRACT.md allows those).
	sed -n "/^## Additions to the contract/,\$p" "$SRCDIR/docs/checks.md" >additions
	test_expect_success 'every code the lab expects is a contract code or a documented addition' '
		for k in $(cut -d" " -f1 list); do
			for c in $("$LAB" expect $k); do
				grep -q "^| $c |" "$CONTRACT" additions || { echo "$k: $c not in the contract"; exit 1; }
			done
		done
	'
else
	test_skip 'lab codes are contract codes' 'no CONTRACT.md beside the tree'
fi

test_done
