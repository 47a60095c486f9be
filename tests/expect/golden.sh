# golden_scan KIND WORKDIR OUT: make the lab's KIND at the fixed seed in
# WORKDIR, scan it under the kind's own --bios with no EDD (the host's must
# not decide), and write OUT.json (normalised) and OUT.txt. What varies from
# one build or machine to another is taken out: the version strings, and the
# image's directory (the report names KIND.img).
# Sourced by tests/expect/regen.sh and tests/t0325-golden-reports.sh;
# needs DISKMEDIC and LAB.
GOLDEN_SEED=325
golden_scan() {
	_k=$1 _w=$2 _o=$3
	mkdir -p "$_w/noedd"
	(cd "$_w" && "$LAB" make "$_k" "$_k.img" --seed $GOLDEN_SEED >/dev/null) || return 1
	_bios=$(sed -n 's/^bios=//p' "$_w/$_k.img.lab")
	(cd "$_w" && DISKMEDIC_SYSROOT="$_w/noedd" "$DISKMEDIC" scan --json --bios "$_bios" "$_k.img" >"$_k.raw.json";
	 _rc=$?; [ $_rc = 0 ] || [ $_rc = 4 ]) || return 1
	(cd "$_w" && DISKMEDIC_SYSROOT="$_w/noedd" "$DISKMEDIC" scan --bios "$_bios" "$_k.img" >"$_k.raw.txt";
	 _rc=$?; [ $_rc = 0 ] || [ $_rc = 4 ]) || return 1
	python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
r["version"] = "VERSION"
r["libntfs3g"] = "VERSION"
r["libhivex"] = "VERSION"
json.dump(r, open(sys.argv[2], "w"), indent=1, sort_keys=True)
open(sys.argv[2], "a").write("\n")' "$_w/$_k.raw.json" "$_o.json" &&
	cp "$_w/$_k.raw.txt" "$_o.txt"
}
