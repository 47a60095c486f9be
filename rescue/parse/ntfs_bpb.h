/* NTFS boot sector (BPB + extended BPB): pure decoding. */
#ifndef DM_NTFS_BPB_H
#define DM_NTFS_BPB_H
#include <stddef.h>
#include <stdint.h>

/* Offsets of the fields diskmedic may change. */
#define BPB_SPT_OFF 0x18	/* sectors per track, le16 */
#define BPB_HEADS_OFF 0x1A	/* heads, le16 */
#define BPB_HIDDEN_OFF 0x1C	/* hidden sectors, le32 */
#define NTFS_TOTAL_OFF 0x28	/* total sectors, le64 */

struct nt_bpb {
	uint16_t bytes_per_sector;
	uint8_t sectors_per_cluster;	/* raw byte; see cluster_size */
	uint32_t cluster_size;		/* bytes, decoded (handles the 2^-n encoding) */
	uint8_t media;
	uint16_t sectors_per_track, heads;
	uint32_t hidden_sectors;
	uint64_t total_sectors;		/* volume size minus one sector: the backup lives at this index */
	uint64_t mft_lcn, mftmirr_lcn;
	int32_t clusters_per_mft_record;	/* raw signed byte */
	uint32_t mft_record_size;	/* bytes, decoded */
	uint32_t index_record_size;
	uint64_t serial;
	int has_end_marker;		/* 55 AA at 510 */
};

enum ntfs_bpb_verdict {
	NTFS_BPB_OK = 0,
	NTFS_BPB_NO_SIGNATURE,	/* "NTFS    " OEM id missing */
	NTFS_BPB_BAD_GEOMETRY,	/* sector/cluster size not a power of two in range */
	NTFS_BPB_BAD_LAYOUT,	/* zero/overflowing sizes, MFT outside the volume, bad record size */
	NTFS_BPB_SHORT,		/* fewer than 512 bytes */
};

/* Decode and validate. The struct is filled as far as possible even on error. */
enum ntfs_bpb_verdict nt_bpb_parse(const uint8_t *sec, size_t len, struct nt_bpb *b);
const char *nt_bpb_verdict_str(enum ntfs_bpb_verdict v);
#endif
