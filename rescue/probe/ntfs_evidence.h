/* When both NTFS boot sectors are lost, the volume's layout can still be read
 * off its $MFT: this finds a copy of MFT records 0 and 1 in the partition
 * and derives what a boot sector would say. */
#ifndef DM_NTFS_EVIDENCE_H
#define DM_NTFS_EVIDENCE_H
#include <stddef.h>
#include <stdint.h>
#include "disk.h"

struct nt_evidence {
	uint64_t found_at;	/* partition-relative offset of the copy found */
	int found_mirror;	/* it was $MFTMirr's copy, not $MFT's */
	uint32_t rec_size;	/* from the records' allocated size */
	uint32_t cluster_size;	/* found_at / the LCN the records give for that copy */
	uint64_t mft_lcn, mirr_lcn;	/* from $MFT's and $MFTMirr's $DATA runs */
	int mft_ok, mirr_ok;	/* a FILE record 0 sits at each LCN */
	uint32_t index_size;	/* root directory's index record size, 0 if unknown */
};

/* Does the partition's type say NTFS may live there (MBR 0x07/0x17/0x27,
 * GPT Microsoft basic data or Windows recovery)? Limits the search. */
int nt_part_type_fits(const struct part *p);

/* Look where mkntfs and Windows put $MFT and $MFTMirr: the first 64 MiB
 * (Windows' mirror at LCN 2, mkntfs's small volumes), LCN 0xC0000 (Windows'
 * $MFT) and the middle (mkntfs's mirror) for every cluster size. 0 with ev
 * filled, or -1 with why. Not a full scan: that would read the whole
 * partition on every scan of an unformatted one. */
int nt_find_evidence(struct disk *d, struct part *p, struct nt_evidence *ev, char *why, size_t whylen);
#endif
