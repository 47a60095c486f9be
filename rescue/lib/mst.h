/* Undo NTFS multi-sector protection ("fixups") on a record read raw, through
 * libntfs-3g's own ntfs_mst_post_read_fixup. Here, at the bottom, because the
 * probe's sector-size guess and the NTFS checks both decode records before
 * any volume exists for libntfs-3g to open; kept apart from the callers so
 * that they can decode fields with parse/le.h, whose names clash with
 * ntfs-3g's types. */
#ifndef DM_LIB_MST_H
#define DM_LIB_MST_H
#include <stdint.h>

/* 0 when the record's update sequence checks out and was undone in place;
 * -1 when it does not (a torn or damaged record; rec may be half undone). */
int mst_unfix(uint8_t *rec, uint32_t size);
#endif
