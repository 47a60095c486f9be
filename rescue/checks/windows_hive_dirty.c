/* windows-hive-dirty: the SYSTEM hive's base block sequence numbers differ
 * (offsets 4 and 8), so its newest changes sit only in SYSTEM.LOG1/LOG2.
 * libhivex neither replays those logs nor keeps them: a hive written through
 * it would lose them. No registry fix is offered while it is so; starting
 * Windows once (or a clean shutdown) folds the logs in. */
#include "check.h"
#include "../windows/windows.h"

static void check_part(struct disk *d, struct part *p)
{
	const struct win_install *w = windows_get(d, p);
	if (!w || !w->found || !w->len || !w->dirty) return;
	struct finding *f = finding_new("windows-hive-dirty", SEV_WARNING, p->index,
					"the SYSTEM hive of Windows on partition %d holds changes only in its transaction logs",
					p->index);
	ev_str(f, "hive", "%s", w->path);
	ev_num(f, "sequence_1", w->seq1);
	ev_num(f, "sequence_2", w->seq2);
	ev_str(f, "logs", "%s%s%s", w->log1 ? "SYSTEM.LOG1" : "", w->log1 && w->log2 ? " " : "",
	       w->log2 ? "SYSTEM.LOG2" : w->log1 ? "" : "none found");
	finding_detail(f, "  The two sequence numbers of the base block differ: Windows was stopped before it\n"
			  "  wrote its logged changes into the hive. diskmedic makes no registry change\n"
			  "  while it is so (libhivex does not replay the logs, and would drop them). Start\n"
			  "  this Windows once and shut it down fully, then scan again.\n");
	disk_add_finding(d, f);
}

const struct check check_windows_hive_dirty = {
	.name = "windows-hive-dirty",
	.looks_at = "the SYSTEM hive's base block, through libntfs-3g",
	.codes = "windows-hive-dirty",
	.run_part = check_part,
};
