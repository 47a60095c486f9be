/* The memoised VBR reader (vbr.h): what the probe reads of a partition's
 * boot sectors, shared by the checks through lib/memo.c. */
#include "vbr.h"
#include "probe.h"
#include "../lib/memo.h"
#include "../lib/util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

uint64_t nt_backup_lba(const struct disk *d, const struct part *p, const struct nt_bpb *b)
{
	/* The backup sits at the sector after the volume's last one, which is
	 * normally the partition's last sector. */
	if (b && b->bytes_per_sector && b->total_sectors) {
		uint64_t bytes = b->total_sectors * b->bytes_per_sector;
		return p->start + bytes / d->ssz;
	}
	return p->start + p->sectors - 1;
}

static int vbr_load(struct disk *d, struct part *p, struct vbr *v)
{
	memset(v, 0, sizeof *v);
	v->p = p;
	if (!p->fs || p->sectors < 2) return -1;
	v->is_ntfs = strcmp(p->fs, "ntfs") == 0;
	v->is_fat = !v->is_ntfs;
	v->pri = xcalloc(1, d->ssz);
	probe_read_sectors(d, p->start, 1, v->pri);
	if (v->is_ntfs) {
		v->pri_ok = nt_bpb_parse(v->pri, d->ssz, &v->npri) == NTFS_BPB_OK;
		v->bak_lba = nt_backup_lba(d, p, v->pri_ok ? &v->npri : NULL);
		/* A volume claiming to extend past the partition (or disk) still
		 * may have its backup at the partition's last sector. */
		if (v->bak_lba >= d->nsec) v->bak_lba = p->start + p->sectors - 1;
	} else {
		v->pri_ok = fat_bpb_parse(v->pri, d->ssz, &v->fpri) == 0;
		if (v->pri_ok && !v->fpri.fat32_layout) goto code;	/* FAT12/16 layouts keep no backup */
		v->bak_lba = p->start + (v->pri_ok && v->fpri.backup_boot_sector ? v->fpri.backup_boot_sector
										   : FAT32_BACKUP_DEFAULT);
	}
	if (v->bak_lba < d->nsec) {
		v->bak = xcalloc(1, d->ssz);
		if (probe_read_sectors(d, v->bak_lba, 1, v->bak) == 0)
			v->bak_ok = v->is_ntfs ? nt_bpb_parse(v->bak, d->ssz, &v->nbak) == NTFS_BPB_OK
					       : fat_bpb_parse(v->bak, d->ssz, &v->fbak) == 0 && v->fbak.fat32_layout;
	}
code:;
	/* NTFS boot code continues in the following sectors ($Boot, 8 KiB). */
	size_t extra_len = v->is_ntfs ? 8192 - 512 : 0;
	uint8_t *extra = NULL;
	if (extra_len && p->sectors * d->ssz > 8192) {
		extra = xcalloc(1, 8192);
		if (dev_read(d->dev, p->start * d->ssz, extra, 8192) != 0) extra_len = 0;
	}
	const uint8_t *code = v->pri_ok || !v->bak_ok ? v->pri : v->bak;
	bootcode_identify(code, d->ssz, extra ? extra + 512 : NULL, extra ? extra_len : 0, &v->bc);
	free(extra);
	return 0;
}

static uint8_t *dup_sector(const uint8_t *s, uint32_t ssz)
{
	return s ? memcpy(xmalloc(ssz), s, ssz) : NULL;
}

static void vbr_copy(struct vbr *dst, const struct vbr *src, uint32_t ssz)
{
	*dst = *src;
	dst->pri = dup_sector(src->pri, ssz);
	dst->bak = dup_sector(src->bak, ssz);
}

static void vbr_drop(void *m)
{
	vbr_free(m);
	free(m);
}

/* Five checks read each VBR, and identifying its boot code searches 8 KiB
 * of $Boot: within a scan the first reading is kept and the others get a
 * copy (theirs to free). */
int vbr_read(struct disk *d, struct part *p, struct vbr *v)
{
	const struct vbr *m = memo_find(p, "vbr");
	if (m) {
		vbr_copy(v, m, d->ssz);
		return 0;
	}
	if (vbr_load(d, p, v) != 0) return -1;
	struct vbr *keep = xmalloc(sizeof *keep);
	vbr_copy(keep, v, d->ssz);
	if (!memo_keep(p, "vbr", keep, vbr_drop)) vbr_drop(keep);
	return 0;
}

void vbr_free(struct vbr *v)
{
	free(v->pri);
	free(v->bak);
	v->pri = v->bak = NULL;
}
