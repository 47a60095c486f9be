/* NTFS BPB: the seed 000 boot sector (NT4 under VMware, heads 255), the
 * negative encodings (2^n sectors per cluster, 2^-n byte records) and
 * malformed sectors: short, zero sector size, bad shifts, MFT outside the
 * volume, all 0xFF. */
#include "check.h"
#include "parse/ntfs_bpb.h"
#include "parse/le.h"

/* The first 0x50 bytes of seed 000's migrated image's NTFS boot sector. */
static const uint8_t seed[0x50] = {
	0xeb, 0x5b, 0x90, 0x4e, 0x54, 0x46, 0x53, 0x20, 0x20, 0x20, 0x20, 0x00, 0x02, 0x01, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0xf8, 0x00, 0x00, 0x3f, 0x00, 0xff, 0x00, 0x3f, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x80, 0x00, 0x80, 0x00, 0x85, 0xfa, 0x3f, 0x00, 0x00, 0x00, 0x00, 0x00,
	0xe1, 0x63, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x42, 0xfd, 0x1f, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x02, 0x00, 0x00, 0x00, 0x08, 0x00, 0x00, 0x00, 0x67, 0x2f, 0x3a, 0xf4, 0x60, 0x3a, 0xf4, 0xea,
};

static void fresh(uint8_t *s)
{
	memset(s, 0, 512);
	memcpy(s, seed, sizeof seed);
	s[510] = 0x55, s[511] = 0xAA;
}

