/* gpt-backup-header-damaged: the backup GPT must sit at the disk's last LBA.
 * It is missing or corrupt after a partial wipe, and misplaced after cloning
 * to a larger disk (the old end is now in the middle). The fix writes a
 * fresh backup at the real end and points the primary at it. */
#include "check.h"
#include "../fix/gpt_restore.h"
#include "../lib/util.h"
#include "../parse/le.h"
#include <string.h>

static void run(struct disk *d)
{
	struct gpt_side *p = &d->gpt[0], *b = &d->gpt[1];
	if (!(p->header_ok && p->entries_ok)) return;
	uint64_t last = d->nsec - 1;
	int misplaced = p->h.alternate_lba != last;
	int bad = !(b->header_ok && b->entries_ok) || memcmp(b->entries ? b->entries : (const uint8_t *)"", p->entries,
							       b->entries ? p->entries_len : 0) != 0;
	if (!misplaced && !bad) return;
	uint64_t n = gpt_entry_sectors(d, &p->h);
	struct finding *f = finding_new("gpt-backup-header-damaged", misplaced && !bad ? SEV_WARNING : SEV_ERROR, -1,
					misplaced ? "the backup GPT is at LBA %llu, not at the disk's last LBA %llu"
						  : "the backup GPT at LBA %llu is missing or corrupt (last LBA %llu)",
					(unsigned long long)(misplaced ? p->h.alternate_lba : b->lba),
					(unsigned long long)last);
	ev_num(f, "primary_alternate_lba", p->h.alternate_lba);
	ev_num(f, "disk_last_lba", last);
	ev_str(f, "backup_header", "%s", !b->present ? "missing" : b->header_ok ? "ok" : "bad");
	ev_str(f, "backup_entries", "%s", b->entries_ok ? "ok" : "bad");
	/* Every partition must end before the new backup's entry array. */
	uint64_t new_last_usable = last - n - 1;
	for (int i = 0; i < d->nparts; i++)
		if (d->parts[i].start + d->parts[i].sectors - 1 > new_last_usable) {
			finding_detail(f, "  Partition %d reaches past where the backup must go; the disk is too small.\n",
				       d->parts[i].index);
			disk_add_finding(d, f);
			return;
		}
	struct fix *x = fix_add(f, "gpt-backup-header-damaged/rewrite-backup", 1,
				"write the backup GPT at the disk's last LBA from the primary%s",
				misplaced ? " and point the primary at it" : "");
	struct gpt_header bh = p->h;
	bh.my_lba = last;
	bh.alternate_lba = 1;
	bh.entries_lba = last - n;
	if (misplaced) {
		/* The primary names its backup and the last usable LBA; after a
		 * clone to a larger disk both move to the new end. */
		struct gpt_header ph = p->h;
		ph.alternate_lba = last;
		if (new_last_usable > ph.last_usable) ph.last_usable = new_last_usable;
		bh.last_usable = ph.last_usable;
		gpt_plan_copy(x, d, &bh, p->entries, p->entries_len, "backup");
		gpt_plan_copy(x, d, &ph, p->entries, p->entries_len, "primary");
		/* The protective MBR's 0xEE entry covers the whole disk too. */
		if (d->mbr.is_protective && d->mbr.e[0].type == 0xEE && d->mbr.e[0].lba_first == 1) {
			uint8_t sz[4];
			put_le32(sz, last > 0xFFFFFFFFull ? 0xFFFFFFFFu : (uint32_t)last);
			if (memcmp(sz, d->sec0 + MBR_TABLE_OFF + 12, 4) != 0)
				fix_change(x, MBR_TABLE_OFF + 12, d->sec0 + MBR_TABLE_OFF + 12, sz, 4,
					   "protective MBR entry size");
		}
	} else {
		gpt_plan_copy(x, d, &bh, p->entries, p->entries_len, "backup");
	}
	disk_add_finding(d, f);
}

const struct check check_gpt_backup = {
	.name = "gpt-backup",
	.looks_at = "the backup GPT header and entries, and whether they sit at the disk's last LBA",
	.codes = "gpt-backup-header-damaged",
	.run = run,
};
