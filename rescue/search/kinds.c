/* The kinds of volume the search can find, in one table: the name it
 * reports, libblkid's TYPE for it, and the partition type a rebuilt table
 * gives it. Kinds without an entry here are never put into a table: a
 * partition type chosen for content we cannot name would be a guess. */
#include "search.h"
#include <string.h>

struct kind {
	const char *name;	/* what the report says */
	const char *blkid;	/* libblkid's TYPE */
	const char *version;	/* libblkid's VERSION, where it tells kinds apart (vfat) */
	uint8_t mbr;		/* MBR partition type */
	uint8_t linux_gpt;	/* GPT: Linux filesystem data rather than basic data */
};

static const struct kind kinds[FSK_MAX] = {
	[FSK_NONE] = {"none", NULL, NULL, 0, 0},
	[FSK_NTFS] = {"ntfs", "ntfs", NULL, 0x07, 0},
	[FSK_FAT12] = {"fat12", "vfat", "FAT12", 0x01, 0},
	[FSK_FAT16] = {"fat16", "vfat", "FAT16", 0x06, 0},
	[FSK_FAT32] = {"fat32", "vfat", "FAT32", 0x0C, 0},
	[FSK_EXT2] = {"ext2", "ext2", NULL, 0x83, 1},
	[FSK_EXT3] = {"ext3", "ext3", NULL, 0x83, 1},
	[FSK_EXT4] = {"ext4", "ext4", NULL, 0x83, 1},
	/* exFAT and BitLocker share NTFS's 0x07 (IFS), as Windows writes them. */
	[FSK_EXFAT] = {"exfat", "exfat", NULL, 0x07, 0},
	[FSK_XFS] = {"xfs", "xfs", NULL, 0x83, 1},
	[FSK_BTRFS] = {"btrfs", "btrfs", NULL, 0x83, 1},
	[FSK_SWAP] = {"swap", "swap", NULL, 0x82, 1},
	[FSK_LUKS] = {"luks", "crypto_LUKS", NULL, 0x83, 1},
	[FSK_BITLOCKER] = {"bitlocker", "BitLocker", NULL, 0x07, 0},
};

const char *fs_kind_name(int fs) { return fs > FSK_NONE && fs < FSK_MAX ? kinds[fs].name : "none"; }

int fs_kind_is_ext(int fs) { return fs == FSK_EXT2 || fs == FSK_EXT3 || fs == FSK_EXT4; }

int fs_kind_linux(int fs) { return fs > FSK_NONE && fs < FSK_MAX && kinds[fs].linux_gpt; }

uint8_t fs_kind_mbr_type(int fs, uint64_t start, uint64_t sectors)
{
	int big = start + sectors > CHS_LIMIT;
	if (fs == FSK_FAT16) return big ? 0x0E : sectors < 65536 ? 0x04 : 0x06;
	return fs > FSK_NONE && fs < FSK_MAX ? kinds[fs].mbr : 0x83;
}

int fs_kind_of_blkid(const char *type, const char *version)
{
	if (!type || !type[0]) return FSK_NONE;
	for (int k = FSK_NONE + 1; k < FSK_MAX; k++) {
		if (strcmp(kinds[k].blkid, type) != 0) continue;
		/* vfat without a version it names is still FAT: the claims say which. */
		if (kinds[k].version && version && version[0] && strcmp(kinds[k].version, version) != 0) continue;
		return k;
	}
	return FSK_NONE;
}