int main(void)
{
	uint8_t s[512];
	struct nt_bpb b;

	fresh(s);
	CHECK_EQ(nt_bpb_parse(s, sizeof s, &b), NTFS_BPB_OK);
	CHECK_EQ(b.bytes_per_sector, 512);
	CHECK_EQ(b.sectors_per_cluster, 1);
	CHECK_EQ(b.cluster_size, 512);
	CHECK_EQ(b.media, 0xF8);
	CHECK_EQ(b.sectors_per_track, 63);
	CHECK_EQ(b.heads, 255);
	CHECK_EQ(b.hidden_sectors, 63);
	CHECK_EQ(b.total_sectors, 0x3FFA85);
	CHECK_EQ(b.mft_lcn, 0x263E1);
	CHECK_EQ(b.mftmirr_lcn, 0x1FFD42);
	CHECK_EQ(b.clusters_per_mft_record, 2);
	CHECK_EQ(b.mft_record_size, 1024);	/* 2 clusters of 512 */
	CHECK_EQ(b.index_record_size, 4096);	/* 8 clusters */
	CHECK_EQ(b.serial, 0xEAF43A60F43A2F67ull);
	CHECK(b.has_end_marker);
	CHECK_STR(nt_bpb_verdict_str(NTFS_BPB_OK), "ok");
	CHECK_EQ(s[BPB_HEADS_OFF], 0xFF);	/* the byte seed 000 changed to 0x80 */

	/* Modern mkntfs: 4 KiB clusters, records as 2^-n bytes (0xF6 = -10 = 1 KiB). */
	s[0x0D] = 8;
	s[0x40] = 0xF6;
	s[0x44] = 1;
	put_le64(s + 0x30, 4);
	put_le64(s + 0x38, 2);
	CHECK_EQ(nt_bpb_parse(s, sizeof s, &b), NTFS_BPB_OK);
	CHECK_EQ(b.cluster_size, 4096);
	CHECK_EQ(b.clusters_per_mft_record, -10);
	CHECK_EQ(b.mft_record_size, 1024);
	CHECK_EQ(b.index_record_size, 4096);

	/* Windows 10 large clusters: 0xF4 = -12 -> 2^12 sectors = 2 MiB. */
	s[0x0D] = 0xF4;
	CHECK_EQ(nt_bpb_parse(s, sizeof s, &b), NTFS_BPB_BAD_LAYOUT);
	CHECK_EQ(b.cluster_size, 2u << 20);
	CHECK_EQ(b.index_record_size, 0);	/* 1 cluster of 2 MiB is no index record */
	s[0x44] = 0xF4;				/* 4 KiB as 2^-12 */
	CHECK_EQ(nt_bpb_parse(s, sizeof s, &b), NTFS_BPB_OK);
	CHECK_EQ(b.index_record_size, 4096);
	s[0x0D] = 0xFF;				/* -1: 2 sectors */
	CHECK_EQ(nt_bpb_parse(s, sizeof s, &b), NTFS_BPB_OK);
	CHECK_EQ(b.cluster_size, 1024);
	s[0x0D] = 0xF3;				/* -13: outside the defined range */
	CHECK_EQ(nt_bpb_parse(s, sizeof s, &b), NTFS_BPB_BAD_GEOMETRY);
	s[0x0D] = 0x81;
	CHECK_EQ(nt_bpb_parse(s, sizeof s, &b), NTFS_BPB_BAD_GEOMETRY);
	s[0x0D] = 3;				/* not a power of two */
	CHECK_EQ(nt_bpb_parse(s, sizeof s, &b), NTFS_BPB_BAD_GEOMETRY);
	s[0x0D] = 0;
	CHECK_EQ(nt_bpb_parse(s, sizeof s, &b), NTFS_BPB_BAD_GEOMETRY);
	s[0x0D] = 0x80;				/* 128 * 4096 would be 512 KiB: fine */
	put_le16(s + 0x0B, 4096);
	CHECK_EQ(nt_bpb_parse(s, sizeof s, &b), NTFS_BPB_OK);
	CHECK_EQ(b.cluster_size, 512u << 10);
	s[0x0D] = 0xF4;				/* 4096 sectors of 4 KiB = 16 MiB: too big */
	CHECK_EQ(nt_bpb_parse(s, sizeof s, &b), NTFS_BPB_BAD_GEOMETRY);

	/* Sector sizes: zero, not a power of two, out of range. */
	fresh(s);
	put_le16(s + 0x0B, 0);
	CHECK_EQ(nt_bpb_parse(s, sizeof s, &b), NTFS_BPB_BAD_GEOMETRY);
	CHECK_EQ(b.heads, 255);			/* filled as far as possible */
	put_le16(s + 0x0B, 768);
	CHECK_EQ(nt_bpb_parse(s, sizeof s, &b), NTFS_BPB_BAD_GEOMETRY);
	put_le16(s + 0x0B, 128);
	CHECK_EQ(nt_bpb_parse(s, sizeof s, &b), NTFS_BPB_BAD_GEOMETRY);
	put_le16(s + 0x0B, 8192);
	CHECK_EQ(nt_bpb_parse(s, sizeof s, &b), NTFS_BPB_BAD_GEOMETRY);
	put_le16(s + 0x0B, 256);
	CHECK_EQ(nt_bpb_parse(s, sizeof s, &b), NTFS_BPB_OK);

	/* Record sizes: negative shifts that would overflow, zero, too big. */
	fresh(s);
	s[0x40] = 0x80;				/* -128: 2^128 */
	CHECK_EQ(nt_bpb_parse(s, sizeof s, &b), NTFS_BPB_BAD_LAYOUT);
	CHECK_EQ(b.mft_record_size, 0);
	s[0x40] = 0xE0;				/* -32 */
	CHECK_EQ(nt_bpb_parse(s, sizeof s, &b), NTFS_BPB_BAD_LAYOUT);
	s[0x40] = 0xEF;				/* -17: 128 KiB > 64 KiB */
	CHECK_EQ(nt_bpb_parse(s, sizeof s, &b), NTFS_BPB_BAD_LAYOUT);
	s[0x40] = 0xF9;				/* -7: 128 bytes < 256 */
	CHECK_EQ(nt_bpb_parse(s, sizeof s, &b), NTFS_BPB_BAD_LAYOUT);
	s[0x40] = 0;
	CHECK_EQ(nt_bpb_parse(s, sizeof s, &b), NTFS_BPB_BAD_LAYOUT);
	s[0x40] = 0x7F;				/* 127 clusters: 63.5 KiB, not a power of two */
	CHECK_EQ(nt_bpb_parse(s, sizeof s, &b), NTFS_BPB_BAD_LAYOUT);
	s[0x40] = 2;
	s[0x44] = 0x90;
	CHECK_EQ(nt_bpb_parse(s, sizeof s, &b), NTFS_BPB_BAD_LAYOUT);

	/* Layout: zero size, MFT or MFTMirr beyond the volume, huge values. */
	fresh(s);
	put_le64(s + NTFS_TOTAL_OFF, 0);
	CHECK_EQ(nt_bpb_parse(s, sizeof s, &b), NTFS_BPB_BAD_LAYOUT);
	fresh(s);
	put_le64(s + 0x30, 0x3FFA85);		/* = total sectors = clusters: one past */
	CHECK_EQ(nt_bpb_parse(s, sizeof s, &b), NTFS_BPB_BAD_LAYOUT);
	fresh(s);
	put_le64(s + 0x38, 0xFFFFFFFFFFFFFFFFull);
	CHECK_EQ(nt_bpb_parse(s, sizeof s, &b), NTFS_BPB_BAD_LAYOUT);
	fresh(s);
	put_le64(s + NTFS_TOTAL_OFF, 0xFFFFFFFFFFFFFFFFull);	/* negative as sle64 */
	CHECK_EQ(nt_bpb_parse(s, sizeof s, &b), NTFS_BPB_BAD_LAYOUT);
	put_le64(s + NTFS_TOTAL_OFF, 0x7FFFFFFFFFFFFFFFull);
	put_le64(s + 0x30, 0x7FFFFFFFFFFFFFFEull);
	CHECK_EQ(nt_bpb_parse(s, sizeof s, &b), NTFS_BPB_OK);

	/* No signature, short, NULL, all 0xFF, all zero. */
	fresh(s);
	memcpy(s + 3, "MSDOS5.0", 8);
	CHECK_EQ(nt_bpb_parse(s, sizeof s, &b), NTFS_BPB_NO_SIGNATURE);
	fresh(s);
	CHECK_EQ(nt_bpb_parse(s, 511, &b), NTFS_BPB_SHORT);
	CHECK_EQ(nt_bpb_parse(s, 0, &b), NTFS_BPB_SHORT);
	CHECK_EQ(nt_bpb_parse(NULL, 512, &b), NTFS_BPB_SHORT);
	memset(s, 0xFF, sizeof s);
	CHECK_EQ(nt_bpb_parse(s, sizeof s, &b), NTFS_BPB_NO_SIGNATURE);
	memcpy(s + 3, "NTFS    ", 8);		/* 0xFFFF sector size */
	CHECK_EQ(nt_bpb_parse(s, sizeof s, &b), NTFS_BPB_BAD_GEOMETRY);
	memset(s, 0, sizeof s);
	CHECK_EQ(nt_bpb_parse(s, sizeof s, &b), NTFS_BPB_NO_SIGNATURE);
	CHECK(!b.has_end_marker);
	CHECK_STR(nt_bpb_verdict_str(NTFS_BPB_BAD_LAYOUT), "bad volume layout");

	/* compose is parse backwards: the seed's fields give the seed's bytes
	 * (but for its own jump, 0xEB 0x5B, where compose writes mkntfs's 0x52). */
	fresh(s);
	CHECK_EQ(nt_bpb_parse(s, sizeof s, &b), NTFS_BPB_OK);
	uint8_t c[512];
	memset(c, 0, sizeof c);
	nt_bpb_compose(&b, c);
	CHECK_EQ(c[1], 0x52);
	c[1] = s[1];
	CHECK(memcmp(c, s, sizeof seed) == 0);
	CHECK(c[510] == 0x55 && c[511] == 0xAA);
	/* 2 MiB clusters (0xF4: 2^12 sectors of 512) and records smaller than a
	 * cluster (0xF6: 2^10 bytes) survive the round trip. */
	struct nt_bpb big = b, back;
	big.cluster_size = 2u << 20;
	big.total_sectors = 1ull << 40;
	big.mft_lcn = 4, big.mftmirr_lcn = 8;
	memset(c, 0, sizeof c);
	nt_bpb_compose(&big, c);
	CHECK_EQ(c[NTFS_SPC_OFF], 0xF4);
	CHECK_EQ(c[NTFS_CPMR_OFF], 0xF6);
	CHECK_EQ(nt_bpb_parse(c, sizeof c, &back), NTFS_BPB_OK);
	CHECK_EQ(back.cluster_size, 2u << 20);
	CHECK_EQ(back.mft_record_size, 1024);
	CHECK_EQ(back.index_record_size, 4096);
	CHECK_EQ(back.total_sectors, 1ull << 40);
	return check_done("ntfs_bpb");
}
