#!/bin/sh
# bench.sh BUILD: the ISO's figures (make bench-iso).
#   - ISO and initramfs sizes;
#   - time from qemu start to the end of the JSON report in report mode,
#     against the same kernel booting a trivial init that powers off at once
#     (build/init/trivial-init), as a ratio of medians of 5 boots under TCG;
#   - the smallest -m (MB) at which a scan plus fix (autofix) completes.
# Both timed boots load kernel and initrd straight from qemu (-kernel,
# -initrd) with the ISO attached as a CD, so the boot menu's timeout and
# typing into it do not count; they would be the same for both anyway.
set -eu
build=$1
src=$(cd "$(dirname "$0")/.." && pwd)
b=$build/bench
mkdir -p "$b"
iso=$build/diskmedic.iso
kernel=$build/kernel/vmlinuz
initrd=$build/initramfs.cpio.zst
runs=${BENCH_RUNS:-5}
accel="-accel tcg"
[ "${DISKMEDIC_KVM:-}" = 1 ] && accel="-accel kvm"

# The baseline initramfs: the trivial init alone.
rm -rf "$b/trivial"
mkdir -p "$b/trivial/dev"
cp "$build/init/trivial-init" "$b/trivial/init"
(cd "$b/trivial" && find . | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet) |
	zstd -q -19 --zstd=wlog=20 --check > "$b/trivial.cpio.zst"

# The seed disk: 2 GiB, BPB and MBR say 255 heads, qemu's BIOS 128.
[ -s "$b/seed.img" ] || "$src/rescue/lab/diskmedic-lab" make geometry-255 "$b/seed.img" --seed 9 > /dev/null

# boot INITRD MEM DISK ARGS: seconds from qemu start to the report's end
# marker on serial, or "fail".
boot() {
	log=$b/serial.txt
	rm -f "$log"
	: > "$log"
	t0=$(date +%s%N)
	timeout 300 qemu-system-x86_64 $accel -m "$2" -display none -no-reboot \
		-serial file:"$log" -kernel "$kernel" -initrd "$1" \
		-append "console=ttyS0,115200 quiet panic=-1 $4" \
		-cdrom "$iso" -drive file="$3",format=raw,if=ide,index=0 > /dev/null 2>&1 &
	pid=$!
	t=fail
	while kill -0 $pid 2> /dev/null; do
		if grep -aq -- '-----END DISKMEDIC REPORT-----' "$log"; then
			t=$(( $(date +%s%N) - t0 ))
			break
		fi
		sleep 0.05
	done
	wait $pid || true
	[ "$t" = fail ] && grep -aq -- '-----END DISKMEDIC REPORT-----' "$log" && t=$(( $(date +%s%N) - t0 ))
	[ "$t" = fail ] && echo fail || awk -v n="$t" 'BEGIN { printf "%.2f\n", n / 1e9 }'
}

median() { tr ' ' '\n' | sed '/^$/d' | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

echo "ISO size:          $(wc -c < "$iso") bytes ($(awk -v n="$(wc -c < "$iso")" 'BEGIN { printf "%.1f", n / 1e6 }') MB; goal <= 25 MB)"
echo "initramfs size:    $(wc -c < "$initrd") bytes (zstd, 1 MiB window)"

cp --sparse=always "$b/seed.img" "$b/disk.img"
dm= triv=
for i in $(seq "$runs"); do
	dm="$dm $(boot "$initrd" 256 "$b/disk.img" "diskmedic.mode=report diskmedic.after=poweroff")"
	triv="$triv $(boot "$b/trivial.cpio.zst" 256 "$b/disk.img" "")"
done
dmm=$(echo "$dm" | median) trm=$(echo "$triv" | median)
echo "boot to report:    diskmedic$dm s, median $dmm s"
echo "trivial init:      $triv s, median $trm s"
awk -v a="$dmm" -v b="$trm" 'BEGIN { printf "boot time ratio:   %.2f (median of %d, TCG; goal <= 1.3)\n", a / b, '"$runs"' }'

# The smallest -m that still completes autofix on the seed disk: the report
# comes out and the BPB says 128 heads.  Bisect over 8 MB steps.
fixed() { fixed_once "$1" || fixed_once "$1"; }	# one retry: a loaded host can time out
fixed_once() {
	cp --sparse=always "$b/seed.img" "$b/disk.img"
	[ "$(boot "$initrd" "$1" "$b/disk.img" "diskmedic.mode=autofix diskmedic.after=poweroff")" != fail ] || return 1
	p=$(sed -n 's/^part_start=//p' "$b/seed.img.lab")
	[ "$(od -An -tx1 -j $((p * 512 + 26)) -N 2 "$b/disk.img" | tr -d ' ')" = 8000 ]
}
lo=24 hi=256
fixed $hi || { echo "smallest -m:       autofix fails even with $hi MB"; exit 1; }
while [ $((hi - lo)) -gt 8 ]; do
	mid=$(( (lo + hi) / 2 / 8 * 8 ))
	[ "$mid" -le "$lo" ] && mid=$((lo + 8))
	if fixed "$mid"; then hi=$mid; else lo=$mid; fi
done
echo "smallest -m:       $hi MB for scan + fix (fails at $lo MB; goal <= 96 MB)"
