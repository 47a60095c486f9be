#!/bin/sh
test_description='usage errors exit 16 with a usage message; --help and --version exit 0; nothing is touched'
. "$(dirname "$0")/lib.sh"

# usage_error ARGS...: exit 16 and a usage text on stderr
usage_error() {
	"$DISKMEDIC" "$@" >out 2>err; rc=$?
	cat out err
	test $rc = 16 || { echo "diskmedic $*: expected exit 16, got $rc"; return 1; }
	grep -qi usage err
}

test_expect_success 'setup: a lab disk that no usage error may touch' '
	"$DISKMEDIC_LAB" make hidden-sectors disk.img --seed 290 &&
	cp --sparse=always disk.img orig.img
'

test_expect_success 'no command' 'usage_error'
test_expect_success 'an unknown command' 'usage_error frobnicate disk.img'
test_expect_success 'an unknown option of scan' 'usage_error scan --frobnicate disk.img'
test_expect_success 'an unknown option of fix' 'usage_error fix --yes --frobnicate disk.img'
test_expect_success 'an unknown option of undo' 'usage_error undo --frobnicate x.undo'
test_expect_success 'fix without a TARGET' 'usage_error fix --yes'
test_expect_success 'undo without an UNDO-FILE' 'usage_error undo --yes'
test_expect_success 'show without OFFSET' 'usage_error show disk.img'
test_expect_success '--bios without its value' 'usage_error scan disk.img --bios'

# --only names codes matched byte for byte: a near miss would match nothing,
# and fix would quietly do nothing. Each must be named and refused (16).
test_expect_success '--only with a misspelt code: 16, the code named' '
	usage_error fix --yes --only vbr-hidden-sector-mismatch disk.img &&
	grep -q "'"'"'vbr-hidden-sector-mismatch'"'"' is not a finding code" err
'
test_expect_success '--only with a code in capitals: 16' '
	usage_error fix --yes --only VBR-HIDDEN-SECTORS-MISMATCH disk.img &&
	grep -q "VBR-HIDDEN-SECTORS-MISMATCH" err
'
test_expect_success '--only with a trailing space: 16, the space shown' '
	usage_error fix --yes --only "vbr-hidden-sectors-mismatch " disk.img &&
	grep -q "'"'"'vbr-hidden-sectors-mismatch '"'"'" err
'
test_expect_success '--only with one good and two bad codes: 16, both bad ones named, the good one not' '
	usage_error fix --yes --only "nope,vbr-hidden-sectors-mismatch,,also-nope" disk.img &&
	grep -q "'"'"'nope'"'"'" err && grep -q "'"'"'also-nope'"'"'" err && grep -q "'"'"''"'"' is not" err &&
	! grep -q "'"'"'vbr-hidden-sectors-mismatch'"'"' is not" err
'
test_expect_success '--only with an empty list: 16' 'usage_error fix --yes --only "" disk.img'

test_expect_success 'none of that touched the disk, and no undo record appeared' '
	same_image orig.img disk.img && ! ls diskmedic-undo/*.undo 2>/dev/null
'

test_expect_success '--only with known codes is accepted (a code of the contract and an addition)' '
	expect_exit 4 "$DISKMEDIC" fix --dry-run --only vbr-hidden-sectors-mismatch,mbr-ebr-chain-broken disk.img >out &&
	grep -q vbr-hidden-sectors-mismatch out && same_image orig.img disk.img
'

test_expect_success '--help exits 0 and prints the usage on stdout' '
	expect_exit 0 "$DISKMEDIC" --help >help && grep -q scan help && grep -q fix help && grep -q undo help
'
for c in scan fix undo show; do
	test_expect_success "$c --help exits 0" "expect_exit 0 \"\$DISKMEDIC\" $c --help >h.$c && grep -qi usage h.$c"
done
test_expect_success '--version exits 0 and names diskmedic' '
	expect_exit 0 "$DISKMEDIC" --version >v && grep -q diskmedic v
'

test_done
