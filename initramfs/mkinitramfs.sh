#!/bin/sh
# mkinitramfs.sh OUT INIT DISKMEDIC BUSYBOX MODROOT [NTFSPROGS_DIR]
# Assemble the rescue system's root and pack it as OUT (cpio, zstd).
#   INIT       our static /init
#   DISKMEDIC  the static diskmedic binary, installed as /bin/diskmedic
#   BUSYBOX    a static busybox, for the rescue shell
#   MODROOT    a tree holding lib/modules/VERSION (iso/kernel.sh makes it)
#   NTFSPROGS_DIR  static ntfsprogs; whatever is in it goes to /bin
set -eu
out=$1 init=$2 diskmedic=$3 busybox=$4 modroot=$5 ntfsprogs=${6:-}
root=$out.root
rm -rf "$root"
mkdir -p "$root/bin" "$root/sbin" "$root/dev" "$root/proc" "$root/sys" \
	"$root/run" "$root/tmp" "$root/mnt" "$root/root" "$root/etc"
chmod 1777 "$root/tmp"
install -m 755 "$init" "$root/init"
install -m 755 "$diskmedic" "$root/bin/diskmedic"
install -m 755 "$busybox" "$root/bin/busybox"
for a in $("$busybox" --list); do
	[ -e "$root/bin/$a" ] || ln -s busybox "$root/bin/$a"
done
# The kernel runs /sbin/modprobe to load file system modules on mount.
ln -s ../bin/busybox "$root/sbin/modprobe"
if [ -n "$ntfsprogs" ] && [ -d "$ntfsprogs" ]; then
	# Keep symlinks as they are: ntfsprogs may be one multi-call binary.
	for f in "$ntfsprogs"/*; do
		[ -e "$f" ] && cp -P "$f" "$root/bin/"
	done
fi
# Debug symbols are no use in the rescue system and would double its size.
for f in "$root"/bin/*; do
	[ -L "$f" ] || [ "$f" = "$root/bin/busybox" ] || strip --strip-all "$f" 2>/dev/null || true
done
cp -a "$modroot/lib" "$root/"
printf 'root:x:0:0:root:/root:/bin/sh\n' > "$root/etc/passwd"
printf 'PS1='"'"'diskmedic-shell# '"'"'\n' > "$root/etc/profile"
# The kernel opens /dev/console for /init before devtmpfs is mounted.
# Without root (no mknod) the kernel just warns, and /init copes.
mknod -m 600 "$root/dev/console" c 5 1 2>/dev/null || true

# zstd, not xz: the kernel unpacks it in 0.8 s under TCG instead of 3.9 s
# (every boot, and the tests boot the ISO some forty times), for 3.1 MB
# instead of 2.8.  A 1 MiB window: the kernel's decompressor needs the window
# in memory, and small VMs must still unpack it.
(cd "$root" && find . | LC_ALL=C sort | cpio -o -H newc -R 0:0 --reproducible --quiet) |
	zstd -q -19 --zstd=wlog=20 --check -T1 > "$out.tmp"
mv "$out.tmp" "$out"
echo "initramfs: $out $(wc -c < "$out") bytes"
