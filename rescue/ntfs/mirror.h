/* $MFT against $MFTMirr, compared from the boot sector's LCNs before any
 * mount: a mismatch makes even a read-only ntfs_mount fail with EIO, so the
 * library cannot be asked. The comparison is libntfs-3g's own rule (records
 * below the mirror size, fixups undone, bytes in use of the $MFT copy). */
#ifndef DM_NTFS_MIRROR_H
#define DM_NTFS_MIRROR_H
#include <stdint.h>
#include "../probe/disk.h"

#define MIRROR_MAX_RECORDS 16	/* FILE_first_user: no system record beyond */

enum rec_state { REC_OK, REC_NOT_FILE, REC_TORN, REC_BAD_SIZE, REC_UNREADABLE };

struct mirror_cmp {
	uint64_t mft_off, mirr_off;	/* absolute byte offsets on the disk */
	uint32_t rec_size;
	int nrec;			/* records the mirror holds */
	enum rec_state mft[MIRROR_MAX_RECORDS], mirr[MIRROR_MAX_RECORDS];
	int differs[MIRROR_MAX_RECORDS];	/* both OK but not equal */
	uint32_t diff_at[MIRROR_MAX_RECORDS];	/* first differing byte (fixups undone) */
	uint8_t *mft_raw, *mirr_raw;	/* nrec records each, as on the disk */
	uint8_t *mft_fixed, *mirr_fixed;	/* the same with fixups undone */
};

/* Read and compare. 0 when the boot sector gives a usable layout; -1 when
 * there is nothing to compare (not NTFS, boot sector unusable, out of range). */
int mirror_compare(struct disk *d, struct part *p, struct mirror_cmp *c);
void mirror_free(struct mirror_cmp *c);
const char *rec_state_str(enum rec_state s);
/* Records 0..3 have names; the rest are "record N". */
const char *mft_record_name(int i);
#endif
