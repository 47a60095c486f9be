/* The disk's bytes around each change of a fix, read once by the fix layer
 * for the preview (report/text.c shows a change in its whole 16-byte lines
 * and never reads the disk itself). */
#ifndef DM_CONTEXT_H
#define DM_CONTEXT_H
#include "../io/dev.h"
#include "plan.h"

/* The preview window of a change: from the first changed byte, at most 64
 * bytes, widened to whole 16-byte lines and clipped to the disk. */
void change_window(const struct change *c, uint64_t disk_size, uint64_t *lo, uint64_t *hi, uint32_t *first,
		   uint32_t *show);
/* Fill each change's ctx from dev (left NULL where it cannot be read). */
void fix_read_context(struct dev *dev, struct fix *x);
#endif
