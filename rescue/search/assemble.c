/* Pure: claims -> volumes. Copies of one volume (NTFS primary and backup,
 * FAT32 sector 0 and 6, ext superblocks of several groups) make the same
 * claim; agreeing copies are what separates a real volume from a stray
 * boot-sector image inside a file. */
#include "search.h"
#include "../lib/util.h"
#include <stdlib.h>
#include <string.h>

static int by_volume(const void *a, const void *b)
{
	const struct claim *x = a, *y = b;
	if (x->start != y->start) return x->start < y->start ? -1 : 1;
	if (x->sectors != y->sectors) return x->sectors < y->sectors ? -1 : 1;
	if (x->fs != y->fs) return x->fs < y->fs ? -1 : 1;
	if (x->seen_lba != y->seen_lba) return x->seen_lba < y->seen_lba ? -1 : 1;
	return (int)x->role - (int)y->role;
}

/* Strongest first; among equals the earlier, then the larger. */
static int by_strength(const void *a, const void *b)
{
	const struct volume *x = *(struct volume *const *)a, *y = *(struct volume *const *)b;
	if (x->score != y->score) return y->score - x->score;
	if (x->copies != y->copies) return y->copies - x->copies;
	if (x->start != y->start) return x->start < y->start ? -1 : 1;
	return x->sectors > y->sectors ? -1 : x->sectors < y->sectors;
}

static int by_start(const void *a, const void *b)
{
	const struct volume *x = a, *y = b;
	return x->start < y->start ? -1 : x->start > y->start;
}

static void score(struct volume *v, int primary, int backup, int content, int copies)
{
	int ext = fs_kind_is_ext(v->fs);
	if ((primary && backup) || (ext && copies >= 2)) v->score = 3;
	else if (content) v->score = 2;
	else v->score = 1;
}

void search_assemble(struct search_result *r, uint64_t nsec)
{
	struct claims *c = &r->c;
	free(r->vols);
	r->vols = NULL;
	r->nvols = r->nchosen = 0;
	if (!c->n) return;
	qsort(c->v, (size_t)c->n, sizeof *c->v, by_volume);
	r->vols = xcalloc((size_t)c->n, sizeof *r->vols);
	for (int i = 0; i < c->n;) {
		int j = i, primary = 0, backup = 0, content = 0, copies = 0;
		struct volume *v = &r->vols[r->nvols++];
		v->start = c->v[i].start;
		v->sectors = c->v[i].sectors;
		v->fs = c->v[i].fs;
		v->primary_lba = v->backup_lba = UINT64_MAX;
		for (; j < c->n && c->v[j].start == v->start && c->v[j].sectors == v->sectors && c->v[j].fs == v->fs; j++) {
			const struct claim *x = &c->v[j];
			int dup = j > i && c->v[j - 1].seen_lba == x->seen_lba && c->v[j - 1].role == x->role;
			if (dup) continue;
			if (x->role == ROLE_CONTENT) {
				content = 1;
				continue;
			}
			copies++;
			if (x->role == ROLE_PRIMARY) primary = 1, v->primary_lba = x->seen_lba;
			if (x->role == ROLE_BACKUP) {
				backup = 1;
				if (v->backup_lba == UINT64_MAX) v->backup_lba = x->seen_lba;
			}
			if (!v->serial) v->serial = x->serial;
			if (!v->label[0]) memcpy(v->label, x->label, sizeof v->label);
		}
		v->copies = copies;
		score(v, primary, backup, content, copies);
		i = j;
	}
	/* Choose greedily, strongest first, without overlaps. */
	struct volume **order = xmalloc((size_t)r->nvols * sizeof *order);
	for (int i = 0; i < r->nvols; i++) order[i] = &r->vols[i];
	qsort(order, (size_t)r->nvols, sizeof *order, by_strength);
	for (int i = 0; i < r->nvols; i++) {
		struct volume *v = order[i];
		if (v->score < 2 || v->start == 0 || v->start + v->sectors > nsec) continue;
		int clash = 0;
		for (int k = 0; k < i && !clash; k++) {
			const struct volume *w = order[k];
			clash = w->chosen && v->start < w->start + w->sectors && w->start < v->start + v->sectors;
		}
		if (!clash) v->chosen = 1, r->nchosen++;
	}
	free(order);
	qsort(r->vols, (size_t)r->nvols, sizeof *r->vols, by_start);
}
