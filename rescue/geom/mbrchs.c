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
 * A unique solution of 2 wins; if several fit, idea 1's candidate decides.
 *  3. If none fits every tuple, one garbage tuple (say the active entry's
 *     start, poked by some tool) must not hide the geometry the others
 *     agree on: the geometry that a strict majority of the tuples fits, with
 *     at least two exact (unclipped) tuples among them, wins, if it is the
 *     only one fitting that many (or idea 1's candidate is among them), and
 *     if the tuples it leaves out do not agree on a geometry of their own
 *     (two or more exact ones fitting one other geometry: a second opinion,
 *     say a partition made by a tool with another geometry, not garbage).
 *     The out-voted tuples are then what mbr-chs-inconsistent reports.
 *     Without a clear winner (half against half, one entry's two tuples
 *     against each other, a coherent minority) we give up. */
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

static int count_fit(const struct tuple *t, int n, unsigned H, unsigned S)
{
	int k = 0;
	for (int i = 0; i < n; i++)
		k += tuple_fits(&t[i], H, S);
	return k;
}

/* Tuples that fit H/S exactly, not just as a cylinder-1023 bound: only
 * these pin a geometry down, so only these make a majority mean something. */
static int exact_fit(const struct tuple *t, int n, unsigned H, unsigned S)
{
	int k = 0;
	for (int i = 0; i < n; i++)
		k += t[i].c.cyl < 1023 && tuple_fits(&t[i], H, S);
	return k;
}

static int all_fit(const struct tuple *t, int n, unsigned H, unsigned S) { return count_fit(t, n, H, S) == n; }

/* For one S, how many tuples fit each H in 1..256 (k[H]): the same answer
 * as count_fit for every H, but each tuple is solved for H once instead of
 * being tried 256 times. Exact: (c*H + h)*S = LBA - (s-1) gives one H (or,
 * at cylinder 0, every H above h); a cylinder-1023 bound gives H up to a
 * limit. A scan calls this 63 times, where trying every pair cost more than
 * all the NTFS checks of a volume. */
static void count_fit_all_h(const struct tuple *t, int n, unsigned S, int k[258])
{
	int diff[258] = {0};
	for (int i = 0; i < n; i++) {
		const struct chs *c = &t[i].c;
		if (c->sect > S || t[i].lba + 1 < c->sect)
			continue;
		uint64_t r = t[i].lba - (c->sect - 1);	/* (cyl*H + head) * S */
		uint64_t lo = (uint64_t)c->head + 1, hi = 256;
		if (c->cyl < 1023) {
			if (r % S)
				continue;
			uint64_t q = r / S;	/* cyl*H + head */
			if (q < c->head)
				continue;
			if (c->cyl == 0) {
				if (q != c->head)
					continue;
			} else {
				if ((q - c->head) % c->cyl)
					continue;
				uint64_t h = (q - c->head) / c->cyl;
				if (h < lo || h > hi)
					continue;
				lo = hi = h;
			}
		} else {
			uint64_t q = r / S;	/* cyl*H + head <= q */
			if (q < c->head)
				continue;
			uint64_t h = (q - c->head) / c->cyl;
			if (h < hi)
				hi = h;
			if (hi < lo)
				continue;
		}
		diff[lo]++;
		diff[hi + 1]--;
	}
	int run = 0;
	for (unsigned H = 1; H <= 256; H++)
		k[H] = run += diff[H];
}

/* Do the tuples that H/S leaves out agree on another geometry, with at least
 * two exact ones? Then they are a second opinion rather than garbage. */
static int outliers_agree(const struct tuple *t, int n, unsigned H, unsigned S)
{
	struct tuple o[8];
	int k = 0;
	for (int i = 0; i < n; i++)
		if (!tuple_fits(&t[i], H, S))
			o[k++] = t[i];
	if (k < 2)
		return 0;
	for (unsigned s = 1; s <= 63; s++)
		for (unsigned h = 1; h <= 256; h++)
			if (all_fit(o, k, h, s) && exact_fit(o, k, h, s) >= 2)
				return 1;
	return 0;
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

	unsigned sol_h = 0, sol_s = 0, nsol = 0, best_h = 0, best_s = 0, nbest = 0;
	int best = 0;
	int fits[258];
	for (unsigned S = 1; S <= 63; S++) {
		count_fit_all_h(t, n, S, fits);
		for (unsigned H = 1; H <= 256; H++) {
			int k = fits[H];
			if (k == n && !nsol++) {
				sol_h = H;
				sol_s = S;
			}
			if (k > best) {
				best = k;
				best_h = H;
				best_s = S;
				nbest = 1;
			} else if (k == best) {
				nbest++;
			}
		}
	}
	int cand_fits = cand_ok && all_fit(t, n, cand_h, cand_s);
	if (!nsol && 2 * best > n) {
		/* Idea 3: a majority. Idea 1's candidate breaks a tie. */
		if (nbest > 1 && cand_ok && count_fit(t, n, cand_h, cand_s) == best) {
			best_h = cand_h;
			best_s = cand_s;
			nbest = 1;
		}
		int second_opinion = nbest == 1 && outliers_agree(t, n, best_h, best_s);
		if (nbest == 1 && exact_fit(t, n, best_h, best_s) >= 2 && !second_opinion) {
			g->heads = best_h;
			g->sectors = best_s;
			g->source = GEOM_MBR_CHS;
			snprintf(g->note, sizeof g->note,
				 "the geometry %d of the %d CHS/LBA pairs of %d MBR entries match; the other %d "
				 "disagree with it",
				 best, n, used, n - best);
			return 0;
		}
		if (second_opinion)
			snprintf(g->note, sizeof g->note,
				 "mbr-chs: %d of the %d CHS values of %d MBR entries agree on %u/%u, the other %d on "
				 "another geometry; cannot choose", best, n, used, best_h, best_s, n - best);
		else if (nbest > 1)
			snprintf(g->note, sizeof g->note,
				 "mbr-chs: %d of the %d CHS values of %d MBR entries agree, but on %u geometries; "
				 "cannot choose", best, n, used, nbest);
		else
			snprintf(g->note, sizeof g->note,
				 "mbr-chs: %d of the %d CHS values of %d MBR entries agree, but fewer than two of them "
				 "pin the geometry down (cylinder 1023 only bounds it)", best, n, used);
		return -1;
	}

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
			 "mbr-chs: the CHS values of %d MBR entries contradict their LBA fields under any geometry "
			 "(at most %d of %d agree on one)",
			 used, best, n);
		return -1;
	}
	g->source = GEOM_MBR_CHS;
	return 0;
}
