/* Building one GPT copy from the other, shared by the primary and backup checks. */
#ifndef DM_GPT_RESTORE_H
#define DM_GPT_RESTORE_H
#include "../probe/disk.h"
#include "plan.h"

/* Add to x the changes that write header h (my_lba/alternate/entries_lba
 * already set by the caller; CRCs recomputed here) and the entry array
 * `entries` at h->entries_lba. */
void gpt_plan_copy(struct fix *x, struct disk *d, struct gpt_header *h, const uint8_t *entries, size_t len,
		   const char *label);
uint64_t gpt_entry_sectors(const struct disk *d, const struct gpt_header *h);
#endif
