# lib-qemu.sh: boot the rescue ISO in qemu from a test and talk to it.
# Sourced by tests/t4*-*.sh after tests/lib.sh.
#
# qemu always runs under TCG (KVM only with DISKMEDIC_KVM=1) and always
# under `timeout`.  Its first serial port and its monitor are fifo pairs in
# a per-VM directory, so a test can wait for text on the serial line, type
# keys into it, and ask the monitor for screenshots:
#   qemu_start DIR [qemu args...]   start in the background
#   qemu_expect DIR PATTERN [SECS]  wait until the serial log matches (grep -E)
#   qemu_send DIR STRING            type STRING (printf format) on the serial line
#   qemu_monitor DIR COMMAND        one monitor command
#   qemu_wait DIR [SECS]            wait for qemu to end by itself
#   qemu_stop DIR                   end it
#   boot_bios_iso DIR ARGS          pick the isolinux entry's kernel with ARGS added
#   boot_grub_iso DIR ARGS          the same through GRUB's command line

ISO=${ISO:-$BUILD/diskmedic.iso}
QEMU_TIMEOUT=${QEMU_TIMEOUT:-600}
OVMF_DIR=${OVMF_DIR:-/usr/share/OVMF}
# What the kernel gets when a test boots the ISO.
DM_CONSOLE="console=tty0 console=ttyS0,115200"

qemu_accel() {
	if [ "${DISKMEDIC_KVM:-}" = 1 ]; then echo "-accel kvm"; else echo "-accel tcg"; fi
}

qemu_start() {
	_d=$1; shift
	mkdir -p "$_d"
	rm -f "$_d/serial.in" "$_d/serial.out" "$_d/mon.in" "$_d/mon.out" "$_d/serial.log" "$_d/mon.log"
	mkfifo "$_d/serial.in" "$_d/serial.out" "$_d/mon.in" "$_d/mon.out"
	: > "$_d/serial.log"
	: > "$_d/mon.log"
	# Readers first: qemu blocks on a fifo that nobody reads.
	cat "$_d/serial.out" >> "$_d/serial.log" &
	echo $! > "$_d/cat1.pid"
	cat "$_d/mon.out" >> "$_d/mon.log" &
	echo $! > "$_d/cat2.pid"
	# A guest reboot ends qemu, unless QEMU_REBOOT=1 lets the firmware
	# start again (to see what it boots next).
	_noreboot=-no-reboot
	[ "${QEMU_REBOOT:-}" = 1 ] && _noreboot=
	timeout "$QEMU_TIMEOUT" qemu-system-x86_64 $(qemu_accel) $_noreboot \
		-display none \
		-chardev pipe,id=s0,path="$_d/serial" -serial chardev:s0 \
		-chardev pipe,id=m0,path="$_d/mon" -mon chardev=m0,mode=readline \
		"$@" > "$_d/qemu.stdout" 2> "$_d/qemu.stderr" &
	echo $! > "$_d/qemu.pid"
	# Read-write opens of a fifo never block, even before qemu opens it.
	eval "exec 7<>\"$_d/serial.in\" 8<>\"$_d/mon.in\""
}

qemu_running() {
	kill -0 "$(cat "$1/qemu.pid")" 2>/dev/null
}

qemu_expect() {
	_d=$1 _pat=$2 _secs=${3:-300}
	_n=$((_secs * 5))
	while [ "$_n" -gt 0 ]; do
		grep -aqE -- "$_pat" "$_d/serial.log" && return 0
		qemu_running "$_d" || { grep -aqE -- "$_pat" "$_d/serial.log"; return; }
		sleep 0.2
		_n=$((_n - 1))
	done
	echo "qemu_expect: no '$_pat' within ${_secs}s" >&2
	return 1
}

qemu_send() {
	printf "$2" >&7
}

qemu_monitor() {
	printf '%s\n' "$2" >&8
}

qemu_wait() {
	_d=$1 _secs=${2:-300}
	_n=$((_secs * 5))
	while qemu_running "$_d"; do
		[ "$_n" -gt 0 ] || { echo "qemu_wait: still running after ${_secs}s" >&2; return 1; }
		sleep 0.2
		_n=$((_n - 1))
	done
	wait "$(cat "$_d/qemu.pid")" 2>/dev/null
	return 0
}

qemu_stop() {
	_d=$1
	if qemu_running "$_d"; then
		qemu_monitor "$_d" quit
		sleep 1
		qemu_running "$_d" && kill "$(cat "$_d/qemu.pid")" 2>/dev/null
	fi
	wait "$(cat "$_d/qemu.pid")" 2>/dev/null
	for p in cat1 cat2; do
		kill "$(cat "$_d/$p.pid")" 2>/dev/null
	done
	exec 7>&- 8>&-
	return 0
}

# The report between the markers, markers and carriage returns removed.
qemu_report() {
	tr -d '\r' < "$1/serial.log" |
		sed -n '/^-----BEGIN DISKMEDIC REPORT-----$/,/^-----END DISKMEDIC REPORT-----$/p' |
		sed '1d;$d'
}

# isolinux: Tab opens the default entry's command line for editing; words
# typed after it win, as /init takes the last diskmedic.* value.
boot_bios_iso() {
	qemu_expect "$1" 'diskmedic rescue' 120 || return 1
	qemu_send "$1" '\t'
	sleep 1
	qemu_send "$1" " $2\r"
}

