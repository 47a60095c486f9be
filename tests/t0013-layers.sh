#!/bin/sh
test_description='the rescue/ folders form layers: no include cycle, probe/ below fix/, a report that never reads, one writer'
. "$(dirname "$0")/lib.sh"

# The layer order (docs/architecture.md):
#   lib < parse < io < geom < probe < fix < ntfs < windows < search < checks < report < cmd
# Each rule below is a function over a copy of rescue/, so that the last
# tests can show each one failing on a tree made wrong on purpose.

# layer_edges DIR: "FROM TO FILE" for every #include "../TO/..." in
# DIR/FROM/*.[ch] (a forward declaration such as "struct writer;" is not an
# include, and is not an edge).
layer_edges() {
	awk 'match($0, /^[ \t]*#[ \t]*include[ \t]*"\.\.\/[^\/"]+\//) {
		to = substr($0, RSTART, RLENGTH); sub(/.*"\.\.\//, "", to); sub(/\/$/, "", to)
		n = split(FILENAME, p, "/"); from = p[n - 1]
		if (from != to) print from, to, p[n - 1] "/" p[n]
	}' "$1"/*/*.[ch]
}

# no_cycle DIR: the folder graph is a DAG; on a loop, print the folders in
# it and the includes that join them.
no_cycle() {
	layer_edges "$1" >edges.all &&
	awk '{ print $1, $2 }' edges.all | sort -u >edges &&
	if tsort edges >order 2>loop; then
		return 0
	fi
	echo "include cycle between rescue/ folders:"
	sed -n 's/^tsort: \([a-z]*\)$/\1/p' loop >loop.nodes
	cat loop.nodes
	awk 'NR == FNR { in_loop[$1] = 1; next } ($1 in in_loop) && ($2 in in_loop)' loop.nodes edges.all
	return 1
}

# in_order DIR: every edge goes down LAYERS (lowest first), the order
# docs/architecture.md draws; a folder not in it is an error too.
LAYERS="lib parse io geom probe fix ntfs windows search checks report cmd"
in_order() {
	layer_edges "$1" | awk -v layers="$LAYERS" '
		BEGIN { n = split(layers, l, " "); for (i = 1; i <= n; i++) rank[l[i]] = i }
		!($1 in rank) || !($2 in rank) { print "not in the layer order: " $0; bad = 1; next }
		rank[$2] > rank[$1] { print "includes a layer above it: " $0; bad = 1 }
		END { exit bad }'
}

# no_edge DIR FROM TO: FROM includes nothing from TO.
no_edge() {
	layer_edges "$1" | awk -v f="$2" -v t="$3" '$1 == f && $2 == t' >bad.edges &&
	if test -s bad.edges; then
		echo "$2/ includes $3/:"
		cat bad.edges
		return 1
	fi
}

# report_never_reads DIR: report/ calls no dev_read (it renders the model).
report_never_reads() {
	if grep -n '\<dev_read\>' "$1"/report/*.[ch]; then
		echo "report/ reads the disk (above)"
		return 1
	fi
}

# code_only: drop grep -n hits on comment lines (" * ...", "/* ...", "// ...").
code_only() { grep -vE '^[^:]+:[0-9]+:[ \t]*(\*|/\*|//)'; }

# one_writer DIR: dev_write is called only by fix/writer.c (io/dev.c defines
# it); raw write(2)/pwrite(2) only in io/, and in the two files that write
# regular files of their own, never a disk: windows/hive.c (the private
# copy of a hive that libhivex opens) and report/save.c (undo records and
# reports copied onto the partition the user picked). libntfs-3g's writes
# (ntfs_attr_pwrite, the device's .pwrite hook) go through
# writer_journal_write (ntfs/device.c), which the last grep requires.
one_writer() {
	(cd "$1" && grep -n '\<dev_write[ \t]*(' */*.c | grep -v '^fix/writer\.c:\|^io/' | code_only) >bad.writes
	(cd "$1" && grep -nE '(^|[^A-Za-z0-9_.>])p?write(64)?[ \t]*\(' */*.c |
		grep -v '^io/\|^windows/hive\.c:\|^report/save\.c:' | code_only) >>bad.writes
	if test -s bad.writes; then
		echo "a write outside fix/writer.c and io/:"
		cat bad.writes
		return 1
	fi
	grep -q 'writer_journal_write' "$1"/ntfs/device.c || {
		echo "ntfs/device.c: libntfs-3g's writes no longer go through writer_journal_write"
		return 1
	}
}

# findings_in_checks DIR: struct finding is defined in checks/finding.h only,
# and only checks/ (and its finding.c) makes findings: search/, ntfs/,
# windows/, fix/ and probe/ return data and fix plans.
findings_in_checks() {
	(cd "$1" && grep -ln '^struct finding {' */*.h) >defs &&
	echo checks/finding.h >want &&
	test_cmp want defs || return 1
	(cd "$1" && grep -nE '\<(finding_new|disk_add_finding|finding_detail|ev_(num|str|hex))[ \t]*\(' \
		lib/* parse/* io/* geom/* probe/* fix/* ntfs/* windows/* search/*) >bad.findings
	if test -s bad.findings; then
		echo "a finding made below checks/:"
		cat bad.findings
		return 1
	fi
}

# writer_opaque DIR: struct writer is defined in fix/writer.c alone.
writer_opaque() {
	(cd "$1" && grep -ln '^struct writer {' */*.[ch]) >defs &&
	echo fix/writer.c >want &&
	test_cmp want defs
}

