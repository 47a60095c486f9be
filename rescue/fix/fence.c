/* The writer's fences from the disk model: every partition whose live
 * content libblkid named as something other than NTFS or FAT (exFAT, ext4,
 * LUKS, BitLocker, md, ...), or where it found contradicting signatures. The
 * checks already leave those partitions alone; this is the second line, in
 * the one place every write passes, so that no plan, whatever check made it,
 * writes into content diskmedic did not identify as its own. */
#include "fence.h"
#include "rules.h"
#include <stdio.h>

void fence_foreign_content(struct writer *w, const struct disk *d)
{
	char why[128];
	writer_unfence(w);
	for (int i = 0; i < d->nparts; i++) {
		const struct part *p = &d->parts[i];
		const struct content *c = &p->content;
		if (!part_is_foreign(p)) continue;
		if (c->state == CONTENT_AMBIGUOUS)
			snprintf(why, sizeof why, "partition %d carries contradicting signatures", p->index);
		else
			snprintf(why, sizeof why, "partition %d holds %s%s", p->index, c->type,
				 content_is_encrypted(c) ? " (encrypted)" : "");
		writer_fence(w, p->start * d->ssz, p->sectors * d->ssz, why);
	}
}
