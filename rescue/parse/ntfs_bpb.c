/* NTFS boot sector (BPB + NTFS extended BPB) decoding and validation.
 * Pure: bytes in, struct out. All size arithmetic is done in 64 bits with
 * explicit bounds, because every field comes from a possibly hostile disk. */
#include <string.h>
#include "ntfs_bpb.h"
#include "le.h"

#define NTFS_MAX_CLUSTER (2u << 20)	/* 2 MiB: the largest cluster Windows formats */

static int is_pow2(uint64_t v) { return v && !(v & (v - 1)); }

/* Decode a "clusters per record" byte (MFT record at 0x40, index record at
 * 0x44). Positive: that many clusters. Negative n: the record is 2^-n bytes
 * (used when a record is smaller than a cluster). Returns 0 for anything
 * outside 256..65536 bytes or not a power of two; the shift is bounded
 * before it is done, so a byte like 0x80 (-128) cannot shift out of range. */
static uint32_t record_size(int8_t v, uint32_t cluster_size)
{
	uint64_t bytes;
	if (v > 0)
		bytes = (uint64_t)v * cluster_size;
	else if (v < 0 && -v >= 8 && -v <= 16)
		bytes = 1ull << -v;
	else
		return 0;
	if (bytes < 256 || bytes > 65536 || !is_pow2(bytes))
		return 0;
	return (uint32_t)bytes;
}

enum ntfs_bpb_verdict nt_bpb_parse(const uint8_t *sec, size_t len, struct nt_bpb *b)
{
	memset(b, 0, sizeof *b);
	if (!sec || len < 512)
		return NTFS_BPB_SHORT;

	b->bytes_per_sector = le16(sec + NTFS_BPS_OFF);
	b->sectors_per_cluster = sec[NTFS_SPC_OFF];
	b->media = sec[NTFS_MEDIA_OFF];
	b->sectors_per_track = le16(sec + BPB_SPT_OFF);
	b->heads = le16(sec + BPB_HEADS_OFF);
	b->hidden_sectors = le32(sec + BPB_HIDDEN_OFF);
	b->total_sectors = le64(sec + NTFS_TOTAL_OFF);
	b->mft_lcn = le64(sec + NTFS_MFT_OFF);
	b->mftmirr_lcn = le64(sec + NTFS_MFTMIRR_OFF);
	b->clusters_per_mft_record = (int8_t)sec[NTFS_CPMR_OFF];
	b->serial = le64(sec + NTFS_SERIAL_OFF);
	b->has_end_marker = sec[510] == 0x55 && sec[511] == 0xAA;

	if (memcmp(sec + NTFS_OEM_OFF, "NTFS    ", 8) != 0)
		return NTFS_BPB_NO_SIGNATURE;

	if (b->bytes_per_sector < 256 || b->bytes_per_sector > 4096 || !is_pow2(b->bytes_per_sector))
		return NTFS_BPB_BAD_GEOMETRY;

	/* Sectors per cluster: 1..128 as a plain count; 0xF4..0xFF, read as a
	 * signed byte -n, mean 2^n sectors (Windows 10 1709+ clusters of 128 KiB
	 * to 2 MiB; ntfs-3g and the kernel's ntfs3 read it the same way). */
	uint64_t spc;
	if (b->sectors_per_cluster <= 0x80)
		spc = b->sectors_per_cluster;
	else if (b->sectors_per_cluster >= 0xF4)
		spc = 1ull << -(int8_t)b->sectors_per_cluster;	/* shift 1..12 */
	else
		return NTFS_BPB_BAD_GEOMETRY;
	if (!is_pow2(spc))
		return NTFS_BPB_BAD_GEOMETRY;
	uint64_t csize = spc * b->bytes_per_sector;	/* <= 4096 * 4096 */
	if (csize > NTFS_MAX_CLUSTER)
		return NTFS_BPB_BAD_GEOMETRY;
	b->cluster_size = (uint32_t)csize;

	b->mft_record_size = record_size((int8_t)b->clusters_per_mft_record, b->cluster_size);
	b->index_record_size = record_size((int8_t)sec[NTFS_CPIR_OFF], b->cluster_size);

	/* Layout: the volume has sectors; both MFT copies start inside it; the
	 * record sizes decode. Comparing LCNs against total/spc avoids the
	 * overflow that lcn * spc could hit. */
	if (b->total_sectors == 0 || b->total_sectors > (uint64_t)INT64_MAX)
		return NTFS_BPB_BAD_LAYOUT;
	uint64_t clusters = b->total_sectors / spc;
	if (b->mft_lcn >= clusters || b->mftmirr_lcn >= clusters)
		return NTFS_BPB_BAD_LAYOUT;
	if (!b->mft_record_size || !b->index_record_size)
		return NTFS_BPB_BAD_LAYOUT;
	return NTFS_BPB_OK;
}

/* The encodings of record_size and of the cluster byte, backwards: a count
 * when it fits, else -log2 of the size as a signed byte. */
static uint8_t neg_log2(uint32_t v)
{
	int l = 0;
	while ((1u << l) < v) l++;
	return (uint8_t)(256 - l);
}

static uint8_t per_unit(uint32_t bytes, uint32_t unit)
{
	return bytes >= unit ? (uint8_t)(bytes / unit) : neg_log2(bytes);
}

void nt_bpb_compose(const struct nt_bpb *b, uint8_t *out)
{
	uint32_t spc = b->cluster_size / b->bytes_per_sector;
	out[0] = 0xEB, out[1] = 0x52, out[2] = 0x90;	/* jmp over the BPB, as every NTFS boot sector */
	memcpy(out + NTFS_OEM_OFF, "NTFS    ", 8);
	put_le16(out + NTFS_BPS_OFF, b->bytes_per_sector);
	out[NTFS_SPC_OFF] = spc <= 128 ? (uint8_t)spc : neg_log2(spc);	/* 2^-n sectors for huge clusters */
	out[NTFS_MEDIA_OFF] = b->media;
	put_le16(out + BPB_SPT_OFF, b->sectors_per_track);
	put_le16(out + BPB_HEADS_OFF, b->heads);
	put_le32(out + BPB_HIDDEN_OFF, b->hidden_sectors);
	out[NTFS_DRIVE_OFF] = 0x80;
	out[NTFS_EXTSIG_OFF] = 0x80;
	put_le64(out + NTFS_TOTAL_OFF, b->total_sectors);
	put_le64(out + NTFS_MFT_OFF, b->mft_lcn);
	put_le64(out + NTFS_MFTMIRR_OFF, b->mftmirr_lcn);
	out[NTFS_CPMR_OFF] = per_unit(b->mft_record_size, b->cluster_size);
	out[NTFS_CPIR_OFF] = per_unit(b->index_record_size, b->cluster_size);
	put_le64(out + NTFS_SERIAL_OFF, b->serial);
	out[510] = 0x55, out[511] = 0xAA;
}

const char *nt_bpb_verdict_str(enum ntfs_bpb_verdict v)
{
	switch (v) {
	case NTFS_BPB_OK: return "ok";
	case NTFS_BPB_NO_SIGNATURE: return "no NTFS signature";
	case NTFS_BPB_BAD_GEOMETRY: return "bad sector or cluster size";
	case NTFS_BPB_BAD_LAYOUT: return "bad volume layout";
	case NTFS_BPB_SHORT: return "shorter than 512 bytes";
	}
	return "unknown";
}
