#!/usr/bin/env python3
"""lab2seeds.py IMG SEEDDIR NAME: cut fuzz seeds out of one lab disk image.

Writes SEEDDIR/<target>/NAME-<what> for each target in tests/fuzz/. The
image is read the simple way (its own small MBR/EBR/GPT walk, independent
of the C parsers) because only the interesting sectors are wanted: a seed
is a starting point for mutation, not a reference result.
"""
import os, struct, sys

img, out, name = sys.argv[1], sys.argv[2], sys.argv[3]
size = os.path.getsize(img)
f = open(img, 'rb')

def rd(off, n):
    if off < 0 or off >= size:
        return b''
    f.seek(off)
    return f.read(min(n, size - off))

def put(target, what, data):
    if not data:
        return
    os.makedirs(os.path.join(out, target), exist_ok=True)
    with open(os.path.join(out, target, '%s-%s' % (name, what)), 'wb') as o:
        o.write(data)

# Sector size, as the probe guesses it: GPT signature at 512 or 4096, else
# the first partition's boot sector at 512- or 4096-byte units.
ss = 512
if rd(4096, 8) == b'EFI PART':
    ss = 4096
elif rd(512, 8) != b'EFI PART':
    for i in range(4):
        e = rd(446 + 16 * i, 16)
        start = struct.unpack_from('<I', e, 8)[0] if len(e) == 16 else 0
        if e[4:5] != b'\0' and start and rd(start * 4096 + 3, 4) == b'NTFS':
            ss = 4096
            break

sec0 = rd(0, 512)
put('mbr', 'sec0', sec0)
put('bootcode', 'mbr', b'\0' + sec0)

