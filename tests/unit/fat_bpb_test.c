/* FAT BPB: type by cluster count at Microsoft's exact boundaries, the
 * FAT32 and FAT12/16 extended fields (a sector as mkfs.fat writes it), and
 * malformed sectors. */
#include "check.h"
#include "parse/fat_bpb.h"
#include "parse/le.h"

/* The first 90 bytes of `mkfs.fat -F 32 -n MYLABEL -i 1a2b3c4d` on 300 MiB. */
static const uint8_t mkfs32[90] = {
	0xeb, 0x58, 0x90, 0x6d, 0x6b, 0x66, 0x73, 0x2e, 0x66, 0x61, 0x74, 0x00,
	0x02, 0x08, 0x20, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0xf8, 0x00, 0x00,
	0x3f, 0x00, 0x10, 0x00, 0x00, 0x00, 0x00, 0x00, 0xe8, 0x5f, 0x09, 0x00,
	0x58, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00,
	0x01, 0x00, 0x06, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x80, 0x00, 0x29, 0x4d, 0x3c, 0x2b, 0x1a, 0x4d,
	0x59, 0x4c, 0x41, 0x42, 0x45, 0x4c, 0x20, 0x20, 0x20, 0x20, 0x46, 0x41,
	0x54, 0x33, 0x32, 0x20, 0x20, 0x20,
};

/* A FAT12/16-layout sector: 512-byte sectors, 1 reserved, 2 FATs. */
static void mk16(uint8_t *s, uint8_t spc, uint16_t root, uint32_t total, uint16_t fatsz)
{
	memset(s, 0, 512);
	s[0] = 0xEB, s[1] = 0x3C, s[2] = 0x90;
	put_le16(s + 0x0B, 512);
	s[0x0D] = spc;
	put_le16(s + 0x0E, 1);
	s[0x10] = 2;
	put_le16(s + 0x11, root);
	if (total <= 0xFFFF)
		put_le16(s + 0x13, (uint16_t)total);
	else
		put_le32(s + 0x20, total);
	s[0x15] = 0xF8;
	put_le16(s + 0x16, fatsz);
	put_le16(s + 0x18, 63);
	put_le16(s + 0x1A, 255);
	put_le32(s + 0x1C, 2048);
	s[0x26] = 0x29;
	put_le32(s + 0x27, 0xCAFEF00D);
	memcpy(s + 0x2B, "DATA       ", 11);
	s[510] = 0x55, s[511] = 0xAA;
}

/* A FAT32-layout sector: 32 reserved, 2 FATs, root at cluster 2. */
static void mk32(uint8_t *s, uint8_t spc, uint32_t total, uint32_t fatsz)
{
	memset(s, 0, 512);
	memcpy(s, mkfs32, sizeof mkfs32);
	s[0x0D] = spc;
	put_le32(s + 0x20, total);
	put_le32(s + 0x24, fatsz);
	s[510] = 0x55, s[511] = 0xAA;
}

