#!/bin/sh
test_description='the VGA console shows the same menu as the serial line; a screenshot of it (qemu screendump, PNG) goes to build/screenshot.png'
. "$(dirname "$0")/lib.sh"
. "$SRCDIR/tests/lib-qemu.sh"

test_expect_success 'the ISO is built' 'iso_ready'

test_expect_success 'a seed-000 disk' '
	"$DISKMEDIC_LAB" make geometry-255 seed.img --seed 4401 >/dev/null
'

test_expect_success 'report, then the menu; screendump of the VGA console; p powers off' '
	qemu_start vm -m 256 -cdrom "$ISO" -boot order=d -vga std \
		-drive file=seed.img,format=raw,if=ide,index=0 &&
	test_when_finished "qemu_stop vm" &&
	boot_bios_iso vm "diskmedic.mode=report diskmedic.after=menu" &&
	qemu_expect vm "^-----END DISKMEDIC REPORT-----" 300 &&
	qemu_expect vm "Keys: 1-9" 120 &&
	sleep 3 &&
	qemu_monitor vm "screendump $TRASH/screen.png -f png" &&
	n=0 && while [ ! -s screen.png ] && [ $n -lt 50 ]; do sleep 0.2; n=$((n + 1)); done &&
	sleep 1 && qemu_send vm p &&
	qemu_wait vm 120
'

test_expect_success 'the screenshot is a PNG of the 720x400 text console' '
	test "$(head -c 8 screen.png | od -An -tx1 | tr -d " ")" = 89504e470d0a1a0a &&
	python3 -c "import struct,sys
b = open(sys.argv[1], \"rb\").read(24)
w, h = struct.unpack(\">II\", b[16:24])
print(w, h)
sys.exit(0 if (w, h) == (720, 400) else 1)" screen.png &&
	cp screen.png "$BUILD/screenshot.png"
'

test_done
