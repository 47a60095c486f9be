#!/bin/sh
# Assemble the test boot code: build.sh OUTDIR -> OUTDIR/vbr-nt4.bin,
# vbr-xp.bin (vbr.asm: CHS reads from the BPB's geometry) and
# vbr-bootmgr.bin (vbr-bootmgr.asm: LBA reads only), code for VBR offsets
# 0x54..0x1FD, 426 bytes each.
set -eu
out=${1:?usage: build.sh OUTDIR}
here=$(dirname "$0")
mkdir -p "$out"
nasm -f bin -I"$here/" -o "$out/vbr-nt4.bin" "$here/vbr.asm"
nasm -f bin -I"$here/" -DXP -o "$out/vbr-xp.bin" "$here/vbr.asm"
nasm -f bin -I"$here/" -o "$out/vbr-bootmgr.bin" "$here/vbr-bootmgr.asm"
for f in "$out/vbr-nt4.bin" "$out/vbr-xp.bin" "$out/vbr-bootmgr.bin"; do
	[ "$(wc -c <"$f")" -eq 426 ] || { echo "build.sh: $f is not 426 bytes" >&2; exit 1; }
done
