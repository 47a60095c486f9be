/* FAT12/16/32 BPB: pure decoding. */
#ifndef DM_FAT_BPB_H
#define DM_FAT_BPB_H
#include <stddef.h>
#include <stdint.h>

#define FAT32_BACKUP_DEFAULT 6	/* usual backup boot sector location */

enum fat_kind { FAT_NONE = 0, FAT12, FAT16, FAT32 };

struct fat_bpb {
	enum fat_kind kind;	/* by cluster count, as Microsoft's spec defines it */
	uint16_t bytes_per_sector;
	uint8_t sectors_per_cluster;
	uint16_t reserved_sectors;
	uint8_t num_fats;
	uint16_t root_entries;
	uint32_t total_sectors;
	uint32_t sectors_per_fat;
	uint16_t sectors_per_track, heads;
	uint32_t hidden_sectors;
	uint32_t root_cluster;		/* FAT32 */
	uint16_t fsinfo_sector;		/* FAT32 */
	uint16_t backup_boot_sector;	/* FAT32, 0 if none */
	uint32_t volume_id;
	char label[12];
	uint32_t clusters;
	uint8_t media;
	int fat32_layout;	/* 16-bit FAT size is 0: FAT32 fields at 0x24.. (may disagree with kind) */
};

/* Returns 0 when the sector is a plausible FAT boot sector, -1 otherwise. */
int fat_bpb_parse(const uint8_t *sec, size_t len, struct fat_bpb *b);
#endif