# GRUB: its command line, then the same files the menu entries use.
boot_grub_iso() {
	qemu_expect "$1" 'Scan and repair' 180 || return 1
	qemu_send "$1" 'c'
	qemu_expect "$1" 'grub>' 30 || return 1
	qemu_send "$1" "linux /boot/vmlinuz $DM_CONSOLE $2\r"
	sleep 1
	qemu_send "$1" 'initrd /boot/initrd.img\r'
	sleep 1
	qemu_send "$1" 'boot\r'
}

# Firmware for UEFI boots: code read-only, a private copy of the variables.
ovmf_args() {
	_d=$1 _kind=${2:-plain}
	mkdir -p "$_d"
	if [ "$_kind" = secboot ]; then
		cp "$OVMF_DIR/OVMF_VARS_4M.ms.fd" "$_d/vars.fd"
		echo "-machine q35,smm=on -global driver=cfi.pflash01,property=secure,value=on" \
			"-drive if=pflash,format=raw,unit=0,readonly=on,file=$OVMF_DIR/OVMF_CODE_4M.secboot.fd" \
			"-drive if=pflash,format=raw,unit=1,file=$_d/vars.fd"
	else
		cp "$OVMF_DIR/OVMF_VARS_4M.fd" "$_d/vars.fd"
		echo "-drive if=pflash,format=raw,unit=0,readonly=on,file=$OVMF_DIR/OVMF_CODE_4M.fd" \
			"-drive if=pflash,format=raw,unit=1,file=$_d/vars.fd"
	fi
}

# Make sure the ISO is current (cheap when it is).  DISKMEDIC_ISO_NOMAKE=1
# takes $ISO as it is.
iso_ready() {
	if [ -z "${DISKMEDIC_ISO_NOMAKE:-}" ]; then
		make -C "$SRCDIR" iso > "$TRASH/make-iso.log" 2>&1 ||
			{ tail -n 30 "$TRASH/make-iso.log"; return 1; }
	fi
	test -s "$ISO"
}

# iso_extract: the ISO's kernel and initramfs in $TRASH/iso-boot (once).
iso_extract() {
	[ -s "$TRASH/iso-boot/initrd.img" ] && return 0
	mkdir -p "$TRASH/iso-boot" &&
	xorriso -osirrox on -indev "$ISO" -extract /boot/vmlinuz "$TRASH/iso-boot/vmlinuz" \
		-extract /boot/initrd.img "$TRASH/iso-boot/initrd.img" >/dev/null 2>&1 &&
	test -s "$TRASH/iso-boot/initrd.img"
}

# iso_boot DIR FIRMWARE KERNELARGS [qemu args...]
# Boot the ISO (-cdrom unless the qemu args attach it themselves: set
# ISO_MEDIUM=none) with FIRMWARE bios, uefi or secboot, add KERNELARGS to
# the boot entry, and wait for the guest to power off (use
# diskmedic.after=poweroff).  qemu is stopped whatever happens.
# ISO_LOADER=qemu (bios only): qemu loads the ISO's own kernel and
# initramfs (-kernel, -initrd) instead of isolinux, with the entries'
# console arguments; for tests about what the booted system finds, which
# then skip the menu and isolinux's loading, about 12 s a boot under TCG.
# The ISO stays attached, so /init still finds its boot medium.
iso_boot() {
	_vm=$1 _fw=$2 _args=$3; shift 3
	if [ "${ISO_LOADER:-}" = qemu ]; then
		[ "$_fw" = bios ] && iso_extract || return 1
		set -- -kernel "$TRASH/iso-boot/vmlinuz" -initrd "$TRASH/iso-boot/initrd.img" \
			-append "$DM_CONSOLE quiet $_args" "$@"
	fi
	_mem=256
	case $_fw in
	bios) _fwargs= ;;
	uefi) _fwargs=$(ovmf_args "$_vm" plain); _mem=512 ;;
	secboot) _fwargs=$(ovmf_args "$_vm" secboot); _mem=512 ;;
	esac
	# The lab disks carry boot code: make the CD come first.
	_media="-cdrom $ISO -boot order=d"
	[ "${ISO_MEDIUM:-}" = none ] && _media=
	qemu_start "$_vm" -m "${QEMU_MEM:-$_mem}" $_fwargs $_media "$@"
	if [ "${ISO_LOADER:-}" = qemu ]; then
		:
	elif [ "$_fw" = bios ]; then
		boot_bios_iso "$_vm" "$_args"
	else
		boot_grub_iso "$_vm" "$_args"
	fi
	_ok=$?
	[ $_ok = 0 ] && { qemu_wait "$_vm" "${BOOT_SECS:-300}"; _ok=$?; }
	qemu_stop "$_vm"
	tr -d '\r' < "$_vm/serial.log" > "$_vm/serial.txt"
	[ $_ok = 0 ] || { tail -c 3000 "$_vm/serial.txt"; cat "$_vm/qemu.stderr"; }
	return $_ok
}

# report_codes REPORT DEV: the finding codes for one disk of a JSON report.
report_codes() {
	python3 -c 'import json,sys
r = json.load(open(sys.argv[1]))
for d in r["disks"]:
    if d["path"] == sys.argv[2]:
        print("\n".join(sorted(f["code"] for f in d["findings"])))' "$1" "$2"
}

# report_paths REPORT: the disks a report covers.
report_paths() {
	python3 -c 'import json,sys
print("\n".join(d["path"] for d in json.load(open(sys.argv[1]))["disks"]))' "$1"
}
