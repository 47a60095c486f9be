#!/bin/sh
test_description='over every lab kind: scan (text and JSON) leaves the image byte for byte, exits 0 or 4, and its JSON keeps to the contract; prints expected vs reported codes'
. "$(dirname "$0")/lib.sh"
LAB=$DISKMEDIC_LAB

CONTRACT=$SRCDIR/../shared/CONTRACT.md
[ -f "$CONTRACT" ] || CONTRACT=/work/shared/CONTRACT.md

# contract_check JSON: the report has the contract's fields and types, and
# every finding code is one of the contract's codes (when CONTRACT.md is here)
# or one of the additions documented in docs/checks.md, as the contract asks.
contract_check() {
	python3 - "$1" "$CONTRACT" "$SRCDIR/docs/checks.md" <<-'PY'
	import json, os, re, sys
	r = json.load(open(sys.argv[1]))
	codes = None
	if os.path.exists(sys.argv[2]):
	    codes = set(re.findall(r'^\| ([a-z0-9-]+) \|', open(sys.argv[2]).read(), re.M)) - {'code'}
	    add = open(sys.argv[3]).read().split('## Additions to the contract', 1)
	    if len(add) == 2:
	        codes |= set(re.findall(r'^\| ([a-z0-9-]+) \|', add[1], re.M)) - {'code'}
	hexre = re.compile(r'^([0-9a-f]{2})*$')
	def need(c, what):
	    if not c: sys.exit('contract: ' + what)
	need(r.get('tool') == 'diskmedic' and isinstance(r.get('version'), str), 'tool/version')
	need(isinstance(r.get('disks'), list) and r['disks'], 'disks')
	for d in r['disks']:
	    for k, t in (('path', str), ('size_bytes', int), ('sector_size', int),
	                 ('partitions', list), ('findings', list)):
	        need(isinstance(d.get(k), t), 'disk.' + k)
	    g = d.get('bios_geometry', 'absent')
	    need(g is None or (isinstance(g, dict) and g.get('source') in ('edd', 'mbr-chs', 'qemu', 'user')), 'bios_geometry')
	    for p in d['partitions']:
	        need(all(isinstance(p.get(k), int) for k in ('index', 'start_lba', 'sectors')), 'partition fields')
	        need('type' in p and 'filesystem' in p, 'partition type/filesystem')
	    for f in d['findings']:
	        need(codes is None or f.get('code') in codes, 'code %r' % f.get('code'))
	        need(f.get('severity') in ('error', 'warning', 'info'), 'severity')
	        need(f.get('partition') is None or isinstance(f['partition'], int), 'partition')
	        need(isinstance(f.get('summary'), str) and isinstance(f.get('evidence'), dict), 'summary/evidence')
	        for x in f.get('fixes', []):
	            need(isinstance(x.get('id'), str) and isinstance(x.get('summary'), str) and isinstance(x.get('safe'), bool), 'fix fields')
	            for c in x.get('changes', []):
	                need(isinstance(c.get('offset'), int) and hexre.match(c.get('before', 'x')) and hexre.match(c.get('after', 'x'))
	                     and len(c['before']) == len(c['after']), 'change fields')
	PY
}

test_expect_success 'build the corpus' '
	"$LAB" list | cut -d" " -f1 >kinds &&
	for k in $(cat kinds); do "$LAB" make $k $k.img --seed 320 || exit 1; done
'

# report_only KIND: both scans exit 0 or 4, the image is unchanged, the JSON
# keeps to the contract.
report_only() {
	cp --sparse=always $1.img $1.orig || return 1
	bios=$(sed -n 's/^bios=//p' $1.img.lab)
	"$DISKMEDIC" scan --bios $bios $1.img >$1.txt 2>&1; rc=$?
	case $rc in 0|4) ;; *) cat $1.txt; echo "scan exited $rc"; return 1 ;; esac
	"$DISKMEDIC" scan --json --bios $bios $1.img >$1.json 2>$1.err; rc=$?
	case $rc in 0|4) ;; *) cat $1.err; echo "scan --json exited $rc"; return 1 ;; esac
	same_image $1.orig $1.img && contract_check $1.json && rm -f $1.orig
}

for k in $("$LAB" list | cut -d" " -f1); do
	test_expect_success "$k: scan writes nothing, exits 0 or 4, JSON keeps to the contract" "report_only $k"
done

# The damage table: what the lab says each kind should produce against what
# the scan reported (under the kind's own --bios). Printed, and asserted:
# every code the lab expects of a kind must be found.
test_expect_success 'every kind: the scan finds every code the lab expects of it' '
	bad=0 &&
	for k in $(cat kinds); do
		want=$("$LAB" expect $k) &&
		got=$(codes $k.json | tr "\n" " ") &&
		miss= &&
		for c in $want; do case " $got " in *" $c "*) ;; *) miss="$miss $c" ;; esac; done &&
		if [ -n "$miss" ]; then miss="MISSING$miss" bad=1; else miss=ok; fi &&
		printf "%-24s %-40s %s\n" $k "$miss" "bios=$(sed -n "s/^bios=//p" $k.img.lab)" || return 1
	done >damage.table &&
	cat damage.table && test $bad = 0
'
while read -r line; do test_info "$line"; done <"$TRASH/damage.table"

test_done
