/* See mirror.h. */
#include "mirror.h"
#include "../lib/mst.h"
#include "../lib/util.h"
#include "../parse/le.h"
#include "../parse/ntfs_bpb.h"
#include <stdlib.h>
#include <string.h>

#define MFT_REC_MIN 48	/* sizeof(MFT_RECORD) in NTFS 3.1: a record in use holds more */

const char *rec_state_str(enum rec_state s)
{
	switch (s) {
	case REC_OK: return "ok";
	case REC_NOT_FILE: return "no FILE signature";
	case REC_TORN: return "update sequence mismatch (torn write)";
	case REC_BAD_SIZE: return "bytes-in-use out of range";
	default: return "unreadable";
	}
}

const char *mft_record_name(int i)
{
	static const char *const names[] = {"$MFT", "$MFTMirr", "$LogFile", "$Volume", "$AttrDef", "root directory",
					    "$Bitmap", "$Boot", "$BadClus", "$Secure", "$UpCase", "$Extend"};
	return i >= 0 && i < 12 ? names[i] : "system record";
}

/* Judge one record copy and undo its fixups in fixed[]. */
static enum rec_state judge(const uint8_t *raw, uint8_t *fixed, uint32_t size)
{
	memcpy(fixed, raw, size);
	if (memcmp(raw, "FILE", 4) != 0) return REC_NOT_FILE;
	if (mst_unfix(fixed, size) != 0) return REC_TORN;
	uint32_t in_use = le32(fixed + 0x18);
	if (in_use <= MFT_REC_MIN || in_use > size) return REC_BAD_SIZE;
	return REC_OK;
}

int mirror_compare(struct disk *d, struct part *p, struct mirror_cmp *c)
{
	memset(c, 0, sizeof *c);
	if (!p->fs || strcmp(p->fs, "ntfs") != 0 || p->is_extended) return -1;
	uint8_t *sec = xcalloc(1, d->ssz);
	struct nt_bpb b;
	int ok = dev_read(d->dev, p->start * d->ssz, sec, d->ssz) == 0 && nt_bpb_parse(sec, d->ssz, &b) == NTFS_BPB_OK;
	free(sec);
	if (!ok) return -1;
	c->rec_size = b.mft_record_size;
	/* libntfs-3g's (and Windows') mirror size: 4 records, or one cluster. */
	c->nrec = b.cluster_size <= 4 * b.mft_record_size ? 4 : (int)(b.cluster_size / b.mft_record_size);
	if (c->nrec > MIRROR_MAX_RECORDS) c->nrec = MIRROR_MAX_RECORDS;
	c->mft_off = p->start * d->ssz + b.mft_lcn * b.cluster_size;
	c->mirr_off = p->start * d->ssz + b.mftmirr_lcn * b.cluster_size;
	size_t len = (size_t)c->nrec * c->rec_size;
	if (c->mft_off + len > d->size || c->mirr_off + len > d->size) return -1;
	c->mft_raw = xcalloc(1, len);
	c->mirr_raw = xcalloc(1, len);
	c->mft_fixed = xcalloc(1, len);
	c->mirr_fixed = xcalloc(1, len);
	int mft_read = dev_read(d->dev, c->mft_off, c->mft_raw, len) == 0;
	int mirr_read = dev_read(d->dev, c->mirr_off, c->mirr_raw, len) == 0;
	for (int i = 0; i < c->nrec; i++) {
		size_t o = (size_t)i * c->rec_size;
		c->mft[i] = mft_read ? judge(c->mft_raw + o, c->mft_fixed + o, c->rec_size) : REC_UNREADABLE;
		c->mirr[i] = mirr_read ? judge(c->mirr_raw + o, c->mirr_fixed + o, c->rec_size) : REC_UNREADABLE;
		if (c->mft[i] != REC_OK || c->mirr[i] != REC_OK) continue;
		uint32_t in_use = le32(c->mft_fixed + o + 0x18);
		for (uint32_t k = 0; k < in_use; k++)
			if (c->mft_fixed[o + k] != c->mirr_fixed[o + k]) {
				c->differs[i] = 1;
				c->diff_at[i] = k;
				break;
			}
	}
	return 0;
}

void mirror_free(struct mirror_cmp *c)
{
	free(c->mft_raw);
	free(c->mirr_raw);
	free(c->mft_fixed);
	free(c->mirr_fixed);
	memset(c, 0, sizeof *c);
}
