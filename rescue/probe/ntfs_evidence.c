/* See evidence.h. Before a boot sector exists there is no volume for
 * libntfs-3g to open, so the few record fields needed are decoded here
 * (fixups by libntfs-3g, lib/mst.c). */
#include "ntfs_evidence.h"
#include "../lib/util.h"
#include "../parse/le.h"
#include "../lib/mst.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define REC_MAX 4096
#define ATTR_DATA 0x80
#define ATTR_INDEX_ROOT 0x90
#define ATTR_END 0xFFFFFFFFu
#define CHUNK (1u << 20)
#define HEAD_SCAN (64u << 20)
#define WIN_MFT_LCN 0xC0000ull	/* Windows' default $MFT position */

int nt_part_type_fits(const struct part *p)
{
	if (p->is_extended) return 0;
	if (p->mbr_type) return p->mbr_type == 0x07 || p->mbr_type == 0x17 || p->mbr_type == 0x27;
	return !strcmp(p->type, "Microsoft basic data") || !strcmp(p->type, "Windows recovery");
}

/* Read one record at partition offset off and undo its fixups. Returns its
 * MFT record number, or -1 when it is not a sound FILE record. */
static long read_record(struct disk *d, struct part *p, uint64_t off, uint8_t *rec, uint32_t *size)
{
	uint64_t abs = p->start * d->ssz + off;
	if (off + 1024 > p->sectors * d->ssz || abs + 1024 > d->size) return -1;
	if (dev_read(d->dev, abs, rec, 1024) != 0 || memcmp(rec, "FILE", 4) != 0) return -1;
	uint32_t alloc = le32(rec + 0x1C);
	if (alloc != 1024 && alloc != 4096) return -1;
	if (alloc > 1024 && (abs + alloc > d->size || dev_read(d->dev, abs, rec, alloc) != 0)) return -1;
	if (le16(rec + 4) < 0x30 || mst_unfix(rec, alloc) != 0) return -1;	/* NTFS 3.1 records only */
	if (le32(rec + 0x18) > alloc || le16(rec + 0x14) >= alloc) return -1;
	*size = alloc;
	return (long)le32(rec + 0x2C);
}

/* Offset of the first attribute of type t (unnamed, unless any_name), or 0. */
static uint32_t find_attr(const uint8_t *rec, uint32_t t, int any_name)
{
	uint32_t in_use = le32(rec + 0x18);
	for (uint32_t o = le16(rec + 0x14); o + 16 <= in_use;) {
		uint32_t type = le32(rec + o), len = le32(rec + o + 4);
		if (type == ATTR_END || len < 16 || o + len > in_use) return 0;
		if (type == t && (any_name || rec[o + 9] == 0)) return o;
		o += len;
	}
	return 0;
}

/* The LCN of the first run of a non-resident $DATA: the first mapping pair
 * (a header byte giving the sizes of a run length and a signed LCN). */
static int first_lcn(const uint8_t *rec, uint32_t size, uint64_t *lcn)
{
	uint32_t a = find_attr(rec, ATTR_DATA, 0);
	if (!a || !rec[a + 8]) return -1;
	uint32_t mp = a + le16(rec + a + 0x20);
	if (mp + 17 > size) return -1;
	unsigned L = rec[mp] & 15, O = rec[mp] >> 4;
	if (!L || !O || L > 8 || O > 8) return -1;
	uint64_t u = 0;
	for (unsigned i = O; i > 0; i--) u = u << 8 | rec[mp + L + i];
	if (rec[mp + L + O] & 0x80 && O < 8) u |= ~0ull << (8 * O);	/* sign-extend */
	int64_t v = (int64_t)u;
	if (v <= 0) return -1;
	*lcn = (uint64_t)v;
	return 0;
}

static int pow2(uint64_t v) { return v && !(v & (v - 1)); }

/* Is there a copy of records 0 and 1 at off? Fill ev if it explains itself. */
static int try_at(struct disk *d, struct part *p, uint64_t off, struct nt_evidence *ev)
{
	uint8_t r0[REC_MAX], r1[REC_MAX];
	uint32_t s0, s1;
	if (read_record(d, p, off, r0, &s0) != 0) return -1;
	if (read_record(d, p, off + s0, r1, &s1) != 1 || s1 != s0) return -1;
	uint64_t a, b;
	if (first_lcn(r0, s0, &a) != 0 || first_lcn(r1, s1, &b) != 0) return -1;
	uint64_t c = 0;
	int mirror = 0;
	if (off % a == 0 && pow2(off / a)) c = off / a;
	else if (off % b == 0 && pow2(off / b)) c = off / b, mirror = 1;
	if (c < d->ssz || c > (2u << 20)) return -1;
	memset(ev, 0, sizeof *ev);
	ev->found_at = off;
	ev->found_mirror = mirror;
	ev->rec_size = s0;
	ev->cluster_size = (uint32_t)c;
	ev->mft_lcn = a;
	ev->mirr_lcn = b;
	uint8_t r[REC_MAX];
	uint32_t s;
	ev->mft_ok = read_record(d, p, a * c, r, &s) == 0;
	ev->mirr_ok = read_record(d, p, b * c, r, &s) == 0;
	/* The root directory (record 5) names the index record size. */
	if (ev->mft_ok && read_record(d, p, a * c + 5 * (uint64_t)s0, r, &s) == 5) {
		uint32_t ir = find_attr(r, ATTR_INDEX_ROOT, 1);	/* named $I30 */
		if (ir && !r[ir + 8]) {
			uint32_t v = ir + le16(r + ir + 0x14);
			if (v + 12 <= s && pow2(le32(r + v + 8))) ev->index_size = le32(r + v + 8);
		}
	}
	return 0;
}

int nt_find_evidence(struct disk *d, struct part *p, struct nt_evidence *ev, char *why, size_t whylen)
{
	uint64_t plen = p->sectors * d->ssz;
	if (p->start * d->ssz >= d->size) {
		snprintf(why, whylen, "the partition starts beyond the end of the disk");
		return -1;
	}
	/* Candidates outside the head: Windows' $MFT and mkntfs's mirror. */
	for (uint64_t c = 512; c <= 65536; c <<= 1) {
		if (try_at(d, p, WIN_MFT_LCN * c, ev) == 0) return 0;
		if (try_at(d, p, plen / c / 2 * c, ev) == 0) return 0;
	}
	uint8_t *buf = xmalloc(CHUNK);
	uint64_t end = plen < HEAD_SCAN ? plen : HEAD_SCAN;
	for (uint64_t o = d->ssz; o < end; o += CHUNK) {	/* sector 0 is the lost boot sector */
		uint64_t n = end - o < CHUNK ? end - o : CHUNK;
		if (p->start * d->ssz + o + n > d->size || dev_read(d->dev, p->start * d->ssz + o, buf, n) != 0) break;
		for (uint64_t k = 0; k + 4 <= n; k += 512)
			if (!memcmp(buf + k, "FILE", 4) && try_at(d, p, o + k, ev) == 0) {
				free(buf);
				return 0;
			}
	}
	free(buf);
	snprintf(why, whylen, "no copy of $MFT's first records where mkntfs or Windows put them");
	return -1;
}
