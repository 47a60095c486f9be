#!/bin/sh
# mk/apt-private.sh - a private apt configuration under build/apt/.
#
# Why: the build fetches Debian source (and binary) packages from releases
# newer than the machine's own (ntfs-3g from trixie carries security fixes that
# bookworm's lacks), without touching /etc/apt or /var/lib/apt.
#
# Usage (stdout is only the path of the APT_CONFIG file; messages go to stderr):
#     APT_CONFIG=$(mk/apt-private.sh) apt-cache showsrc ntfs-3g
#     APT_CONFIG=$(mk/apt-private.sh) apt-get source --download-only ntfs-3g
#     APT_CONFIG=$(mk/apt-private.sh) apt-get download linux-image-amd64
#     mk/apt-private.sh --update     # force 'apt-get update' of the private lists
#
# What it writes (all under $BUILD_DIR/apt, default <repo>/build/apt):
#     apt.conf          the APT_CONFIG file: private sources, lists, caches
#     sources.sources   deb + deb-src entries derived from the machine's sources
#     state/lists/      the private package lists
#     cache/archives/   downloaded .debs (apt-get install -d / download)
#     preferences.d/    empty on purpose: the machine's pinning does not apply
# The dpkg status stays the machine's /var/lib/dpkg/status (read only here).
#
# Sources: every entry of /etc/apt/sources.list, sources.list.d/*.list and
# sources.list.d/*.sources whose suite belongs to the machine's Debian release
# (e.g. bookworm, bookworm-updates, bookworm-security) is kept with the same
# URIs, components and Signed-By, and gains the same suites for each release in
# $APT_PRIVATE_RELEASES (default "trixie"): trixie, trixie-updates,
# trixie-security. Third-party entries are left out.
#
# Cost: 'apt-get update' runs only when the lists are missing, when the derived
# sources changed, when they are older than $APT_PRIVATE_MAX_AGE_DAYS (default
# 7) or on --update. Otherwise the script does no network I/O. Concurrent
# callers (make -j) are serialised with flock.
#
# The machine's apt.conf.d snippets still apply (proxies, Check-Valid-Until),
# since they describe how this machine reaches its mirrors.
#
# SPDX-License-Identifier: GPL-2.0-or-later
set -eu

here=$(cd "$(dirname "$0")" && pwd)
build=${BUILD_DIR:-$here/../build}
mkdir -p "$build/apt"
build=$(cd "$build" && pwd)
top=$build/apt
releases=${APT_PRIVATE_RELEASES:-trixie}
max_age=${APT_PRIVATE_MAX_AGE_DAYS:-7}
etc=${APT_PRIVATE_ETC:-/etc/apt}   # overridable only to test the derivation
force=
[ "${1:-}" = --update ] && force=1

say() { echo "apt-private: $*" >&2; }

# One writer at a time: a parallel make may run two callers at once.
exec 9>"$top/lock"
flock 9

mkdir -p "$top/state/lists/partial" "$top/cache/archives/partial" \
	"$top/preferences.d"

codename=
[ -r /etc/os-release ] && codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")

# Print one line per enabled entry of the machine's sources:
#     URI SUITE COMPONENTS-comma-separated SIGNED-BY-or-dash
entries() {
	for f in "$etc/sources.list" "$etc"/sources.list.d/*.list; do
		[ -r "$f" ] || continue
		awk '
		/^[[:space:]]*(deb|deb-src)[[:space:]]/ {
			sub(/#.*/, ""); sb = "-"; n = 0
			# options in [ ... ] come before the URI
			line = $0
			if (match(line, /\[[^]]*\]/)) {
				opts = substr(line, RSTART + 1, RLENGTH - 2)
				line = substr(line, 1, RSTART - 1) substr(line, RSTART + RLENGTH)
				k = split(opts, o, /[[:space:]]+/)
				for (i = 1; i <= k; i++)
					if (o[i] ~ /^signed-by=/) sb = substr(o[i], 11)
			}
			k = split(line, w, /[[:space:]]+/)
			for (i = 1; i <= k; i++) if (w[i] != "") v[++n] = w[i]
			comps = v[4]
			for (i = 5; i <= n; i++) comps = comps "," v[i]
			if (n >= 4) print v[2], v[3], comps, sb
			delete v
		}' "$f"
	done
	for f in "$etc"/sources.list.d/*.sources; do
		[ -r "$f" ] || continue
		# deb822: paragraphs separated by blank lines; continuation
		# lines (inline keys) start with white space and are skipped.
		awk '
		function flush(   nu, ns, u, s, i, j) {
			if (uris != "" && suites != "" && enabled != "no") {
				nu = split(uris, u, /[[:space:]]+/)
				ns = split(suites, s, /[[:space:]]+/)
				gsub(/[[:space:]]+/, ",", comps)
				for (i = 1; i <= nu; i++) for (j = 1; j <= ns; j++)
					if (u[i] != "" && s[j] != "")
						print u[i], s[j], comps, (sb == "" ? "-" : sb)
			}
			uris = suites = comps = sb = enabled = ""
		}
		/^[[:space:]]*#/ { next }
		/^[[:space:]]*$/ { flush(); next }
		/^[[:space:]]/ { next }
		{
			key = tolower($1); sub(/:.*/, "", key)
			val = $0; sub(/^[^:]*:[[:space:]]*/, "", val); sub(/[[:space:]]+$/, "", val)
			if (key == "uris") uris = val
			else if (key == "suites") suites = val
			else if (key == "components") comps = val
			else if (key == "signed-by") sb = (val ~ /^\// ? val : "")
			else if (key == "enabled") enabled = tolower(val)
		}
		END { flush() }' "$f"
	done
}

