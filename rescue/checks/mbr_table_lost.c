/* mbr-partition-table-lost: sector 0 (and any GPT) holds no usable table, or
 * one whose entries point at none of the filesystems on the disk, yet the
 * quick search finds volumes at the usual alignments. The fix writes the
 * table those volumes imply (search/rebuild.c). The search returns data; the
 * finding is made here (table_lost_finding, also for `diskmedic search`).
 * `diskmedic search --deep` looks at every sector when this cheap look finds
 * too little. */
#include "check.h"
#include "table_lost.h"
#include "../lib/util.h"
#include <stdio.h>

/* Positions the normal scan may probe: on a 2 TB disk with nothing found it
 * stops here instead of walking all 2 million MiB boundaries. */
#define SCAN_BUDGET 8192

struct finding *table_lost_finding(struct disk *d, struct search_result *r, const char *how)
{
	struct finding *f = finding_new("mbr-partition-table-lost", SEV_ERROR, -1,
					d->table == TABLE_NONE
						? "no usable partition table, but %d filesystem%s found on the disk"
						: "the partition entries point at no filesystem, but %d filesystem%s found elsewhere",
					r->nchosen, r->nchosen == 1 ? " was" : "s were");
	ev_str(f, "table", "%s", d->table == TABLE_NONE ? (d->mbr.is_protective ? "gpt-lost" : "none") : "mbr-wrong");
	ev_str(f, "search", "%s", how);
	ev_num(f, "volumes_found", (uint64_t)r->nchosen);
	int k = 0;
	for (int i = 0; i < r->nvols; i++) {
		const struct volume *v = &r->vols[i];
		if (!v->chosen) continue;
		char key[40];
		snprintf(key, sizeof key, "volume_%d", ++k);
		ev_str(f, key, "%s start %llu sectors %llu%s", fs_kind_name(v->fs), (unsigned long long)v->start,
		       (unsigned long long)v->sectors, v->primary_lba == UINT64_MAX ? " (found by its backup)" : "");
	}
	if (r->gpt.header_found) ev_num(f, "gpt_header_lba", r->gpt.header_lba);
	if (r->gpt.entries_match) ev_num(f, "gpt_entries_lba", r->gpt.entries_lba);
	struct proposal p = {0};
	search_plan(d, r, &p);
	finding_take(f, &p);
	return f;
}

static void run(struct disk *d)
{
	if (!search_may_be_lost(d)) return;
	struct search_result r = {0};
	search_quick(d, SCAN_BUDGET, &r);
	if (!search_table_lost(d, &r)) {
		search_result_free(&r);
		return;
	}
	struct finding *f = table_lost_finding(d, &r, "quick");
	if (r.budget_exhausted) ev_str(f, "note", "quick search stopped at its budget; try diskmedic search --deep");
	search_result_free(&r);
	disk_add_finding(d, f);
}

const struct check check_mbr_table_lost = {
	.name = "mbr-table-lost",
	.looks_at = "boot sectors, NTFS backups, ext superblocks and GPT remains at the usual partition alignments",
	.codes = "mbr-partition-table-lost",
	.run = run,
};
