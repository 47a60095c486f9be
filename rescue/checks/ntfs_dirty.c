/* ntfs-dirty: the volume's dirty flag ($Volume's $VOLUME_INFORMATION) is set.
 * Windows sets it when it wants chkdsk to run at the next boot, and after an
 * unclean-journal repair diskmedic sets it on purpose. It is reported as
 * information, never cleared silently: clearing it is offered only as a
 * non-safe fix, because it cancels the check Windows asked for. */
#include "check.h"
#include "../fix/rules.h"
#include "../ntfs/repair.h"
#include "../ntfs/state.h"

static void check_part(struct disk *d, struct part *p)
{
	struct nt_volinfo vi;
	char why[256];
	if (nt_read_volinfo(d, p, &vi, why, sizeof why) != 0 || !(vi.flags & NTFS_VOLUME_IS_DIRTY)) return;
	struct finding *f = finding_new("ntfs-dirty", SEV_INFO, p->index,
					"the NTFS dirty flag is set: Windows will check this volume (chkdsk) at its next boot");
	ev_str(f, "volume_flags", "0x%04x", vi.flags);
	ev_str(f, "ntfs_version", "%u.%u", vi.major, vi.minor);
	finding_detail(f, "  Best: let Windows run chkdsk; it clears the flag when the volume is consistent.\n");
	struct fix *x = fix_add(f, "ntfs-dirty/clear-flag", 1,
				"clear the dirty flag through libntfs-3g (cancels the chkdsk Windows asked for; no exact "
				"preview: the changed blocks are listed in the undo record)");
	x->rests = DISCARDS_OS_STATE;	/* rule (d): fix/rules.h */
	nt_repair_attach(x, d, p, NTFS_CLEAR_DIRTY);
	disk_add_finding(d, f);
}

const struct check check_ntfs_dirty = {
	.name = "ntfs-dirty",
	.looks_at = "the NTFS volume flags in $Volume, through libntfs-3g",
	.codes = "ntfs-dirty",
	.run_part = check_part,
};
