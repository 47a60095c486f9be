/* Fence off, in a writer, the partitions whose content is not diskmedic's to
 * change (fix/fence.c). */
#ifndef DM_FENCE_H
#define DM_FENCE_H
#include "../probe/disk.h"
#include "writer.h"

void fence_foreign_content(struct writer *w, const struct disk *d);
#endif
