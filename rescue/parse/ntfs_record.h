/* NTFS multi-sector protection ("fixups") on an MFT or index record read
 * raw: pure, bytes in place, no I/O. The probe's sector-size guess and the
 * NTFS checks decode records before any volume exists for libntfs-3g to
 * open, so this lives below both. */
#ifndef DM_NTFS_RECORD_H
#define DM_NTFS_RECORD_H
#include <stdint.h>
/* 0 when the record's update sequence checks out and was undone in place;
 * -1 when it does not (a torn or damaged record; rec is left as it was). */
int ntfs_record_unfix(uint8_t *rec, uint32_t size);
#endif
