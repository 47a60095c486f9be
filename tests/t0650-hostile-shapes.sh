#!/bin/sh
test_description='hostile shapes (a disk too small for its table, 4Kn, 10 000 logical partitions, a looping EBR chain, 256 and 16 384 GPT entries, partitions that all overlap): scan and fix end in bounded time and memory, sanitizer-clean, with clear findings'
. "$(dirname "$0")/lib.sh"
. "$SRCDIR/tests/lib-reliability.sh"

# Bounds: 60 s each, and for the static binary 256 MiB of address space (the
# ISO's RAM floor is about that; ASan's shadow memory rules out ulimit -v for
# the sanitizer build, which runs unbounded in memory but leak-checked).
SECS=60 MEM_KB=262144
STATIC=$BUILD/diskmedic

# A GPT whose header (CRC good) declares the most entries the parser accepts,
# 16 384 of 4 096 bytes (64 MiB), on a 64 MiB disk that cannot hold them.
make_gpt_max() {
	"$DISKMEDIC_LAB" make gpt-256-entries gpt-max.img --seed 650 >/dev/null &&
	python3 - gpt-max.img <<-'PY'
	import struct, sys, zlib
	f = open(sys.argv[1], 'r+b')
	f.seek(512); h = bytearray(f.read(92))
	struct.pack_into('<II', h, 80, 16384, 4096)
	struct.pack_into('<I', h, 16, 0)
	struct.pack_into('<I', h, 16, zlib.crc32(bytes(h)) & 0xffffffff)
	f.seek(512); f.write(h)
	f.truncate(64 << 20)
	PY
}

# shape NAME: scan (sanitizer build, leaks on) and scan (static, memory
# bounded) each within SECS, exit 0 or 4, image unchanged, the lab's expected
# codes reported; then fix --yes ends, and undo of whatever it wrote is exact.
shape() {
	_i=$1.img
	if [ -f "$_i.lab" ]; then _want=$("$DISKMEDIC_LAB" expect $1); else _want=; fi
	_sum=$(imgsum $_i)
	timeout $SECS "$DM" scan --json $_i >$1.json 2>$1.err; _rc=$?
	cat $1.err; sanitizer_clean $1.err || return 1
	case $_rc in 0|4) ;; 124) echo "scan did not end within $SECS s"; return 1 ;; *) echo "scan exit $_rc"; return 1 ;; esac
	"$DM" scan $_i >$1.txt 2>&1
	for c in $_want; do codes $1.json | grep -qx $c || { echo "missing finding $c"; return 1; }; done
	( ulimit -v $MEM_KB && exec /usr/bin/time -f "%e s %M KiB" -o $1.time timeout $SECS "$STATIC" scan $_i ) \
		>$1.static 2>&1; _src=$?
	case $_src in 0|4) ;; *) cat $1.static; echo "static scan under ulimit -v $MEM_KB: exit $_src"; return 1 ;; esac
	[ "$(imgsum $_i)" = "$_sum" ] || { echo "scan changed the image"; return 1; }
	timeout $SECS "$DM" fix --yes --undo-dir $1.undo $_i >$1.fix 2>&1; _frc=$?
	sanitizer_clean $1.fix || { cat $1.fix; return 1; }
	case $_frc in 124) echo "fix did not end within $SECS s"; return 1 ;; 86) cat $1.fix; return 1 ;; esac
	set -- $1 $1.undo/*.undo
	if [ -f "$2" ]; then
		"$DM" undo --yes --undo-dir $1.undo2 "$2" >$1.unfix 2>&1 || { cat $1.unfix; return 1; }
	fi
	[ "$(imgsum $_i)" = "$_sum" ] || { echo "fix then undo did not give back the image"; return 1; }
}
nparts() { json_get "$1" "len(r['disks'][0]['partitions'])"; }
noverlap() { json_get "$1" "sum(f['code'] == 'mbr-partition-overlap' for f in r['disks'][0]['findings'])"; }
starts_unique() { json_get "$1" "len(set(p['start_lba'] for p in r['disks'][0]['partitions'])) == len(r['disks'][0]['partitions'])"; }

test_expect_success 'build the shapes' '
	for k in tiny 4kn ebr-10000 ebr-loop gpt-256-entries mbr-all-overlap; do
		"$DISKMEDIC_LAB" make $k $k.img --seed 650 >/dev/null || exit 1
	done &&
	make_gpt_max
'

test_expect_success 'tiny: a disk too small for its table: the partition is beyond the disk' '
	shape tiny && grep -q "mbr-partition-beyond-disk" tiny.txt
'

test_expect_success '4kn: 4096-byte sectors recognised, partition at LBA 256, NTFS found, nothing wrong' '
	shape 4kn &&
	test "$(json_get 4kn.json "r[\"disks\"][0][\"sector_size\"]")" = 4096 &&
	test "$(json_get 4kn.json "r[\"disks\"][0][\"partitions\"][0][\"start_lba\"]")" = 256 &&
	test "$(json_get 4kn.json "r[\"disks\"][0][\"partitions\"][0][\"filesystem\"]")" = ntfs &&
	test "$(json_get 4kn.json "len(r[\"disks\"][0][\"findings\"])")" = 0
'

test_expect_success 'ebr-10000: 10 000 logical partitions: a bounded model that says it stopped' '
	shape ebr-10000 &&
	test "$(nparts ebr-10000.json)" -le 260 && test "$(starts_unique ebr-10000.json)" = True &&
	grep -Eq "not examined|longer than" ebr-10000.txt
'

test_expect_success 'ebr-loop: the loop is named, each logical partition listed once' '
	shape ebr-loop && test "$(starts_unique ebr-loop.json)" = True &&
	grep -q "loops back" ebr-loop.txt
'

test_expect_success 'gpt-256-entries: 128+ entries, all 200 partitions listed' '
	shape gpt-256-entries && test "$(nparts gpt-256-entries.json)" = 200
'

test_expect_success 'gpt-max: 16 384 entries of 4 KiB declared on a small disk: bounded' '
	shape gpt-max
'

test_expect_success 'mbr-all-overlap: four entries on the same sectors: all six pairs reported' '
	shape mbr-all-overlap && test "$(noverlap mbr-all-overlap.json)" = 6
'

for k in tiny 4kn ebr-10000 ebr-loop gpt-256-entries gpt-max mbr-all-overlap; do
	test_info "$(printf '%-16s static scan: %s' $k "$(cat $k.time 2>/dev/null | tail -n 1)")"
done
test_done
