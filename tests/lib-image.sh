# Helpers for the VM disk image tests (t08xx): images made with qemu-img,
# a qemu-nbd shim that records how diskmedic starts it.

# Byte offset of the first partition, from the lab's sidecar of IMG.
part_off() { echo $(($(sed -n 's/^part_start=//p' "$1.lab") * $(sed -n 's/^sector_size=//p' "$1.lab"))); }

# to_raw IMG OUT: what the image holds, as a raw disk (qemu's reading of it).
to_raw() { qemu-img convert -O raw "$1" "$2"; }

# A qemu-nbd earlier in PATH that appends its arguments to $TRASH/qemu-nbd.args
# and then is the real one (same pid: exec).
nbd_shim() {
	mkdir -p "$TRASH/bin" &&
	real=$(command -v qemu-nbd) &&
	printf '#!/bin/sh\necho "$*" >>"%s/qemu-nbd.args"\nexec %s "$@"\n' "$TRASH" "$real" >"$TRASH/bin/qemu-nbd" &&
	chmod +x "$TRASH/bin/qemu-nbd" &&
	: >"$TRASH/qemu-nbd.args"
}

# No qemu-nbd of this test left running, and no private socket directory left.
nbd_gone() {
	! pgrep -f "qemu-nbd --socket .*$TRASH" >/dev/null &&
	! ls -d "$TRASH"/tmp/diskmedic-nbd-* 2>/dev/null | grep -q .
}
