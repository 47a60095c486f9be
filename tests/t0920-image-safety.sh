#!/bin/sh
test_description='VM disk images: never read as raw, a broken backing chain or an image qemu cannot open is exit 8 with a clear message, report-only runs start qemu-nbd read-only, a qemu-nbd killed during a fix is a rolled-back I/O error, and no exit path leaves qemu-nbd running'
. "$(dirname "$0")/lib.sh"
. "$SRCDIR/tests/lib-image.sh"
TMPDIR=$TRASH/tmp && mkdir -p "$TMPDIR" && export TMPDIR

# Every test but the last reads the images the first makes with qemu's tools:
# without them, each is a skip naming the tool.
QEMU=TOOL:qemu-img,TOOL:qemu-nbd

test_expect_success $QEMU 'images: a hidden-sectors disk as qcow2 under a raw-looking name' '
	"$DISKMEDIC_LAB" make hidden-sectors hs.img --seed 820 &&
	qemu-img convert -f raw -O qcow2 hs.img disk.img &&
	cp disk.img disk.orig && nbd_shim
'

test_expect_success $QEMU 'a qcow2 named disk.img is never read as raw: scan reports its findings, format qcow2' '
	PATH=$TRASH/bin:$PATH expect_exit 4 "$DISKMEDIC" scan --json disk.img >scan.json &&
	codes scan.json | grep -qx vbr-hidden-sectors-mismatch &&
	test "$(json_get scan.json "r[\"disks\"][0][\"image\"][\"format\"]")" = qcow2 &&
	test "$(json_get scan.json "r[\"disks\"][0][\"size_bytes\"]")" = "$(stat -c %s hs.img)"
'

test_expect_success $QEMU 'report-only runs (scan, fix --dry-run) start qemu-nbd --read-only; fix starts it writable' '
	: >qemu-nbd.args &&
	PATH=$TRASH/bin:$PATH expect_exit 4 "$DISKMEDIC" scan disk.img >/dev/null &&
	PATH=$TRASH/bin:$PATH expect_exit 4 "$DISKMEDIC" fix --dry-run disk.img >/dev/null &&
	test $(wc -l <qemu-nbd.args) = 2 &&
	test $(grep -c -- "--format=qcow2 --read-only -- disk.img\$" qemu-nbd.args) = 2 &&
	cmp disk.img disk.orig &&
	: >qemu-nbd.args &&
	cp disk.img w.img &&
	PATH=$TRASH/bin:$PATH expect_exit 1 "$DISKMEDIC" fix --yes --undo-dir undo-w w.img >/dev/null &&
	grep -q -- "--format=qcow2 -- w.img\$" qemu-nbd.args &&
	! grep -q -- --read-only qemu-nbd.args
'

test_expect_success $QEMU 'a qcow2 whose backing file is missing: exit 8, naming the missing file' '
	qemu-img convert -f raw -O qcow2 hs.img base.qcow2 &&
	qemu-img create -q -f qcow2 -b base.qcow2 -F qcow2 top.qcow2 &&
	mv base.qcow2 elsewhere.qcow2 &&
	expect_exit 8 "$DISKMEDIC" scan top.qcow2 2>err >out &&
	grep -q "backing file base.qcow2 is missing" err &&
	expect_exit 8 "$DISKMEDIC" fix --yes top.qcow2 2>err2 &&
	grep -q "backing file base.qcow2 is missing" err2
'

test_expect_success $QEMU 'an image qemu cannot open: exit 8, its format, what qemu said, and the qemu-img command' '
	head -c 1048576 disk.img >cut.qcow2 && printf "\000\000\000\000" | dd of=cut.qcow2 bs=1 seek=20 conv=notrunc status=none &&
	expect_exit 8 "$DISKMEDIC" scan cut.qcow2 2>err &&
	grep -q "a qcow2 image" err &&
	grep -q "qemu-nbd" err &&
	grep -qF "qemu-img convert -f qcow2 -O raw '"'"'cut.qcow2'"'"' '"'"'cut.qcow2.raw'"'"'" err
'