# guards_unique DIR...: no two headers share an include guard.
guards_unique() {
	for h in "$@"; do
		sed -n '1,/^#ifndef/s/^#ifndef[ \t]*\([A-Z0-9_]*\).*/\1/p' "$h" | head -n 1
	done | sort | uniq -d >dup.guards &&
	if test -s dup.guards; then
		echo "include guards used twice:"
		cat dup.guards
		return 1
	fi
}

SRC=$SRCDIR/rescue

test_expect_success 'the folder graph is a DAG (edges listed)' '
	no_cycle "$SRC" &&
	echo "FROM TO INCLUDES FIRST-FILE" &&
	awk "{ k = \$1 \" \" \$2; n[k]++; if (!(k in f)) f[k] = \$3 }
	     END { for (k in n) print k, n[k], f[k] }" edges.all | sort &&
	echo "layer order, top first:" && cat order
'

test_expect_success 'every include goes down the layer order' '
	in_order "$SRC"
'

test_expect_success 'probe/ includes nothing from fix/ (nor from a layer above it)' '
	for up in fix ntfs windows search checks report cmd; do
		no_edge "$SRC" probe $up || return 1
	done
'

test_expect_success 'report/ calls no dev_read' '
	report_never_reads "$SRC"
'

test_expect_success 'only fix/writer.c writes to a disk' '
	one_writer "$SRC"
'

test_expect_success 'findings belong to checks/' '
	findings_in_checks "$SRC"
'

test_expect_success 'struct writer is opaque outside fix/writer.c' '
	writer_opaque "$SRC"
'

test_expect_success 'no two headers share an include guard' '
	guards_unique "$SRC"/*/*.h "$SRC"/*.h "$SRCDIR"/tests/unit/*.h
'

# The checker must be able to fail: a scratch copy of rescue/ made wrong in
# each way the rules forbid, one at a time.
fresh() {
	rm -rf bad && mkdir bad &&
	(cd "$SRC" && tar cf - */*.[ch]) | (cd bad && tar xf -)
}

test_expect_success 'the checker catches a cycle (probe/ including checks/) and prints it' '
	fresh &&
	no_cycle bad &&
	sed -i "1i #include \"../checks/check.h\"" bad/probe/probe.c &&
	! no_cycle bad >out &&
	cat out &&
	grep "^probe$" out && grep "^checks$" out &&
	grep "^probe checks probe/probe.c$" out
'

test_expect_success 'the checker catches probe/ including fix/' '
	fresh &&
	sed -i "/^#define DM_DISK_H/a #include \"../fix/plan.h\"" bad/probe/disk.h &&
	! no_edge bad probe fix >out &&
	cat out &&
	grep "^probe fix probe/disk.h$" out &&
	! in_order bad >out &&
	cat out &&
	grep "above it: probe fix probe/disk.h$" out
'

test_expect_success 'the checker catches a dev_read in report/' '
	fresh &&
	echo "static int peek(struct dev *d, void *b) { return dev_read(d, 0, b, 1); }" >>bad/report/text.c &&
	! report_never_reads bad
'

test_expect_success 'the checker catches writes outside the writer' '
	fresh &&
	echo "static int poke(struct dev *d) { return dev_write(d, 0, \"\", 1); }" >>bad/checks/mbr_active.c &&
	! one_writer bad >out && cat out && grep "checks/mbr_active.c" out &&
	fresh &&
	echo "static long poke(int fd) { return pwrite(fd, \"\", 1, 0); }" >>bad/ntfs/volume.c &&
	! one_writer bad >out && cat out && grep "ntfs/volume.c" out
'

test_expect_success 'the checker catches a finding made below checks/ and a second struct writer' '
	fresh &&
	echo "static void raise(void) { finding_new(\"x\", 0, -1, \"x\"); }" >>bad/search/lost.c &&
	! findings_in_checks bad >out && cat out && grep "search/lost.c" out &&
	fresh &&
	printf "struct finding {\n\tint x;\n};\n" >>bad/fix/plan.h &&
	! findings_in_checks bad >out && cat out && grep "fix/plan.h" out &&
	fresh &&
	printf "struct writer {\n\tint fd;\n};\n" >>bad/fix/writer.h &&
	! writer_opaque bad
'

test_expect_success 'the checker catches a shared include guard' '
	fresh &&
	sed -i "s/DM_DISK_H/DM_CHECK_H/" bad/probe/disk.h &&
	! guards_unique bad/*/*.h >out && cat out && grep DM_CHECK_H out
'

test_done
