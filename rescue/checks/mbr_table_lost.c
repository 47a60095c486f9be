/* mbr-partition-table-lost: sector 0 (and any GPT) holds no usable table, or
 * one whose entries point at none of the filesystems on the disk, yet the
 * quick search finds volumes at the usual alignments. The fix writes the
 * table those volumes imply (search/rebuild.c). `diskmedic search --deep`
 * looks at every sector when this cheap look finds too little. */
#include "check.h"
#include "../lib/util.h"
#include "../search/search.h"

/* Positions the normal scan may probe: on a 2 TB disk with nothing found it
 * stops here instead of walking all 2 million MiB boundaries. */
#define SCAN_BUDGET 8192

static void run(struct disk *d)
{
	if (!search_may_be_lost(d)) return;
	struct search_result r = {0};
	search_quick(d, SCAN_BUDGET, &r);
	if (!search_table_lost(d, &r)) {
		search_result_free(&r);
		return;
	}
	struct finding *f = search_finding(d, &r, "quick");
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
