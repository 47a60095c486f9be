#!/bin/sh
# kernel.sh BUILD MODLIST
# Unpack Debian's signed kernel into BUILD/kernel/: vmlinuz, and under
# root/lib/modules/VERSION the modules named in MODLIST with every module
# they depend on, as plain signed .ko files, indexed with depmod -b.
set -eu
build=$1 list=$2
here=$(dirname "$0")

# linux-image-amd64 is a metapackage; its one dependency is the real kernel.
resolve() {
	apt-cache depends linux-image-amd64 2>/dev/null |
		sed -n 's/^ *Depends: \(linux-image-[0-9][^ ]*\)$/\1/p' | head -n 1
}
pkg=$(resolve)
# A fresh machine may never have fetched package lists.
[ -n "$pkg" ] || { apt-get update -q > /dev/null && pkg=$(resolve); }
[ -n "$pkg" ] || { echo "kernel: cannot resolve linux-image-amd64 (run apt-get update)" >&2; exit 1; }
ver=${pkg#linux-image-}
"$here/../mk/fetch.sh" deb "$build" "$pkg"
src=$build/pkgs/$pkg
out=$build/kernel
mods=$src/lib/modules/$ver

# The package ships no modules.dep: depmod writes it at install time.
[ -s "$mods/modules.dep" ] || depmod -b "$src" "$ver"

rm -rf "$out.tmp"
mkdir -p "$out.tmp/root/lib/modules/$ver"
cp "$src/boot/vmlinuz-$ver" "$out.tmp/vmlinuz"
echo "$ver" > "$out.tmp/version"

# Wanted module names, with '-' and '_' made equal as the kernel does.
names=$(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' -e 's/-/_/g' "$list")
# modules.dep: "kernel/x/y.ko: dep1.ko dep2.ko"; softdeps also count.
files=$(awk -v names="$names" '
	function modname(p) { sub(/.*\//, "", p); sub(/\.ko.*$/, "", p); gsub(/-/, "_", p); return p }
	BEGIN { n = split(names, w, /[ \n]+/); for (i = 1; i <= n; i++) want[w[i]] = 1 }
	{ f = $1; sub(/:$/, "", f); name = modname(f)
	  if (name in want) { print f; for (i = 2; i <= NF; i++) print $i }
	  found[name] = 1 }
	END { for (m in want) if (m != "" && !(m in found)) { print "missing module " m > "/dev/stderr"; bad = 1 }
	      exit bad }' "$mods/modules.dep")
soft=$(awk -v names="$names" '
	BEGIN { n = split(names, w, /[ \n]+/); for (i = 1; i <= n; i++) want[w[i]] = 1 }
	$1 == "softdep" { m = $2; gsub(/-/, "_", m); if (m in want) for (i = 3; i <= NF; i++) if ($i !~ /:$/) print $i }' \
	"$mods/modules.softdep" 2>/dev/null || true)
for s in $soft; do
	files="$files
$(awk -v s="$s" '{ f = $1; sub(/:$/, "", f); p = f; sub(/.*\//, "", p); sub(/\.ko.*$/, "", p); gsub(/-/, "_", p); t = s; gsub(/-/, "_", t)
	if (p == t) { print f; for (i = 2; i <= NF; i++) print $i } }' "$mods/modules.dep")"
done
echo "$files" | sed '/^$/d' | sort -u | while read -r f; do
	mkdir -p "$out.tmp/root/lib/modules/$ver/$(dirname "$f")"
	cp "$mods/$f" "$out.tmp/root/lib/modules/$ver/$f"
done
cp "$mods/modules.builtin" "$mods/modules.builtin.modinfo" "$mods/modules.order" "$out.tmp/root/lib/modules/$ver/"
depmod -b "$out.tmp/root" "$ver"
rm -rf "$out"
mv "$out.tmp" "$out"
echo "kernel: $ver, $(find "$out/root" -name '*.ko' | wc -l) modules, $(du -sk "$out/root" | cut -f1) KiB"
