#!/usr/bin/env python3
"""Content digests of disk images, fast on sparse files.

    imgsum.py IMG...             one digest per image
    imgsum.py --states IMG UNDO  the digests IMG may have after a run that
                                 wrote that undo record: unchanged first, then
                                 with each subset of its fixes applied whole
                                 (a fix that fails is rolled back, and fix
                                 goes on with the next), all of them last

A digest is sha256 over the image size and every 4 KiB block that is not all
zeros, with its offset: two images have the same digest exactly when they
hold the same bytes. Holes are skipped with SEEK_DATA, so a 2 GiB lab image
with 20 MiB of data costs 20 MiB of reading instead of 2 GiB of sha256sum.
"""
import hashlib, os, sys

BS = 4096
ZERO = bytes(BS)


def blocks(path):
    """{offset: block} for the non-zero 4 KiB blocks of an image, and its size."""
    out = {}
    with open(path, 'rb') as f:
        fd = f.fileno()
        size = os.fstat(fd).st_size
        pos = 0
        while pos < size:
            try:
                start = os.lseek(fd, pos, os.SEEK_DATA)
            except OSError:
                break  # no data after pos: the rest is a hole
            end = os.lseek(fd, start, os.SEEK_HOLE)
            start -= start % BS
            f.seek(start)
            while start < end:
                b = f.read(BS)
                if not b:
                    break
                if b != ZERO[:len(b)]:
                    out[start] = b
                start += len(b)
            pos = end
    return out, size


def digest(blks, size):
    h = hashlib.sha256(b'%d\n' % size)
    for off in sorted(blks):
        b = blks[off]
        if b.count(0) != len(b):
            h.update(b'%d:' % off)
            h.update(b)
    return h.hexdigest()


def fix_groups(record):
    """The record's changes, grouped by consecutive fix id (one fix each)."""
    changes, fix = [], None
    for line in open(record):
        w = line.split()
        if w[:1] == ['fix']:
            fix = w[1] if len(w) > 1 else ''
        elif w[:1] == ['change'] and len(w) == 6:
            changes.append((fix, int(w[1]), bytes.fromhex(w[4])[:int(w[2])]))
        elif w[:1] == ['rolledback'] and len(w) == 3:
            # The writer put back the last N changes: they never stayed.
            del changes[len(changes) - int(w[1]):]
    groups = []
    for fix, off, after in changes:
        if not groups or groups[-1][0] != fix:
            groups.append((fix, []))
        groups[-1][1].append((off, after))
    return groups


def apply(blks, size, off, data):
    for i in range(len(data)):
        at = off + i
        if at >= size:
            break
        base = at - at % BS
        b = bytearray(blks.get(base, ZERO[:min(BS, size - base)]))
        b[at - base] = data[i]
        blks[base] = bytes(b)


if __name__ == '__main__':
    if sys.argv[1:2] == ['--states']:
        orig, size = blocks(sys.argv[2])
        groups = fix_groups(sys.argv[3])[:12]  # 4096 subsets at most
        n = len(groups)
        # Subsets by bit mask: 0 (none) first, all (2^n - 1) last.
        for mask in [0] + list(range(1, (1 << n) - 1)) + ([(1 << n) - 1] if n else []):
            blks = dict(orig)
            for i, (fix, changes) in enumerate(groups):
                if mask >> i & 1:
                    for off, data in changes:
                        apply(blks, size, off, data)
            print(digest(blks, size))
    else:
        for p in sys.argv[1:]:
            print(digest(*blocks(p)))
