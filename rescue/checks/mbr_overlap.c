/* mbr-partition-overlap: two partitions share sectors; writing one corrupts
 * the other. Reported with both extents; which entry is wrong is a human
 * decision, so no fix is offered. */
#include "check.h"
#include "../lib/util.h"

static void run(struct disk *d)
{
	if (d->table != TABLE_MBR) return;
	int reported = 0;
	for (int i = 0; i < d->nparts && reported < 16; i++)
		for (int j = i + 1; j < d->nparts && reported < 16; j++) {
			struct part *a = &d->parts[i], *b = &d->parts[j];
			/* The extended container encloses its logicals by design. */
			if (a->is_extended || b->is_extended || !a->sectors || !b->sectors) continue;
			if (a->start >= b->start + b->sectors || b->start >= a->start + a->sectors) continue;
			struct finding *f = finding_new("mbr-partition-overlap", SEV_ERROR, b->index,
							"partitions %d (sectors %llu-%llu) and %d (sectors %llu-%llu) overlap",
							a->index, (unsigned long long)a->start,
							(unsigned long long)(a->start + a->sectors - 1), b->index,
							(unsigned long long)b->start,
							(unsigned long long)(b->start + b->sectors - 1));
			ev_num(f, "first_partition", a->index);
			ev_num(f, "first_start_lba", a->start);
			ev_num(f, "first_sectors", a->sectors);
			ev_num(f, "second_partition", b->index);
			ev_num(f, "second_start_lba", b->start);
			ev_num(f, "second_sectors", b->sectors);
			disk_add_finding(d, f);
			reported++;
		}
}

const struct check check_mbr_overlap = {
	.name = "mbr-overlap",
	.looks_at = "the extents of all MBR and logical partitions, pairwise",
	.codes = "mbr-partition-overlap",
	.run = run,
};
