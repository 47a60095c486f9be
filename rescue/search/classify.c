/* Pure: what one sector (or superblock) says about a volume around it. */
#include "search.h"
#include "ext_sb.h"
#include "../parse/fat_bpb.h"
#include "../parse/le.h"
#include "../parse/ntfs_bpb.h"
#include <string.h>

static void claim(struct claim *c, uint8_t fs, uint8_t role, uint64_t start, uint64_t sectors, uint64_t seen,
		  uint64_t serial, const char *label)
{
	memset(c, 0, sizeof *c);
	c->fs = fs;
	c->role = role;
	c->start = start;
	c->sectors = sectors;
	c->seen_lba = seen;
	c->serial = serial;
	if (label) {
		memcpy(c->label, label, 16);
		c->label[16] = 0;
	}
}

/* An NTFS boot sector at lba may be the primary (volume starts here) or the
 * backup (the volume's last sector); a FAT32 one may be the primary or the
 * copy at backup_boot_sector. Both readings are claimed; pairing and content
 * checks decide. */
int classify_boot_sector(const uint8_t *sec, uint32_t ssz, uint64_t lba, uint64_t nsec, struct claim out[2])
{
	int n = 0;
	if (sec[510] != 0x55 || sec[511] != 0xAA) return 0;
	if (memcmp(sec + 3, "NTFS    ", 8) == 0) {
		struct nt_bpb b;
		if (nt_bpb_parse(sec, ssz, &b) != NTFS_BPB_OK || b.bytes_per_sector != ssz) return 0;
		/* total_sectors excludes the backup boot sector at its end. */
		uint64_t size = b.total_sectors + 1;
		if (b.total_sectors == 0 || b.total_sectors >= nsec) return 0;	/* size never wraps */
		if (lba + size <= nsec) claim(&out[n++], FSK_NTFS, ROLE_PRIMARY, lba, size, lba, b.serial, NULL);
		if (lba >= b.total_sectors)
			claim(&out[n++], FSK_NTFS, ROLE_BACKUP, lba - b.total_sectors, size, lba, b.serial, NULL);
		return n;
	}
	struct fat_bpb f;
	if (fat_bpb_parse(sec, ssz, &f) != 0 || f.bytes_per_sector != ssz || !f.total_sectors) return 0;
	if (f.total_sectors > nsec) return 0;
	uint8_t fs = f.kind == FAT32 ? FSK_FAT32 : f.kind == FAT16 ? FSK_FAT16 : FSK_FAT12;
	if (lba + f.total_sectors <= nsec)
		claim(&out[n++], fs, ROLE_PRIMARY, lba, f.total_sectors, lba, f.volume_id, f.label);
	if (fs == FSK_FAT32 && f.backup_boot_sector && f.backup_boot_sector < f.reserved_sectors &&
	    lba >= f.backup_boot_sector)
		claim(&out[n++], fs, ROLE_BACKUP, lba - f.backup_boot_sector, f.total_sectors, lba, f.volume_id, f.label);
	return n;
}

int classify_ext_sb(const uint8_t *sb, size_t len, uint64_t off, uint32_t ssz, uint64_t nsec, struct claim *out)
{
	struct ext_sb s;
	if (ext_sb_parse(sb, len, &s) != 0) return 0;
	uint64_t rel = ext_sb_offset(&s);
	if (rel > off || (off - rel) % ssz) return 0;
	uint64_t start = (off - rel) / ssz, bytes = ext_sb_bytes(&s);
	uint64_t sectors = (bytes + ssz - 1) / ssz;
	if (start >= nsec || sectors > nsec - start) return 0;
	claim(out, s.version == 4 ? FSK_EXT4 : s.version == 3 ? FSK_EXT3 : FSK_EXT2,
	      s.group ? ROLE_BACKUP : ROLE_PRIMARY, start, sectors, off / ssz, le64(s.uuid), s.label);
	return 1;
}

/* The hot loop of the deep search: three two-byte tests per 512 bytes, so
 * that scanning keeps up with the disk. */
int classify_buffer(const uint8_t *buf, size_t len, uint64_t off, uint32_t ssz, uint64_t nsec, struct claims *c,
		    void (*gpt_seen)(void *ctx, uint64_t lba, const uint8_t *sec), void *ctx)
{
	int added = 0;
	struct claim cl[2];
	for (size_t i = 0; i + 512 <= len; i += 512) {
		const uint8_t *p = buf + i;
		uint64_t at = off + i;
		int sector_start = at % ssz == 0 && i + ssz <= len;
		if (p[510] == 0x55 && p[511] == 0xAA && sector_start) {
			int n = classify_boot_sector(p, ssz, at / ssz, nsec, cl);
			for (int k = 0; k < n; k++) claims_add(c, &cl[k]);
			added += n;
		}
		if (p[EXT_MAGIC_OFF] == 0x53 && p[EXT_MAGIC_OFF + 1] == 0xEF && classify_ext_sb(p, 512, at, ssz, nsec, cl)) {
			claims_add(c, &cl[0]);
			added++;
		}
		if (p[0] == 'E' && sector_start && gpt_seen && memcmp(p, GPT_SIGNATURE, 8) == 0) gpt_seen(ctx, at / ssz, p);
	}
	return added;
}
