/* mbr-ebr-chain-broken (an addition to CONTRACT.md's codes): the chain of
 * extended boot records loops, leaves the extended partition, ends in an
 * unreadable EBR, or is longer than diskmedic follows. Linux and Windows stop
 * at different links, so which logical partitions exist becomes a matter of
 * which tool you ask. No fix: the intended chain is not knowable from a loop.
 * A chain that is merely longer than diskmedic follows is reported as info. */
#include "check.h"
#include "../lib/util.h"

static void run(struct disk *d)
{
	if (d->table != TABLE_MBR || !d->ebr_truncated) return;
	int logical = 0;
	for (int i = 0; i < d->nparts; i++) logical += d->parts[i].index >= 5;
	struct finding *f = finding_new("mbr-ebr-chain-broken", d->ebr_limit ? SEV_INFO : SEV_WARNING, -1,
					d->ebr_limit ? "the extended partition holds %s" : "the extended partition's EBR chain is broken: %s",
					d->ebr_note);
	ev_str(f, "reason", "%s", d->ebr_note);
	ev_num(f, "logical_partitions_followed", (uint64_t)logical);
	finding_detail(f, "  diskmedic examined the %d logical partition%s before the break. Check the\n"
			  "  layout with another tool before writing to any logical partition.\n",
		       logical, logical == 1 ? "" : "s");
	disk_add_finding(d, f);
}

const struct check check_mbr_ebr_chain = {
	.name = "mbr-ebr-chain",
	.looks_at = "the chain of extended boot records behind the extended partition",
	.codes = "mbr-ebr-chain-broken",
	.run = run,
};
