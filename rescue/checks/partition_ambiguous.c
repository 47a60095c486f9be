/* partition-content-ambiguous: libblkid finds two live signatures that
 * contradict each other ("ambivalent" in its words). Which one is the volume
 * cannot be told from the bytes, so no check examines the partition and no
 * fix, safe or not, writes to it (probe/probe.c detect_fs). */
#include "check.h"

static void check_part(struct disk *d, struct part *p)
{
	if (p->content.state != CONTENT_AMBIGUOUS) return;
	struct finding *f = finding_new("partition-content-ambiguous", SEV_WARNING, p->index,
					"the partition carries more than one live signature; diskmedic cannot tell "
					"which is the volume and will not write to it");
	ev_str(f, "libblkid", "%s", p->content.why);
	finding_detail(f, "  Look with 'wipefs --no-act' on the partition; remove the stale signature with\n"
			  "  'wipefs --offset' once you know which one is current.\n");
	disk_add_finding(d, f);
}

const struct check check_partition_ambiguous = {
	.name = "partition-ambiguous",
	.looks_at = "libblkid's verdict on each partition",
	.codes = "partition-content-ambiguous",
	.run_part = check_part,
};
