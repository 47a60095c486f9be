/* The $UpCase repair plan: libntfs-3g's default table written over the
 * entries of the volume's table that differ, located through the runlist. */
#ifndef DM_NTFS_UPCASE_H
#define DM_NTFS_UPCASE_H
#include "../fix/plan.h"
#include "../probe/disk.h"

/* Propose the fix in f, or a line of detail saying why none is offered. */
void upcase_fix_plan(struct proposal *f, struct disk *d, struct part *p);
#endif