# Keep the machine's Debian release entries and add the newer releases' suites.
derive() {
	entries | awk -v codename="$codename" -v releases="$releases" '
	function add(key, suite) {
		if (!((key, suite) in seen)) {
			seen[key, suite] = 1
			suites[key] = suites[key] " " suite
		}
	}
	{
		uri = $1; suite = $2; comps = $3; sb = $4
		base = suite; suffix = ""
		if (match(suite, /(-updates|-security|\/updates|-backports)$/)) {
			base = substr(suite, 1, RSTART - 1)
			suffix = substr(suite, RSTART)
		}
		if (suffix == "/updates") suffix = "-security"  # old security layout
		if (codename != "" && base != codename) next
		if (codename == "" && base !~ /^[a-z]+$/) next
		key = uri SUBSEP comps SUBSEP sb
		if (!(key in suites)) order[++n] = key
		add(key, suite)
		if (suffix == "-backports") next
		r = split(releases, rel, /[[:space:]]+/)
		for (i = 1; i <= r; i++) if (rel[i] != "") add(key, rel[i] suffix)
	}
	END {
		for (i = 1; i <= n; i++) {
			split(order[i], p, SUBSEP)
			gsub(/,/, " ", p[2])
			print "Types: deb deb-src"
			print "URIs: " p[1]
			print "Suites:" suites[order[i]]
			print "Components: " p[2]
			if (p[3] != "-") print "Signed-By: " p[3]
			print ""
		}
	}'
}

derive >"$top/sources.sources.new"
if ! grep -q '^URIs:' "$top/sources.sources.new"; then
	say "no Debian entries found in $etc/sources.list{,.d}"
	exit 1
fi
if cmp -s "$top/sources.sources.new" "$top/sources.sources" 2>/dev/null; then
	rm -f "$top/sources.sources.new"
else
	mv "$top/sources.sources.new" "$top/sources.sources"
	rm -f "$top/updated"
fi

# The APT_CONFIG file. APT reads it before the machine's apt.conf.d, so only
# settings those snippets normally leave alone go here.
cat >"$top/apt.conf.new" <<EOF
// Generated by mk/apt-private.sh; see the top of that script.
Dir::Etc::sourcelist "$top/sources.sources";
Dir::Etc::sourceparts "$top/sources.list.d";
Dir::Etc::preferences "$top/preferences";
Dir::Etc::preferencesparts "$top/preferences.d";
Dir::State "$top/state";
Dir::State::lists "$top/state/lists";
Dir::State::status "/var/lib/dpkg/status";
Dir::Cache "$top/cache";
Dir::Cache::archives "$top/cache/archives";
Acquire::Languages "none";
Acquire::IndexTargets::deb::DEP-11::DefaultEnabled "false";
Acquire::IndexTargets::deb::DEP-11-icons::DefaultEnabled "false";
Acquire::IndexTargets::deb::DEP-11-icons-small::DefaultEnabled "false";
Acquire::IndexTargets::deb::DEP-11-icons-hidpi::DefaultEnabled "false";
EOF
mkdir -p "$top/sources.list.d"
if cmp -s "$top/apt.conf.new" "$top/apt.conf" 2>/dev/null; then
	rm -f "$top/apt.conf.new"
else
	mv "$top/apt.conf.new" "$top/apt.conf"
fi

# Lists that are merely old still work: a failed refresh of those is only a
# warning, so an offline rebuild goes on. Missing lists are an error.
need=$force
[ -f "$top/updated" ] || need=1
old=
[ -n "$(find "$top/updated" -mtime +"$max_age" 2>/dev/null)" ] && old=1
if [ -n "$need$old" ]; then
	say "apt-get update of the private lists ($releases added)"
	if APT_CONFIG=$top/apt.conf apt-get -q --error-on=any update >&2; then
		touch "$top/updated"
	elif [ -n "$need" ]; then
		say "apt-get update failed"
		exit 1
	else
		say "warning: refresh failed; using lists from $(date -r "$top/updated")"
	fi
fi
echo "$top/apt.conf"
