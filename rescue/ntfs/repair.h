/* NTFS repairs that run inside libntfs-3g (struct fix's run hook): their
 * writes go through ntfs/device.c into the writer's journal, block by block,
 * so `diskmedic undo` restores them; there is no exact preview. The
 * orchestration is diskmedic's own: each repair refuses before its first
 * write when the volume is in a state it must not touch (hibernated Windows,
 * Fast Startup unless asked for), unlike ntfsfix, which writes first and
 * fails later. After the repair a read-only mount is tried and reported. */
#ifndef DM_NTFS_REPAIR_H
#define DM_NTFS_REPAIR_H
#include "../fix/plan.h"
#include "../probe/disk.h"

enum ntfs_repair {
	NTFS_RESET_JOURNAL,		/* unclean $LogFile: empty it, set the dirty flag */
	NTFS_DISCARD_FAST_STARTUP,	/* the same for a Fast Startup (2.0) restart area */
	NTFS_CLEAR_DIRTY,		/* clear the dirty flag (user's explicit choice) */
};

/* Turn x into a library-run repair of partition p of d. The disk model must
 * outlive the fix (fix.c frees both together). */
void nt_repair_attach(struct fix *x, struct disk *d, struct part *p, enum ntfs_repair what);
#endif
