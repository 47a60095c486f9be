/* FAT12/16/32 boot sector (BPB) decoding and validation.
 * Pure: bytes in, struct out. The FAT type follows Microsoft's FAT
 * specification (fatgen103): it is decided by the count of data clusters
 * alone, never by the type string at 0x36/0x52, which is informational. */
#include <string.h>
#include "fat_bpb.h"
#include "le.h"

enum {
	OFF_BPS = 0x0B, OFF_SPC = 0x0D, OFF_RSVD = 0x0E, OFF_NFATS = 0x10,
	OFF_ROOTENT = 0x11, OFF_TOT16 = 0x13, OFF_MEDIA = 0x15, OFF_FATSZ16 = 0x16,
	OFF_SPT = 0x18, OFF_HEADS = 0x1A, OFF_HIDDEN = 0x1C, OFF_TOT32 = 0x20,
	/* FAT32 extended BPB */
	OFF_FATSZ32 = 0x24, OFF_ROOTCLUS = 0x2C, OFF_FSINFO = 0x30, OFF_BKBOOT = 0x32,
	OFF_BOOTSIG32 = 0x42, OFF_VOLID32 = 0x43, OFF_LABEL32 = 0x47,
	/* FAT12/16 extended BPB */
	OFF_BOOTSIG16 = 0x26, OFF_VOLID16 = 0x27, OFF_LABEL16 = 0x2B,
};

static int is_pow2(uint32_t v) { return v && !(v & (v - 1)); }

/* Volume id and label exist only when the extended boot signature says so:
 * 0x29 = id and label, 0x28 = id only (older DOS). */
static void ext_bpb(const uint8_t *sec, int sig_off, int id_off, int label_off, struct fat_bpb *b)
{
	uint8_t sig = sec[sig_off];
	if (sig != 0x28 && sig != 0x29)
		return;
	b->volume_id = le32(sec + id_off);
	if (sig != 0x29)
		return;
	memcpy(b->label, sec + label_off, 11);
	b->label[11] = '\0';
	for (int i = 10; i >= 0 && b->label[i] == ' '; i--)
		b->label[i] = '\0';	/* labels are space-padded */
	for (int i = 0; b->label[i]; i++)
		if ((unsigned char)b->label[i] < 0x20 || (unsigned char)b->label[i] >= 0x7F)
			b->label[i] = '?';	/* keep reports printable */
}

int fat_bpb_parse(const uint8_t *sec, size_t len, struct fat_bpb *b)
{
	memset(b, 0, sizeof *b);
	if (!sec || len < 512)
		return -1;
	/* x86 jump: EB xx (short) or E9 xx xx (near). */
	if (sec[0] != 0xEB && sec[0] != 0xE9)
		return -1;

	b->bytes_per_sector = le16(sec + OFF_BPS);
	b->sectors_per_cluster = sec[OFF_SPC];
	b->reserved_sectors = le16(sec + OFF_RSVD);
	b->num_fats = sec[OFF_NFATS];
	b->root_entries = le16(sec + OFF_ROOTENT);
	b->media = sec[OFF_MEDIA];
	b->sectors_per_track = le16(sec + OFF_SPT);
	b->heads = le16(sec + OFF_HEADS);
	b->hidden_sectors = le32(sec + OFF_HIDDEN);
	uint16_t tot16 = le16(sec + OFF_TOT16), fatsz16 = le16(sec + OFF_FATSZ16);
	b->total_sectors = tot16 ? tot16 : le32(sec + OFF_TOT32);
	b->fat32_layout = fatsz16 == 0;
	b->sectors_per_fat = fatsz16 ? fatsz16 : le32(sec + OFF_FATSZ32);

	if (b->bytes_per_sector < 512 || b->bytes_per_sector > 4096 || !is_pow2(b->bytes_per_sector))
		return -1;
	if (!is_pow2(b->sectors_per_cluster))	/* 1..128: a byte holds no larger power */
		return -1;
	if (b->reserved_sectors == 0 || b->num_fats < 1 || b->num_fats > 2)
		return -1;
	if (b->media != 0xF0 && b->media < 0xF8)
		return -1;
	if (b->total_sectors == 0 || b->sectors_per_fat == 0)
		return -1;

	/* Data area per fatgen103, in 64 bits so no field combination overflows. */
	uint64_t root_secs = ((uint64_t)b->root_entries * 32 + b->bytes_per_sector - 1) / b->bytes_per_sector;
	uint64_t meta = b->reserved_sectors + (uint64_t)b->num_fats * b->sectors_per_fat + root_secs;
	if (meta >= b->total_sectors)
		return -1;
	b->clusters = (uint32_t)((b->total_sectors - meta) / b->sectors_per_cluster);
	b->kind = b->clusters < 4085 ? FAT12 : b->clusters < 65525 ? FAT16 : FAT32;

	/* The layout must be able to describe a root directory: FAT12/16 keep
	 * it in a fixed region (root_entries > 0), FAT32 in a cluster chain
	 * (root_entries == 0). */
	if (b->fat32_layout ? b->root_entries != 0 : b->root_entries == 0)
		return -1;
	/* A FAT32-by-count volume needs the FAT32 fields; the reverse (a small
	 * FAT32-layout volume, as mkfs.fat -F 32 makes on tiny disks) is kept,
	 * with kind saying what Microsoft's rule makes of it. */
	if (b->kind == FAT32 && !b->fat32_layout)
		return -1;

	if (b->fat32_layout) {
		b->root_cluster = le32(sec + OFF_ROOTCLUS);
		b->fsinfo_sector = le16(sec + OFF_FSINFO);
		b->backup_boot_sector = le16(sec + OFF_BKBOOT);
		if (b->root_cluster < 2)
			return -1;
		/* 0xFFFF and 0 mean "no backup"; one outside the reserved area
		 * cannot be a backup either (it would sit inside the FAT). */
		if (b->backup_boot_sector == 0xFFFF || b->backup_boot_sector >= b->reserved_sectors)
			b->backup_boot_sector = 0;
		ext_bpb(sec, OFF_BOOTSIG32, OFF_VOLID32, OFF_LABEL32, b);
	} else {
		ext_bpb(sec, OFF_BOOTSIG16, OFF_VOLID16, OFF_LABEL16, b);
	}
	return 0;
}
