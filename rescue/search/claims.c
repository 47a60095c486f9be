/* A bounded, growable list of claims: a disk full of boot-sector look-alikes
 * (backups of floppy images, VM disks inside a volume) must not exhaust memory. */
#include "search.h"
#include "../lib/util.h"
#include <stdlib.h>

void claims_init(struct claims *c, int max)
{
	c->v = NULL;
	c->n = c->cap = 0;
	c->max = max;
	c->dropped = 0;
}

void claims_add(struct claims *c, const struct claim *x)
{
	/* The same sector read twice (quick search windows overlap) counts once. */
	for (int i = c->n - 1; i >= 0 && i >= c->n - 4; i--)
		if (c->v[i].seen_lba == x->seen_lba && c->v[i].start == x->start && c->v[i].fs == x->fs &&
		    c->v[i].role == x->role)
			return;
	if (c->n >= c->max) {
		c->dropped++;
		return;
	}
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 64;
		if (c->cap > c->max) c->cap = c->max;
		c->v = xrealloc(c->v, (size_t)c->cap * sizeof *c->v);
	}
	c->v[c->n++] = *x;
}

void claims_free(struct claims *c)
{
	free(c->v);
	c->v = NULL;
	c->n = c->cap = 0;
}
