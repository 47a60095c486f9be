/* partition-stale-signature: the partition holds a live filesystem (libblkid
 * says which) and, beside it, the remnant of an earlier one, typically an NTFS
 * backup boot sector in the last sector that mkfs.exfat, mkfs.ext4 or
 * cryptsetup never overwrote. That is not damage: nothing is offered, and no
 * NTFS or FAT check looks at the remnant (probe/probe.c detect_fs). */
#include "check.h"

static void check_part(struct disk *d, struct part *p)
{
	const struct content *c = &p->content;
	if (c->state != CONTENT_FOUND || !c->stale[0]) return;
	struct finding *f = finding_new("partition-stale-signature", SEV_INFO, p->index,
					"the partition holds %s; an old %s signature beside it is a remnant of an "
					"earlier filesystem, not damage, and is left alone",
					c->type, c->stale);
	ev_str(f, "content", "%s", c->type);
	ev_str(f, "stale", "%s", c->stale);
	disk_add_finding(d, f);
}

const struct check check_partition_stale = {
	.name = "partition-stale",
	.looks_at = "what libblkid says a partition holds, and NTFS/FAT boot sectors beside it",
	.codes = "partition-stale-signature",
	.run_part = check_part,
};
