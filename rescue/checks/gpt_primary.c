/* gpt-primary-header-damaged: the primary GPT (LBA 1 and its entry array) is
 * what firmware and operating systems read first. When it is bad but the
 * backup at the disk's end is good, the backup describes the same partitions
 * exactly and the primary can be rebuilt from it. */
#include "check.h"
#include "../fix/gpt_restore.h"
#include "../lib/util.h"

static void run(struct disk *d)
{
	struct gpt_side *p = &d->gpt[0], *b = &d->gpt[1];
	if (!(b->header_ok && b->entries_ok) || (p->header_ok && p->entries_ok)) return;
	struct finding *f = finding_new("gpt-primary-header-damaged", SEV_ERROR, -1,
					"the primary GPT %s; the backup at LBA %llu is intact",
					!p->present ? "header is missing" : !p->header_ok ? "header is corrupt"
									      : "partition entries are corrupt",
					(unsigned long long)b->lba);
	ev_str(f, "primary_header", "%s", !p->present ? "missing" : p->header_ok ? "ok" : "bad");
	ev_str(f, "primary_entries", "%s", p->entries_ok ? "ok" : "bad");
	ev_num(f, "backup_lba", b->lba);
	ev_num(f, "partitions", (uint64_t)d->nparts);
	struct gpt_header h = b->h;
	h.my_lba = 1;
	h.alternate_lba = b->lba;
	h.entries_lba = 2;
	if (h.entries_lba + gpt_entry_sectors(d, &h) > h.first_usable) {
		finding_detail(f, "  The backup's entry array would not fit before the first usable LBA.\n");
	} else {
		struct fix *x = fix_add(f, "gpt-primary-header-damaged/restore-from-backup", 1,
					"rebuild the primary GPT header and entries from the backup");
		gpt_plan_copy(x, d, &h, b->entries, b->entries_len, "primary");
	}
	disk_add_finding(d, f);
}

const struct check check_gpt_primary = {
	.name = "gpt-primary",
	.looks_at = "the primary GPT header (LBA 1) and its entries, with their CRCs",
	.codes = "gpt-primary-header-damaged",
	.run = run,
};
