/* partition-encrypted: BitLocker, LUKS or another volume libblkid calls
 * crypto. diskmedic reads no further than the header libblkid looked at, and
 * never writes into it: whatever looks like damage inside is ciphertext. */
#include "check.h"
#include "../probe/content.h"

static void check_part(struct disk *d, struct part *p)
{
	const struct content *c = &p->content;
	if (!content_is_encrypted(c)) return;
	struct finding *f = finding_new("partition-encrypted", SEV_INFO, p->index,
					"the partition is encrypted (%s); it is examined no further and never written",
					c->type);
	ev_str(f, "content", "%s", c->type);
	if (c->version[0]) ev_str(f, "version", "%s", c->version);
	disk_add_finding(d, f);
}

const struct check check_partition_encrypted = {
	.name = "partition-encrypted",
	.looks_at = "libblkid's usage of each partition's content",
	.codes = "partition-encrypted",
	.run_part = check_part,
};
