/* The BIOS geometry implied by the MBR's CHS tuples. Pure.
 *
 * Two ideas, combined:
 *  1. sfdisk/libfdisk's guess: partitions used to end on a cylinder boundary,
 *     so an end tuple c/h/s has h = heads-1 and s = sectors; if every used
 *     entry's end agrees, that is the geometry.
 *  2. Every CHS tuple sits next to an LBA: (c*H + h)*S + s-1 = LBA. Modern
 *     tools align partitions to 1 MiB, not to cylinders, so idea 1 alone
 *     guesses nonsense (e.g. 22/16) for them, while the equations pin the
 *     geometry down. We try every H in 1..256 and S in 1..63 and keep the
 *     ones all tuples agree with. A tuple at cylinder 1023 may be clipped
 *     ("beyond CHS"), so it only bounds: its position must not exceed its LBA.
 * A unique solution of 2 wins; if several fit, idea 1's candidate decides;
 * if none fits, the tuples contradict each other and we give up. */
#include <stdio.h>
#include <string.h>
#include "geometry.h"

struct tuple { struct chs c; uint64_t lba; };

static int tuple_fits(const struct tuple *t, unsigned H, unsigned S)
{
	if (t->c.head >= H || t->c.sect > S)
		return 0;
	uint64_t pos = ((uint64_t)t->c.cyl * H + t->c.head) * S + t->c.sect - 1;
	return t->c.cyl >= 1023 ? pos <= t->lba : pos == t->lba;
}

static int all_fit(const struct tuple *t, int n, unsigned H, unsigned S)
{
	for (int i = 0; i < n; i++)
		if (!tuple_fits(&t[i], H, S))
			return 0;
	return 1;
}

int geom_from_mbr_chs(const struct mbr *m, struct geometry *g)
{
	struct tuple t[8];
	int n = 0, used = 0, cand_ok = 1;
	unsigned cand_h = 0, cand_s = 0;

	memset(g, 0, sizeof *g);
	for (int i = 0; i < 4; i++) {
		const struct mbr_entry *e = &m->e[i];
		if (!e->type || !e->sectors)
			continue;
		used++;
		/* Idea 1: every used entry's end must give the same head/sector. */
		const struct chs *end = &e->chs_last;
		if (!end->sect)
			cand_ok = 0;
		else if (!cand_s) {
			cand_h = end->head + 1;
			cand_s = end->sect;
		} else if (cand_h != end->head + 1 || cand_s != end->sect)
			cand_ok = 0;
		/* Idea 2's equations; sector 0 marks a tuple as not filled in. */
		if (e->chs_first.sect)
			t[n++] = (struct tuple){ e->chs_first, e->lba_first };
		if (end->sect)
			t[n++] = (struct tuple){ *end, (uint64_t)e->lba_first + e->sectors - 1 };
	}
	if (!cand_s)
		cand_ok = 0;
	if (!used || !n) {
		snprintf(g->note, sizeof g->note, "mbr-chs: %s",
			 used ? "no used MBR entry has CHS values" : "no used MBR entries");
		return -1;
	}

	unsigned sol_h = 0, sol_s = 0, nsol = 0;
	for (unsigned S = 1; S <= 63; S++)
		for (unsigned H = 1; H <= 256; H++)
			if (all_fit(t, n, H, S)) {
				if (!nsol++) {
					sol_h = H;
					sol_s = S;
				}
			}
	int cand_fits = cand_ok && all_fit(t, n, cand_h, cand_s);

	if (nsol == 1) {
		g->heads = sol_h;
		g->sectors = sol_s;
		snprintf(g->note, sizeof g->note,
			 "the only geometry matching the %d CHS/LBA pairs of %d MBR entries", n, used);
	} else if (nsol > 1 && cand_fits) {
		g->heads = cand_h;
		g->sectors = cand_s;
		snprintf(g->note, sizeof g->note,
			 "end CHS of %d MBR entries (ends on a cylinder boundary), consistent with their LBA fields",
			 used);
	} else if (nsol > 1) {
		snprintf(g->note, sizeof g->note,
			 "mbr-chs: the CHS values of %d MBR entries fit %u geometries; cannot choose", used, nsol);
		return -1;
	} else {
		snprintf(g->note, sizeof g->note,
			 "mbr-chs: the CHS values of %d MBR entries contradict their LBA fields under any geometry",
			 used);
		return -1;
	}
	g->source = GEOM_MBR_CHS;
	return 0;
}
