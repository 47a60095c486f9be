/* See rules.h. Checks never decide safety on these grounds themselves: they
 * say what a fix rests on (struct fix .rests, .code_reads), and run_checks,
 * once after all checks, asks this file about every fix. The writer
 * still fences foreign content (fix/fence.c): rule (a) keeps such a fix out
 * of autofix, the fence refuses it even under --only. */
#include "rules.h"
#include "plan.h"

int geometry_measured(const struct disk *d)
{
	return d->bios.source == GEOM_EDD || d->bios.source == GEOM_USER || d->bios.source == GEOM_QEMU;
}

int part_is_foreign(const struct part *p)
{
	const struct content *c = &p->content;
	if (p->is_extended || !p->sectors) return 0;
	return c->state == CONTENT_AMBIGUOUS || (c->state == CONTENT_FOUND && !content_is_ntfs_or_fat(c));
}

int rules_foreign_change(const struct disk *d, const struct fix *x)
{
	for (int k = 0; k < x->nchanges; k++) {
		const struct change *c = &x->changes[k];
		for (int i = 0; i < d->nparts; i++) {
			const struct part *p = &d->parts[i];
			uint64_t s = p->start * d->ssz, e = s + p->sectors * d->ssz;
			if (part_is_foreign(p) && c->offset < e && c->offset + c->len > s) return p->index;
		}
	}
	return -1;
}

int rules_safe(const struct disk *d, const struct fix *x)
{
	if (rules_foreign_change(d, x) >= 0) return 0;				/* (a) */
	if ((x->rests & RESTS_GEOMETRY) && !geometry_measured(d)) return 0;	/* (b) */
	if ((x->rests & RESTS_BOOT_CODE) && !x->code_reads) return 0;		/* (c) */
	if (x->rests & DISCARDS_OS_STATE) return 0;				/* (d) */
	return 1;
}
