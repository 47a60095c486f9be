/* Shared view of a partition's volume boot record (NTFS or FAT): both boot
 * sectors, their decoded BPBs and the boot code, read once per scan. */
#ifndef DM_PROBE_VBR_H
#define DM_PROBE_VBR_H
#include "../parse/bootcode.h"
#include "../parse/fat_bpb.h"
#include "../parse/ntfs_bpb.h"
#include "disk.h"

struct vbr {
	struct part *p;
	int is_ntfs, is_fat;
	uint8_t *pri, *bak;	/* ssz bytes each; bak NULL if there is no backup location */
	uint64_t bak_lba;	/* absolute */
	int pri_ok, bak_ok;	/* parses as this filesystem's boot sector */
	struct nt_bpb npri, nbak;
	struct fat_bpb fpri, fbak;
	struct bootcode bc;
};

/* Read the VBR of p (within run_checks, the scan's first reading of it).
 * Returns 0 if p holds NTFS or FAT (even only by its backup), -1 otherwise;
 * the caller frees v with vbr_free. */
int vbr_read(struct disk *d, struct part *p, struct vbr *v);
void vbr_free(struct vbr *v);
/* Where an NTFS volume keeps its backup boot sector. */
uint64_t nt_backup_lba(const struct disk *d, const struct part *p, const struct nt_bpb *b);
#endif
