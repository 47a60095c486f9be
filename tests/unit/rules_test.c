/* The evidence rules (fix/rules.c): one fix proposed as safe, judged under
 * each rule alone, so that every rule is seen to turn it unsafe and nothing
 * else does. */
#include "check.h"
#include "fix/plan.h"
#include "fix/rules.h"
#include "lib/util.h"
#include <stdlib.h>

static uint8_t a[4], b[4] = {1, 2, 3, 4};

/* A disk with an NTFS partition 1 and an exFAT partition 2, and one fix
 * proposed as safe, changing 4 bytes at off. */
static struct disk *disk_with_fix(struct proposal *pr, uint64_t off, unsigned rests, int code_reads,
				  enum geom_source src)
{
	struct disk *d = xcalloc(1, sizeof *d);
	d->ssz = 512;
	d->bios.source = src;
	const char *types[] = {"ntfs", "exfat"};
	for (int i = 0; i < 2; i++) {
		struct part *p = &d->parts[d->nparts++];
		p->index = i + 1;
		p->start = 2048 + (uint64_t)i * 4096;
		p->sectors = 4096;
		p->content.state = CONTENT_FOUND;
		snprintf(p->content.type, sizeof p->content.type, "%s", types[i]);
		snprintf(p->content.usage, sizeof p->content.usage, "filesystem");
	}
	struct fix *x = proposal_fix(pr, "test/fix", 1, "test");
	fix_change(x, off, a, b, 4, "test bytes");
	x->rests = rests;
	x->code_reads = code_reads;
	return d;
}

static int judged(uint64_t off, unsigned rests, int code_reads, enum geom_source src)
{
	struct proposal pr = {0};
	struct disk *d = disk_with_fix(&pr, off, rests, code_reads, src);
	int safe = pr.fixes[0].safe && rules_safe(d, &pr.fixes[0]);
	proposal_free(&pr);
	free(d);
	return safe;
}

int main(void)
{
	uint64_t ntfs = 2048 * 512 + 0x18, exfat = 6144 * 512 + 0x18;
	CHECK_EQ(judged(ntfs, 0, 0, GEOM_NONE), 1);		/* rests on nothing: stays safe */
	CHECK_EQ(judged(446, 0, 0, GEOM_NONE), 1);		/* outside every partition */
	CHECK_EQ(judged(exfat, 0, 0, GEOM_NONE), 0);		/* (a) foreign content */
	CHECK_EQ(judged(6144 * 512 - 2, 0, 0, GEOM_NONE), 0);	/* (a) straddling into it */
	CHECK_EQ(judged(ntfs, RESTS_GEOMETRY, 0, GEOM_MBR_CHS), 0);	/* (b) a guess */
	CHECK_EQ(judged(ntfs, RESTS_GEOMETRY, 0, GEOM_EDD), 1);
	CHECK_EQ(judged(ntfs, RESTS_GEOMETRY, 0, GEOM_USER), 1);
	CHECK_EQ(judged(ntfs, RESTS_GEOMETRY, 0, GEOM_QEMU), 1);
	CHECK_EQ(judged(ntfs, RESTS_BOOT_CODE, 0, GEOM_EDD), 0);	/* (c) code not known to read it */
	CHECK_EQ(judged(ntfs, RESTS_BOOT_CODE, 1, GEOM_EDD), 1);
	CHECK_EQ(judged(ntfs, RESTS_GEOMETRY | RESTS_BOOT_CODE, 1, GEOM_MBR_CHS), 0);
	CHECK_EQ(judged(ntfs, DISCARDS_OS_STATE, 1, GEOM_EDD), 0);	/* (d) */
	return check_done("rules");
}