test_expect_success $QEMU 'without qemu-nbd on PATH: exit 8, naming the package, never a raw reading' '
	mkdir -p nopath && ln -sf "$(command -v env)" nopath/env &&
	PATH=$TRASH/nopath expect_exit 8 "$DISKMEDIC" scan disk.img 2>err >out &&
	grep -q "qemu-nbd is not installed (Debian package qemu-utils)" err &&
	grep -qF "qemu-img convert -f qcow2 -O raw" err &&
	! grep -q "no problems" out
'

test_expect_success $QEMU 'qemu-nbd killed before the first write: an I/O error, rolled back, undo record intact' '
	cp disk.orig k1.img &&
	DM_FAULT_NBD_KILL=1 expect_exit 12 "$DISKMEDIC" fix --yes --undo-dir undo-k1 k1.img >out 2>err &&
	grep -q "which stopped" err && grep -q "old bytes were restored and verified" err &&
	to_raw k1.img k1.raw && cmp k1.raw hs.img &&
	set -- undo-k1/*.undo && test $# = 1 && grep -q "^rolledback " "$1" &&
	# Nothing was written: undo says so, and (today) exits 8 for it.
	expect_exit 8 "$DISKMEDIC" undo --yes "$1" >undo-k1.out 2>&1 &&
	grep -q "nothing to restore" undo-k1.out && to_raw k1.img k1.raw && cmp k1.raw hs.img
'

test_expect_success $QEMU 'qemu-nbd killed between two writes of one fix: the first write is rolled back' '
	cp disk.orig k2.img &&
	DM_FAULT_NBD_KILL=2 expect_exit 12 "$DISKMEDIC" fix --yes --undo-dir undo-k2 k2.img >out 2>err &&
	grep -q "old bytes were restored and verified" err &&
	to_raw k2.img k2.raw && cmp k2.raw hs.img &&
	set -- undo-k2/*.undo && grep -q "^change " "$1" && grep -q "^rolledback " "$1"
'

test_expect_success $QEMU 'qemu-nbd killed from outside while fix waits at its prompt: an I/O error, the image as it was' '
	cp disk.orig k3.img && rm -f fifo && mkfifo fifo &&
	# (an and-list ending in & would put all of it in the background). Come
	# what may, the fix gets an end of input (a reader and a writer on the
	# fifo, closed) and is waited for: it then stops its own qemu-nbd.
	{ ("$DISKMEDIC" fix --undo-dir undo-k3 k3.img <fifo >out3 2>err3; echo $? >rc3) & } &&
	test_when_finished "exec 7>&- 9<>fifo 9>&-; wait" &&
	exec 7>fifo &&
	for i in $(seq 300); do grep -q "Apply this change" out3 && break; sleep 0.1; done &&
	pid=$(pgrep -f "qemu-nbd --socket .*$TRASH.*k3.img") &&
	test -n "$pid" && kill -9 $pid &&
	echo y >&7 && exec 7>&- && wait &&
	cat err3 && test "$(cat rc3)" -ne 0 && test "$(cat rc3)" -ne 1 &&
	grep -q "qemu-nbd, which stopped" err3 &&
	to_raw k3.img k3.raw && cmp k3.raw hs.img
'

for sig in INT TERM HUP; do
	test_expect_success $QEMU "SIG$sig to diskmedic stops its qemu-nbd and removes the socket directory" '
		cp disk.orig s.img && rm -f fifo && mkfifo fifo &&
		{ ("$DISKMEDIC" fix --undo-dir undo-s s.img <fifo >/dev/null 2>&1; echo $? >rcs) & } &&
		test_when_finished "exec 7>&- 9<>fifo 9>&-; wait" &&
		exec 7>fifo &&
		for i in $(seq 100); do pid=$(pgrep -f "qemu-nbd --socket .*$TRASH.*s.img") && break; sleep 0.1; done &&
		test -n "$pid" &&
		dm=$(pgrep -f "diskmedic-asan fix --undo-dir undo-s s.img" | head -1) && test -n "$dm" &&
		kill -'$sig' $dm && exec 7>&- && wait &&
		! kill -0 $pid 2>/dev/null && nbd_gone &&
		cmp s.img disk.orig
	'
done

test_expect_success 'no qemu-nbd is left running, no socket directory left behind' '
	nbd_gone
'
test_done
