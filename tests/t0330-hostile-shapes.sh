#!/bin/sh
test_description='hostile disk shapes from diskmedic-lab (EBR loop, 10 000 logical partitions, 256 GPT entries, all entries overlapping, a disk smaller than its table): scan ends in bounded time, exits 0 or 4, writes nothing, says what it saw'
. "$(dirname "$0")/lib.sh"

# hostile KIND: build, scan --json within 60 s; exit 0 or 4; image unchanged;
# every code the lab expects is reported.
hostile() {
	"$DISKMEDIC_LAB" make $1 $1.img --seed 330 || return 1
	cp --sparse=always $1.img $1.orig || return 1
	timeout 60 "$DISKMEDIC" scan --json $1.img >$1.json 2>$1.err; rc=$?
	cat $1.err
	case $rc in 0|4) ;; 124) echo "scan did not end within 60 s"; return 1 ;; *) echo "exit $rc"; return 1 ;; esac
	same_image $1.orig $1.img || return 1
	for c in $("$DISKMEDIC_LAB" expect $1); do
		codes $1.json | grep -qx $c || { echo "missing $c"; return 1; }
	done
}
nparts() { json_get "$1" "len(r['disks'][0]['partitions'])"; }
# the start LBAs of the partitions, each once: a loop was cut, not repeated
starts_unique() { json_get "$1" "len(set(p['start_lba'] for p in r['disks'][0]['partitions'])) == len(r['disks'][0]['partitions'])"; }

test_expect_success 'ebr-loop: the chain is walked once and the scan ends' '
	hostile ebr-loop &&
	test "$(starts_unique ebr-loop.json)" = True &&
	test "$(nparts ebr-loop.json)" -ge 3
'

test_expect_success 'ebr-10000: ten thousand logical partitions, bounded' '
	hostile ebr-10000 &&
	test "$(nparts ebr-10000.json)" -gt 4 &&
	test "$(starts_unique ebr-10000.json)" = True
'

test_expect_success 'gpt-256-entries: a 256-entry GPT with 200 partitions, all listed' '
	hostile gpt-256-entries &&
	test "$(nparts gpt-256-entries.json)" = 200
'

test_expect_success 'mbr-all-overlap: four entries on the same sectors: overlap reported' '
	hostile mbr-all-overlap
'

test_expect_success 'tiny: a disk smaller than its table: partition beyond the disk reported' '
	hostile tiny
'

test_done
