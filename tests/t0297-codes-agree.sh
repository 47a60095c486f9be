#!/bin/sh
test_description='the finding codes agree everywhere: the check registry (diskmedic checks), docs/checks.md,
the contract (docs/contract.md, a copy of shared/CONTRACT.md) and what diskmedic-lab expects of its kinds'
. "$(dirname "$0")/lib.sh"

CONTRACT_COPY=$SRCDIR/docs/contract.md

test_expect_success 'diskmedic checks lists every check with its codes' '
	"$DISKMEDIC" checks >checks.out &&
	sed -n "s/^ *codes: //p" checks.out | tr "," "\n" | sed "/^$/d" | sort -u >registry &&
	grep -qx vbr-geometry-mismatch registry && grep -qx partition-encrypted registry
'

# The Windows boot-driver codes belong to work not built yet.
test_expect_success 'every contract code is raised by some check (the windows-* codes aside, not built yet)' '
	sed -n "s/^| \([a-z0-9-]*\) | .*/\1/p" "$CONTRACT_COPY" | grep -v "^code$" >contract &&
	test -s contract &&
	for c in $(grep -v "^windows-" contract); do
		grep -qx "$c" registry || { echo "contract code $c: no check raises it"; exit 1; }
	done
'

test_expect_success 'diskmedic checks takes no arguments (16)' '
	expect_exit 16 "$DISKMEDIC" checks extra 2>err && grep -q usage err
'

test_expect_success 'every registry code is explained in docs/checks.md' '
	for c in $(cat registry); do
		grep -q -e "^### $c " -e "^| $c |" "$SRCDIR/docs/checks.md" || { echo "$c not in docs/checks.md"; exit 1; }
	done
'

test_expect_success 'every code docs/checks.md has a section for is raised by some check' '
	sed -n "s/^### \([a-z0-9-]*\) .*/\1/p" "$SRCDIR/docs/checks.md" | sort -u >documented &&
	test -s documented &&
	for c in $(cat documented); do
		grep -qx "$c" registry || { echo "$c documented but raised by no check"; exit 1; }
	done
'

test_expect_success 'every registry code is a contract code or an addition docs/checks.md documents' '
	sed -n "/^## Additions to the contract/,\$p" "$SRCDIR/docs/checks.md" >additions &&
	for c in $(cat registry); do
		grep -q "^| $c |" "$CONTRACT_COPY" additions || { echo "$c: neither contract nor documented addition"; exit 1; }
	done
'

test_expect_success 'every code the lab expects of a kind is raised by some check' '
	"$DISKMEDIC_LAB" list | cut -d" " -f1 >kinds && test -s kinds &&
	for k in $(cat kinds); do
		for c in $("$DISKMEDIC_LAB" expect $k); do
			grep -qx "$c" registry || { echo "$k expects $c, which no check raises"; exit 1; }
		done
	done
'

CONTRACT=$SRCDIR/../shared/CONTRACT.md
if [ -f "$CONTRACT" ]; then
	test_expect_success 'docs/contract.md is the contract as shared/ has it' '
		sed 1d "$CONTRACT_COPY" | cmp - "$CONTRACT"
	'
else
	test_skip 'docs/contract.md is the contract as shared/ has it' 'no shared/CONTRACT.md beside the tree'
fi

test_done