parts, ebrs = [], []          # (start, sectors) in ss units; EBR LBAs
if rd(ss, 8) == b'EFI PART':
    for side, hdr_lba in (('primary', 1), ('backup', size // ss - 1)):
        hdr = rd(hdr_lba * ss, 512)
        if hdr[:8] != b'EFI PART':
            continue
        ent_lba, n, esz = struct.unpack_from('<QII', hdr, 72)
        ents = rd(ent_lba * ss, min(n * esz, 1 << 16))
        put('gpt', side, hdr + ents)
        for i in range(len(ents) // max(esz, 128) if not parts else 0):
            first, last = struct.unpack_from('<QQ', ents, i * esz + 32)
            if any(ents[i * esz:i * esz + 16]) and last >= first:
                parts.append((first, last - first + 1))
elif sec0[510:512] == b'\x55\xaa':
    for i in range(4):
        typ, start, count = sec0[446 + 16 * i + 4], *struct.unpack_from('<II', sec0, 446 + 16 * i + 8)
        if not typ:
            continue
        if typ in (5, 0xf, 0x85):
            ebr, seen = start, set()
            while ebr not in seen and len(seen) < 64:
                seen.add(ebr)
                ebrs.append(ebr)
                b = rd(ebr * ss, 512)
                put('mbr', 'ebr%d' % ebr, b)
                if len(b) < 512 or b[510:512] != b'\x55\xaa':
                    break
                t0, s0, c0 = b[446 + 4], *struct.unpack_from('<II', b, 446 + 8)
                if t0:
                    parts.append((ebr + s0, c0))
                t1, s1 = b[462 + 4], struct.unpack_from('<I', b, 462 + 8)[0]
                if t1 not in (5, 0xf, 0x85) or not s1:
                    break
                ebr = start + s1
        else:
            parts.append((start, count))

def ntfs_data_runs(rec):
    """(vcn-ordered) [(lcn, clusters)] of a FILE record's unnamed $DATA."""
    if rec[:4] != b'FILE':
        return []
    rec = bytearray(rec)
    usa_ofs, usa_n = struct.unpack_from('<HH', rec, 4)
    for i in range(1, usa_n):   # undo the update sequence fixups
        if i * 512 <= len(rec) and usa_ofs + 2 * i + 2 <= len(rec):
            rec[i * 512 - 2:i * 512] = rec[usa_ofs + 2 * i:usa_ofs + 2 * i + 2]
    at = struct.unpack_from('<H', rec, 0x14)[0]
    while at + 16 <= len(rec):
        typ, alen = struct.unpack_from('<II', rec, at)
        if typ == 0xFFFFFFFF or alen < 16:
            break
        if typ == 0x80 and rec[at + 8] and rec[at + 9] == 0:   # non-resident, unnamed
            runs, p, lcn = [], at + struct.unpack_from('<H', rec, at + 0x20)[0], 0
            while p < at + alen and rec[p]:
                nl, no = rec[p] & 15, rec[p] >> 4
                n = int.from_bytes(rec[p + 1:p + 1 + nl], 'little')
                d = int.from_bytes(rec[p + 1 + nl:p + 1 + nl + no], 'little', signed=True)
                p += 1 + nl + no
                if no:
                    lcn += d
                    runs.append((lcn, n))
            return runs
        at += alen
    return []


# Boot sectors of each volume, primary and backups, for the BPB parsers and
# the boot code identifier (NTFS boot code runs 16 sectors, FAT32's 3).
for k, (start, count) in enumerate(parts):
    vbr = rd(start * ss, 512)
    put('ntfs_bpb', 'p%d' % k, vbr)
    put('fat_bpb', 'p%d' % k, vbr)
    put('fat_bpb', 'p%d-backup' % k, rd((start + 6) * ss, 512))
    put('ntfs_bpb', 'p%d-backup' % k, rd((start + count - 1) * ss, 512))
    put('bootcode', 'p%d' % k, b'\1' + vbr + rd(start * ss + 512, 15 * 512))

# The sparse image format of memdisk.h for the probe and the scan: the
# non-zero 512-byte blocks of the regions the probe and checks read.
nsec = size // ss
regions = [(0, 34 * ss)] + [(e * ss, ss) for e in ebrs]
regions.append(((nsec - 34) * ss, 34 * ss))
for start, count in parts:
    regions.append((start * ss, 16384 + ss))
    regions.append(((start + count - 1) * ss, 2 * ss))
    # NTFS: the first 64 records of $MFT and the $MFTMirr cluster, so that
    # the NTFS checks get into libntfs-3g's record and runlist parsing.
    vbr = rd(start * ss, 512)
    if vbr[3:11] == b'NTFS    ':
        bps, spc = struct.unpack_from('<HB', vbr, 11)
        mft, mirr = struct.unpack_from('<QQ', vbr, 0x30)
        csize = bps * (spc if spc <= 0x80 else 1 << (256 - spc))
        regions.append((start * ss + mft * csize, 65536))
        regions.append((start * ss + mirr * csize, 4096))
        # What libntfs-3g reads to mount: $LogFile's restart pages (2) and
        # $AttrDef (4), from their records' runs. $UpCase (128 KiB) is left
        # out: zeros there still mount, and the input stays small.
        for recno, most in ((2, 16384), (4, 8192)):
            for lcn, n in ntfs_data_runs(rd(start * ss + mft * csize + recno * 1024, 1024)):
                regions.append((start * ss + lcn * csize, min(n * csize, most)))
                most -= min(n * csize, most)
blocks = set()
for off, n in regions:
    for b in range(max(off, 0) // 512, (min(off + n, size) + 511) // 512):
        if any(rd(b * 512, 512)):
            blocks.add(b)
rec, run = b'', []
def flush():
    global rec
    if run:
        data = b''.join(rd(b * 512, 512) for b in run)
        rec += struct.pack('<IH', run[0], len(data)) + data
for b in sorted(blocks):
    if run and (b != run[-1] + 1 or len(run) == 64):
        flush()
        run = []
    run.append(b)
flush()
disk = struct.pack('<BI', 0, min(size // 512, 0xffffffff)) + rec
put('probe', 'disk', disk)
put('scan', 'disk', disk)
if any(rd(start * ss + 3, 8) == b'NTFS    ' for start, count in parts):
    put('ntfs', 'disk', disk)
# The same disk under --bios qemu and 255/63 (scan's option byte).
put('scan', 'disk-qemu', b'\2' + disk[1:])
put('scan', 'disk-255', b'\3' + disk[1:])
