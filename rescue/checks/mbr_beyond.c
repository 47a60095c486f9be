/* mbr-partition-beyond-disk: a partition ends past the last sector, typical
 * of an image copied to a smaller disk or truncated. Linux refuses such a
 * partition and the filesystem's tail is simply missing. */
#include "check.h"
#include "../lib/util.h"

static void run(struct disk *d)
{
	if (d->table != TABLE_MBR) return;
	for (int i = 0; i < d->nparts; i++) {
		struct part *p = &d->parts[i];
		if (p->start + p->sectors <= d->nsec) continue;
		struct finding *f = finding_new("mbr-partition-beyond-disk", SEV_ERROR, p->index,
						"partition %d ends at sector %llu, but the disk has only %llu sectors",
						p->index, (unsigned long long)(p->start + p->sectors - 1),
						(unsigned long long)d->nsec);
		ev_num(f, "start_lba", p->start);
		ev_num(f, "sectors", p->sectors);
		ev_num(f, "end_lba", p->start + p->sectors - 1);
		ev_num(f, "disk_sectors", d->nsec);
		finding_detail(f, "  The disk (or image) is smaller than the partition table expects: it was\n"
				  "  truncated or copied to a smaller disk. Copy it to a disk of the original size.\n");
		disk_add_finding(d, f);
	}
}

const struct check check_mbr_beyond = {
	.name = "mbr-beyond",
	.looks_at = "the end of each MBR and logical partition, against the disk size",
	.codes = "mbr-partition-beyond-disk",
	.run = run,
};
