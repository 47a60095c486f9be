/* NTFS boot sector (BPB + extended BPB): pure decoding. */
#ifndef DM_NTFS_BPB_H
#define DM_NTFS_BPB_H
#include <stddef.h>
#include <stdint.h>

/* The NTFS boot sector's fields, little-endian. */
#define NTFS_OEM_OFF 0x03	/* "NTFS    " */
#define NTFS_BPS_OFF 0x0B	/* bytes per sector, le16 */
#define NTFS_SPC_OFF 0x0D	/* sectors per cluster: 1..128, or 0xF4..0xFF for 2^-n */
#define NTFS_MEDIA_OFF 0x15	/* 0xF8: fixed disk */
#define BPB_SPT_OFF 0x18	/* sectors per track, le16 */
#define BPB_HEADS_OFF 0x1A	/* heads, le16 */
#define BPB_HIDDEN_OFF 0x1C	/* hidden sectors, le32 */
#define NTFS_DRIVE_OFF 0x24	/* BIOS drive number (0x80) */
#define NTFS_EXTSIG_OFF 0x26	/* extended BPB signature (0x80) */
#define NTFS_TOTAL_OFF 0x28	/* total sectors, le64 */
#define NTFS_MFT_OFF 0x30	/* $MFT's first cluster, le64 */
#define NTFS_MFTMIRR_OFF 0x38	/* $MFTMirr's first cluster, le64 */
#define NTFS_CPMR_OFF 0x40	/* clusters per MFT record, or -log2(bytes) */
#define NTFS_CPIR_OFF 0x44	/* clusters per index record, likewise */
#define NTFS_SERIAL_OFF 0x48	/* volume serial number, le64 */
#define NTFS_CODE_OFF 0x54	/* boot code, up to the 55 AA */
#define NTFS_CODE_END 0x1FE

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

/* The inverse of nt_bpb_parse, for a boot sector diskmedic rebuilds: the
 * jump, the OEM id, the fields of b (bytes_per_sector, cluster_size, media,
 * sectors_per_track, heads, hidden_sectors, total_sectors, mft_lcn,
 * mftmirr_lcn, mft_record_size, index_record_size, serial), drive 0x80, the
 * extended BPB signature and 55 AA, into out (b->bytes_per_sector bytes).
 * The boot code area is left as it is. Sizes must be powers of two. */
void nt_bpb_compose(const struct nt_bpb *b, uint8_t *out);
#endif
