/* Undo NTFS multi-sector protection ("fixups") on a record read raw, through
 * libntfs-3g's own ntfs_mst_post_read_fixup. Kept apart so that callers can
 * decode fields with parse/le.h, whose names clash with ntfs-3g's types. */
#ifndef DM_NTFS_FIXUP_H
#define DM_NTFS_FIXUP_H
#include <stdint.h>

/* 0 when the record's update sequence checks out and was undone in place;
 * -1 when it does not (a torn or damaged record). */
int ntfs_record_unfix(uint8_t *rec, uint32_t size);
#endif
