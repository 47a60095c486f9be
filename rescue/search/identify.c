/* libblkid in the lost-table search. The sector scan recognises NTFS, FAT
 * and ext by their boot sectors and superblocks, backups included, which
 * is what lets it find a volume whose first sector is gone. It cannot tell
 * whether such a remnant is still the live content: mkfs.exfat or
 * cryptsetup over an old NTFS leaves its backup boot sector at the end. And
 * it knows nothing of XFS, btrfs, exFAT, swap or LUKS. So:
 *  - search_identify asks libblkid what each chosen volume's extent holds
 *    now, and rebuilds the table for that (or leaves the volume out when
 *    libblkid sees two contradicting signatures, or content that has no
 *    partition type in kinds.c);
 *  - search_blkid_next asks libblkid at the places where the next partition
 *    would start (right after a found volume, on the next MiB or cylinder
 *    boundary, and at LBA 63 and 2048), and claims what it names with a size. */
#include "search.h"
#include "../probe/content.h"
#include "../probe/probe.h"
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define CYL 16065u		/* 255 x 63: the DOS-era cylinder */
#define MAX_PROBES 256		/* libblkid probes per search: bounded on hostile disks */

static int fat(int k) { return k == FSK_FAT12 || k == FSK_FAT16 || k == FSK_FAT32; }

static void identify(struct disk *d, uint64_t lba, uint64_t n, struct content *c)
{
	probe_identify(d, lba * d->ssz, n * d->ssz, c);
}

__attribute__((format(printf, 3, 4))) static void refuse(struct search_result *r, struct volume *v,
							  const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(v->refused, sizeof v->refused, fmt, ap);
	va_end(ap);
	v->chosen = 0;
	r->nchosen--;
}

void search_identify(struct disk *d, struct search_result *r)
{
	for (int i = 0; i < r->nvols; i++) {
		struct volume *v = &r->vols[i];
		if (!v->chosen) continue;
		struct content c;
		identify(d, v->start, v->sectors, &c);
		if (c.state == CONTENT_AMBIGUOUS) {
			refuse(r, v, "libblkid finds two live signatures there");
			continue;
		}
		/* Nothing live: a volume whose first sector is damaged, which
		 * is what the claims (a backup copy, its content) found. */
		if (c.state != CONTENT_FOUND) continue;
		snprintf(v->content, sizeof v->content, "%s", c.type);
		int k = fs_kind_of_blkid(c.type, c.version);
		if (k == v->fs || (fat(k) && fat(v->fs))) continue;
		if (k == FSK_NONE) {
			refuse(r, v, "it now holds %s, which has no partition type here", c.type);
			continue;
		}
		/* The live content must fit the extent the remnant gave. */
		if (c.size_bytes > v->sectors * d->ssz) {
			refuse(r, v, "it now holds %s, larger than the old volume", c.type);
			continue;
		}
		if (!(fs_kind_is_ext(k) && fs_kind_is_ext(v->fs)))
			snprintf(v->stale, sizeof v->stale, "%s", fs_kind_name(v->fs));
		v->fs = (uint8_t)k;
	}
	/* Unused claims under a volume libblkid named are remnants of what
	 * was there before; the report says so rather than "unconfirmed". */
	for (int i = 0; i < r->nvols; i++) {
		struct volume *v = &r->vols[i];
		for (int k = 0; k < r->nvols && !v->chosen && !v->refused[0]; k++) {
			const struct volume *c = &r->vols[k];
			if (c->chosen && c->content[0] && c->fs != v->fs && v->start < c->start + c->sectors &&
			    c->start < v->start + v->sectors)
				snprintf(v->refused, sizeof v->refused, "a remnant: libblkid finds %s live there",
					 c->content);
		}
	}
}

static int seen(const uint64_t *probed, int n, uint64_t p)
{
	for (int i = 0; i < n; i++)
		if (probed[i] == p) return 1;
	return 0;
}

/* A chosen volume starts at p or covers it: nothing new there. An
 * unconfirmed claim does not count: an old NTFS backup boot sector names
 * the start of the exFAT that replaced it. */
static int taken(const struct search_result *r, uint64_t p)
{
	for (int i = 0; i < r->nvols; i++) {
		const struct volume *v = &r->vols[i];
		if (v->chosen && p >= v->start && p < v->start + v->sectors) return 1;
	}
	return 0;
}

static uint64_t up(uint64_t p, uint64_t m, uint64_t plus)
{
	if (p <= plus) return plus;
	return ((p - plus + m - 1) / m) * m + plus;
}

/* One probe at p; 1 when it added a claim. */
static int probe_at(struct disk *d, struct search_result *r, uint64_t p)
{
	struct content c;
	identify(d, p, d->nsec - p, &c);
	if (c.state != CONTENT_FOUND) return 0;
	int k = fs_kind_of_blkid(c.type, c.version);
	/* NTFS, FAT and ext at p would have been claimed by the sector scan
	 * already, from their boot sector or superblock. */
	if (k <= FSK_EXT4 || !c.size_bytes) return 0;
	uint64_t n = (c.size_bytes + d->ssz - 1) / d->ssz;
	if (n > d->nsec - p) return 0;
	struct claim x = {.start = p, .sectors = n, .seen_lba = p, .fs = (uint8_t)k, .role = ROLE_PRIMARY};
	snprintf(x.label, sizeof x.label, "%.16s", c.label);
	claims_add(&r->c, &x);
	x.role = ROLE_CONTENT;	/* libblkid checked its superblock: content, not just a magic */
	claims_add(&r->c, &x);
	return 1;
}

void search_blkid_next(struct disk *d, struct search_result *r)
{
	uint64_t probed[MAX_PROBES];
	int np = 0, added = 1;
	uint64_t mib = (1u << 20) / d->ssz;
	while (added && np < MAX_PROBES) {
		added = 0;
		uint64_t cand[2 + 4 * 64];
		int nc = 0;
		cand[nc++] = 63;
		cand[nc++] = 2048;
		for (int i = 0; i < r->nvols && nc + 4 <= (int)(sizeof cand / sizeof *cand); i++) {
			const struct volume *v = &r->vols[i];
			if (!v->chosen) continue;
			uint64_t e = v->start + v->sectors;
			cand[nc++] = e;
			cand[nc++] = up(e, mib, 0);
			cand[nc++] = up(e, CYL, 0);
			cand[nc++] = up(e, CYL, 63);
		}
		for (int i = 0; i < nc && np < MAX_PROBES; i++) {
			uint64_t p = cand[i];
			if (p == 0 || p >= d->nsec || seen(probed, np, p) || taken(r, p)) continue;
			probed[np++] = p;
			added += probe_at(d, r, p);
		}
		if (added) search_assemble(r, d->nsec);
	}
}