int main(void)
{
	uint8_t s[512];
	struct fat_bpb b;

	/* mkfs.fat's own FAT32 sector. */
	mk32(s, 8, 0x95FE8, 0x258);
	CHECK_EQ(fat_bpb_parse(s, sizeof s, &b), 0);
	CHECK_EQ(b.kind, FAT32);
	CHECK(b.fat32_layout);
	CHECK_EQ(b.bytes_per_sector, 512);
	CHECK_EQ(b.sectors_per_cluster, 8);
	CHECK_EQ(b.reserved_sectors, 32);
	CHECK_EQ(b.num_fats, 2);
	CHECK_EQ(b.root_entries, 0);
	CHECK_EQ(b.total_sectors, 614376);
	CHECK_EQ(b.sectors_per_fat, 600);
	CHECK_EQ(b.sectors_per_track, 63);
	CHECK_EQ(b.heads, 16);
	CHECK_EQ(b.hidden_sectors, 0);
	CHECK_EQ(b.root_cluster, 2);
	CHECK_EQ(b.fsinfo_sector, 1);
	CHECK_EQ(b.backup_boot_sector, FAT32_BACKUP_DEFAULT);
	CHECK_EQ(b.volume_id, 0x1A2B3C4D);
	CHECK_STR(b.label, "MYLABEL");
	CHECK_EQ(b.clusters, (614376 - 32 - 2 * 600) / 8);

	/* FAT12/16 fields at their own offsets. */
	mk16(s, 4, 512, 131072, 128);
	CHECK_EQ(fat_bpb_parse(s, sizeof s, &b), 0);
	CHECK_EQ(b.kind, FAT16);
	CHECK(!b.fat32_layout);
	CHECK_EQ(b.volume_id, 0xCAFEF00D);
	CHECK_STR(b.label, "DATA");
	CHECK_EQ(b.heads, 255);
	CHECK_EQ(b.hidden_sectors, 2048);
	CHECK_EQ(b.total_sectors, 131072);	/* from the 32-bit field */
	CHECK_EQ(b.root_cluster, 0);
	CHECK_EQ(b.backup_boot_sector, 0);
	s[0x26] = 0x28;				/* old signature: id, no label */
	fat_bpb_parse(s, sizeof s, &b);
	CHECK_EQ(b.volume_id, 0xCAFEF00D);
	CHECK_STR(b.label, "");
	s[0x26] = 0;				/* no extended BPB */
	fat_bpb_parse(s, sizeof s, &b);
	CHECK_EQ(b.volume_id, 0);

	/* Microsoft's boundaries: < 4085 FAT12, < 65525 FAT16, else FAT32.
	 * Meta area: 1 reserved + 2 FATs + 32 root sectors (512 entries). */
	mk16(s, 1, 512, 1 + 2 * 12 + 32 + 4084, 12);
	CHECK_EQ(fat_bpb_parse(s, sizeof s, &b), 0);
	CHECK_EQ(b.clusters, 4084);
	CHECK_EQ(b.kind, FAT12);
	mk16(s, 1, 512, 1 + 2 * 12 + 32 + 4085, 12);
	CHECK_EQ(fat_bpb_parse(s, sizeof s, &b), 0);
	CHECK_EQ(b.clusters, 4085);
	CHECK_EQ(b.kind, FAT16);
	mk16(s, 1, 512, 1 + 2 * 256 + 32 + 65524, 256);
	CHECK_EQ(fat_bpb_parse(s, sizeof s, &b), 0);
	CHECK_EQ(b.kind, FAT16);
	/* 65525 clusters need FAT32 fields, which a FAT16 layout lacks. */
	mk16(s, 1, 512, 1 + 2 * 256 + 32 + 65525, 256);
	CHECK_EQ(fat_bpb_parse(s, sizeof s, &b), -1);
	mk32(s, 1, 32 + 2 * 600 + 65525, 600);
	CHECK_EQ(fat_bpb_parse(s, sizeof s, &b), 0);
	CHECK_EQ(b.clusters, 65525);
	CHECK_EQ(b.kind, FAT32);
	/* A small FAT32-layout volume is kept, kind by count. */
	mk32(s, 1, 32 + 2 * 600 + 65524, 600);
	CHECK_EQ(fat_bpb_parse(s, sizeof s, &b), 0);
	CHECK_EQ(b.kind, FAT16);
	CHECK(b.fat32_layout);
	CHECK_EQ(b.root_cluster, 2);

	/* Jump byte. */
	mk32(s, 8, 0x95FE8, 0x258);
	s[0] = 0xE9;
	CHECK_EQ(fat_bpb_parse(s, sizeof s, &b), 0);
	s[0] = 0x00;
	CHECK_EQ(fat_bpb_parse(s, sizeof s, &b), -1);
	/* Sector size: zero, not a power of two, out of range. */
	uint16_t bad_bps[] = { 0, 256, 768, 8192, 0xFFFF };
	for (size_t i = 0; i < sizeof bad_bps / sizeof bad_bps[0]; i++) {
		mk32(s, 8, 0x95FE8, 0x258);
		put_le16(s + 0x0B, bad_bps[i]);
		CHECK_EQ(fat_bpb_parse(s, sizeof s, &b), -1);
	}
	mk32(s, 8, 0x95FE8, 0x258);
	put_le16(s + 0x0B, 4096);
	CHECK_EQ(fat_bpb_parse(s, sizeof s, &b), 0);
	/* Sectors per cluster: zero, three. */
	mk32(s, 0, 0x95FE8, 0x258);
	CHECK_EQ(fat_bpb_parse(s, sizeof s, &b), -1);
	mk32(s, 3, 0x95FE8, 0x258);
	CHECK_EQ(fat_bpb_parse(s, sizeof s, &b), -1);
	/* Reserved 0, FAT count 0 or 3, bad media. */
	mk32(s, 8, 0x95FE8, 0x258);
	put_le16(s + 0x0E, 0);
	CHECK_EQ(fat_bpb_parse(s, sizeof s, &b), -1);
	mk32(s, 8, 0x95FE8, 0x258);
	s[0x10] = 0;
	CHECK_EQ(fat_bpb_parse(s, sizeof s, &b), -1);
	s[0x10] = 3;
	CHECK_EQ(fat_bpb_parse(s, sizeof s, &b), -1);
	mk32(s, 8, 0x95FE8, 0x258);
	s[0x15] = 0x12;
	CHECK_EQ(fat_bpb_parse(s, sizeof s, &b), -1);
	/* Sizes: zero total, zero FAT, metadata bigger than the volume, huge FAT. */
	mk32(s, 8, 0, 0x258);
	CHECK_EQ(fat_bpb_parse(s, sizeof s, &b), -1);
	mk32(s, 8, 0x95FE8, 0);
	CHECK_EQ(fat_bpb_parse(s, sizeof s, &b), -1);
	mk32(s, 8, 1000, 0x258);
	CHECK_EQ(fat_bpb_parse(s, sizeof s, &b), -1);
	mk32(s, 8, 0xFFFFFFFF, 0xFFFFFFFF);	/* 2 * FAT > 32 bits: no overflow */
	CHECK_EQ(fat_bpb_parse(s, sizeof s, &b), -1);
	mk16(s, 1, 0xFFFF, 0xFFFFFFFF, 0xFFFF);
	CHECK_EQ(fat_bpb_parse(s, sizeof s, &b), -1);	/* huge FAT16 count */
	/* FAT32 specifics: root cluster below 2, root entries set, backup out of range. */
	mk32(s, 8, 0x95FE8, 0x258);
	put_le32(s + 0x2C, 1);
	CHECK_EQ(fat_bpb_parse(s, sizeof s, &b), -1);
	mk32(s, 8, 0x95FE8, 0x258);
	put_le16(s + 0x11, 512);
	CHECK_EQ(fat_bpb_parse(s, sizeof s, &b), -1);
	mk16(s, 4, 0, 131072, 128);		/* FAT16 layout without a root directory */
	CHECK_EQ(fat_bpb_parse(s, sizeof s, &b), -1);
	mk32(s, 8, 0x95FE8, 0x258);
	put_le16(s + 0x32, 0xFFFF);
	CHECK_EQ(fat_bpb_parse(s, sizeof s, &b), 0);
	CHECK_EQ(b.backup_boot_sector, 0);
	put_le16(s + 0x32, 32);			/* = reserved count: inside the FAT */
	fat_bpb_parse(s, sizeof s, &b);
	CHECK_EQ(b.backup_boot_sector, 0);
	/* A label with control bytes stays printable. */
	mk32(s, 8, 0x95FE8, 0x258);
	memcpy(s + 0x47, "A\x01\xff        ", 11);
	fat_bpb_parse(s, sizeof s, &b);
	CHECK_STR(b.label, "A??");

	/* Short, NULL, all 0xFF, all zero, an NTFS sector. */
	mk32(s, 8, 0x95FE8, 0x258);
	CHECK_EQ(fat_bpb_parse(s, 511, &b), -1);
	CHECK_EQ(fat_bpb_parse(NULL, 512, &b), -1);
	memset(s, 0xFF, sizeof s);
	CHECK_EQ(fat_bpb_parse(s, sizeof s, &b), -1);
	memset(s, 0, sizeof s);
	CHECK_EQ(fat_bpb_parse(s, sizeof s, &b), -1);
	memset(s, 0, sizeof s);
	memcpy(s, "\xEB\x52\x90NTFS    \x00\x02\x08", 14);
	s[0x15] = 0xF8;
	CHECK_EQ(fat_bpb_parse(s, sizeof s, &b), -1);
	return check_done("fat_bpb");
}
