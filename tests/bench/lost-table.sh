#!/bin/sh
# Lost partition table benchmark: two disks with an NTFS volume at
# their end and sector 0 zeroed, a 4 GiB non-sparse one and a 20 GiB sparse
# one. For each:
#   - diskmedic's deep search throughput against `dd bs=4M` reading the same
#     image (goal: at least 0.9 x dd);
#   - wall time of `diskmedic search --deep` against Debian's
#     `testdisk /cmd IMG analyze,search`, and whether both found the volume.
# Both readers run on a warm page cache (each image is read once first), so
# the figures compare the programs, not the disk.
# Usage: sh tests/bench/lost-table.sh [WORKDIR]   (default build/trash/bench-lost-table)
set -u
SRCDIR=$(cd "$(dirname "$0")/../.." && pwd)
DISKMEDIC=${DISKMEDIC:-$SRCDIR/build/diskmedic}
WORK=${1:-$SRCDIR/build/trash/bench-lost-table}
PATH=$PATH:/usr/sbin:/sbin
mkdir -p "$WORK" && cd "$WORK" || exit 8
[ -x "$DISKMEDIC" ] || { echo "lost-table bench: $DISKMEDIC not built" >&2; exit 8; }

now() { date +%s.%N; }
calc() { awk "BEGIN { print $* }"; }
secs() { calc "$2 - $1"; }
fmt() { printf '%.2f' "$1"; }

# mkdisk IMG SIZE_MIB SPARSE: NTFS in the last 1 GiB (less 1 MiB), MBR zeroed.
mkdisk() {
	img=$1 mib=$2 sparse=$3
	rm -f "$img" vol
	if [ "$sparse" = yes ]; then truncate -s "${mib}M" "$img"
	else dd if=/dev/zero of="$img" bs=4M count=$((mib / 4)) status=none; fi
	start=$(((mib - 1025) * 2048)) size=$((1024 * 2048))
	printf 'label: dos\nstart=%s, size=%s, type=7\n' "$start" "$size" | sfdisk -q "$img" || return 1
	truncate -s 1G vol && mkntfs -q -F -Q -p "$start" -H 255 -S 63 -L benchvol vol >/dev/null 2>&1 || return 1
	if [ "$sparse" = yes ]; then conv=notrunc,sparse; else conv=notrunc; fi
	dd if=vol of="$img" bs=1M seek=$((start / 2048)) conv=$conv status=none && rm -f vol
	dd if=/dev/zero of="$img" bs=512 count=1 conv=notrunc status=none
	echo "$start $size"
}

# CHS (255/63) of TestDisk's log -> LBA: TestDisk prints partitions as C H S.
testdisk_found() {
	awk -v want="$1" -v size="$2" '/NTFS/ && NF >= 9 {
		for (i = 1; i <= NF - 6; i++)
			if ($i ~ /^[0-9]+$/ && $(i+1) ~ /^[0-9]+$/ && $(i+2) ~ /^[0-9]+$/ && $(i+6) == size) {
				lba = ($i * 255 + $(i+1)) * 63 + $(i+2) - 1
				if (lba == want) { print "yes"; exit }
			}
	}' testdisk.log | grep -q yes && echo yes || echo no
}

# best_of N CMD...: the shortest wall time of N runs, in seconds.
best_of() {
	n=$1; shift; best=
	for i in $(seq "$n"); do
		t0=$(now); "$@" >/dev/null 2>&1; t1=$(now); t=$(secs "$t0" "$t1")
		if [ -z "$best" ] || [ "$(calc "$t < $best")" = 1 ]; then best=$t; fi
	done
	echo "$best"
}

found_by_diskmedic() {
	python3 -c "import json,sys; r=json.load(open(sys.argv[1]))
print('yes' if any(v['chosen'] and v['start_lba']==int(sys.argv[2]) and v['sectors']==int(sys.argv[3]) for v in r['volumes']) else 'no')" "$@"
}

bench() {
	name=$1 mib=$2 sparse=$3
	set -- $(mkdisk "$name.img" "$mib" "$sparse") || { echo "$name: could not build the image" >&2; return 1; }
	start=$1 size=$2
	img=$name.img bytes=$(stat -c %s "$name.img")
	cat "$img" >/dev/null	# warm the page cache for every reader
	dd_t=$(best_of 3 dd if="$img" of=/dev/null bs=4M)
	raw_t=$(best_of 3 "$DISKMEDIC" search --deep --read-holes --quiet --dry-run "$img")
	deep_t=$(best_of 3 "$DISKMEDIC" search --deep --quiet --dry-run "$img")
	quick_t=$(best_of 3 "$DISKMEDIC" search --quiet --dry-run "$img")
	"$DISKMEDIC" search --deep --json --dry-run "$img" >deep.json
	"$DISKMEDIC" search --json --dry-run "$img" >quick.json
	rm -f testdisk.log
	t0=$(now); timeout 3600 testdisk /log /cmd "$img" analyze,search </dev/null >/dev/null 2>&1; t1=$(now)
	td_t=$(secs "$t0" "$t1")
	mbs() { fmt "$(calc "$bytes / $1 / 1000000")"; }
	echo "# $name: $(numfmt --to=iec "$bytes") $([ "$sparse" = yes ] && echo sparse || echo non-sparse) image, NTFS at LBA $start ($size sectors) at its end, sector 0 zeroed"
	echo "#   dd bs=4M                          $(fmt "$dd_t") s  $(mbs "$dd_t") MB/s"
	echo "#   search --deep --read-holes        $(fmt "$raw_t") s  $(mbs "$raw_t") MB/s  (every byte read, as dd)"
	echo "#   search --deep                     $(fmt "$deep_t") s  $(mbs "$deep_t") MB/s  found: $(found_by_diskmedic deep.json "$start" "$size")"
	echo "#   search (quick)                    $(fmt "$quick_t") s  found: $(found_by_diskmedic quick.json "$start" "$size")"
	echo "#   testdisk /cmd IMG analyze,search  $(fmt "$td_t") s  found: $(testdisk_found "$start" "$size")"
	echo "#   RATIO deep-search/dd throughput: $(fmt "$(calc "$dd_t / $raw_t")") reading every byte, $(fmt "$(calc "$dd_t / $deep_t")") as shipped (goal >= 0.90)"
	echo "#   RATIO testdisk/diskmedic wall time: $(fmt "$(calc "$td_t / $quick_t")") quick search, $(fmt "$(calc "$td_t / $deep_t")") deep search (goal > 1)"
	rm -f "$img" deep.json quick.json testdisk.log
}

command -v testdisk >/dev/null || { echo "lost-table bench: testdisk not installed (mk/deps.list)" >&2; exit 8; }
echo "# lost partition table: deep search vs dd and TestDisk ($(testdisk /version 2>/dev/null | sed -n 's/^Version: /TestDisk /p'))"
bench disk4g 4096 no
bench disk20g 20480 yes
