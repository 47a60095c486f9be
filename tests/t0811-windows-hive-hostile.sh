#!/bin/sh
test_description='the Windows hive path under faults and hostile hives: a write that fails halfway through the
hive write-back leaves the image unchanged, a crash halfway is undone byte-exact; truncated, looping, huge-cell,
huge-value and bad-Select hives and garbage end in bounded time with no crash and nothing written'
. "$(dirname "$0")/lib.sh"
. "$SRCDIR/tests/lib-windows.sh"

why=$(windows_ready) || { test_skip "Windows hive faults" "$why"; test_done; exit; }

# san FILE: no sanitizer report (the asan build exits 86 on one).
san() { ! grep -qE "AddressSanitizer|runtime error|LeakSanitizer" "$1"; }

test_expect_success 'build the disk, and the fixed image fault-free' '
	windows_disk win8-ide-disabled o.img &&
	cp o.img fixed.img &&
	expect_exit 1 "$DISKMEDIC" fix --yes --controller ide --undo-dir uf fixed.img >out &&
	! cmp -s o.img fixed.img
'

test_expect_success 'each write of the fix fails in turn: unchanged (put back) or fixed, never between' '
	n=1 && seen_fail=0 &&
	while [ $n -le 12 ]; do
		rm -rf ux && cp o.img x.img &&
		DM_FAULT_WRITE=$n "$DISKMEDIC" fix --yes --controller ide --undo-dir ux x.img >xo 2>xe; rc=$?
		san xe || exit 1
		if cmp -s x.img o.img; then
			[ $((rc & 8)) = 8 ] || { echo "write $n failed, exit $rc lacks 8"; exit 1; }
			seen_fail=1
		elif cmp -s x.img fixed.img; then
			[ $rc = 1 ] || { echo "write $n: fixed but exit $rc"; exit 1; }
		else
			echo "write $n failed and the image is neither unchanged nor fixed"; exit 1
		fi
		n=$((n + 1))
	done &&
	test $seen_fail = 1
'

test_expect_success 'a crash halfway through a hive block: undo restores the image byte-exact' '
	for n in 1 2 3; do
		rm -rf ux && cp o.img x.img &&
		DM_FAULT_PARTIAL=$n "$DISKMEDIC" fix --yes --controller ide --undo-dir ux x.img >xo 2>xe; rc=$?
		san xe || exit 1
		[ $rc = 99 ] || [ $rc = 1 ] || { echo "partial $n: exit $rc"; exit 1; }
		[ $rc = 1 ] && continue
		"$DISKMEDIC" undo --yes ux/*.undo >uo 2>&1 || { cat uo; exit 1; }
		cmp x.img o.img || exit 1
	done
'

test_expect_success 'hostile hives: bounded, no crash, nothing written' '
	windows_hive win8-ide-disabled base.SYSTEM &&
	head -c 1048576 /dev/urandom >garbage.SYSTEM &&
	{ printf "regf"; head -c 8188 /dev/urandom; } >regf-garbage.SYSTEM &&
	: >empty.SYSTEM &&
	for h in $WINDOWS_HOSTILE garbage regf-garbage empty; do
		case $h in
		garbage|regf-garbage|empty) ;;
		*) windows_hostile_hive $h base.SYSTEM $h.SYSTEM || exit 1 ;;
		esac
		windows_disk win8-ide-disabled h.img $h.SYSTEM || exit 1
		cp h.img h0.img
		for c in ide ahci nvme virtio-blk; do
			timeout 300 "$DISKMEDIC" scan --json --controller $c h.img >h.json 2>h.err; rc=$?
			echo "$h $c: scan exit $rc"
			san h.err && { [ $rc = 0 ] || [ $rc = 4 ]; } || { cat h.err; exit 1; }
			timeout 300 "$DISKMEDIC" fix --yes --controller $c --undo-dir uh h.img >h.out 2>h.err; rc=$?
			echo "$h $c: fix exit $rc"
			san h.err && { [ $rc = 0 ] || [ $rc = 4 ] || [ $rc = 1 ]; } || { cat h.err; exit 1; }
			if [ $rc = 1 ]; then
				# Only a hive that still reads may be changed, and only as offered.
				"$DISKMEDIC" undo --yes uh/*.undo >/dev/null 2>&1 && cmp h.img h0.img || exit 1
				rm -rf uh
			fi
			cmp h.img h0.img || exit 1
		done
	done
'

test_done
