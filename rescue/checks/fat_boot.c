/* FAT32 keeps a copy of its boot sector at sector 6 (BPB field at 0x32).
 * A destroyed primary makes the volume unmountable while the copy is exact. */
#include "check.h"
#include "vbr.h"
#include "../lib/util.h"
#include "../parse/le.h"
#include "../probe/probe.h"
#include <stdlib.h>
#include <string.h>

/* Does the FAT begin where this boot sector says, with the two reserved
 * entries FAT32 starts with (the media byte, then end-of-chain)? The FAT's
 * own evidence that the backup describes this volume: where libblkid found
 * nothing, a lone FAT32-looking sector 6 is not enough to write sector 0. */
static int fat_found(struct disk *d, struct part *p, const struct fat_bpb *b)
{
	if (!b->reserved_sectors || b->reserved_sectors >= p->sectors) return 0;
	uint8_t *s = xmalloc(d->ssz);
	int ok = probe_read_sectors(d, p->start + b->reserved_sectors, 1, s) == 0 &&
		 (le32(s) & 0x0FFFFFFF) == (0x0FFFFF00u | b->media) && (le32(s + 4) & 0x0FFFFFFF) >= 0x0FFFFFF8;
	free(s);
	return ok;
}

static void check_part(struct disk *d, struct part *p)
{
	struct vbr v;
	if (vbr_read(d, p, &v) != 0 || !v.is_fat) goto out;
	uint64_t pri_off = p->start * d->ssz, bak_off = v.bak_lba * d->ssz;
	if (!v.pri_ok && v.bak_ok) {
		struct finding *f = finding_new("fat-boot-sector-damaged", SEV_ERROR, p->index,
						"the FAT32 boot sector is unusable; its backup at sector %llu is intact",
						(unsigned long long)(v.bak_lba - p->start));
		ev_num(f, "primary_offset", pri_off);
		ev_num(f, "backup_offset", bak_off);
		ev_hex(f, "primary_first_bytes", v.pri, 16);
		vbr_detail_dump(f, "  primary boot sector", v.pri);
		int fat = fat_found(d, p, &v.fbak);
		ev_str(f, "backup_fat_found", "%s", fat ? "yes" : "no");
		struct fix *x = fix_add(f, "fat-boot-sector-damaged/restore-from-backup", fat,
					"copy the backup boot sector over the primary%s",
					fat ? "" : " (the FAT is not where the backup says it is: needs --only)");
		fix_change(x, pri_off, v.pri, v.bak, d->ssz, "FAT32 boot sector (from backup)");
		disk_add_finding(d, f);
	} else if (v.pri_ok && v.fpri.fat32_layout && v.fpri.backup_boot_sector &&
		   (!v.bak_ok || memcmp(v.pri, v.bak, d->ssz) != 0) && v.bak) {
		struct finding *f = finding_new("fat-backup-boot-sector-damaged", SEV_WARNING, p->index,
						"the FAT32 backup boot sector (sector %u) is %s the primary",
						v.fpri.backup_boot_sector, v.bak_ok ? "different from" : "unusable, unlike");
		ev_num(f, "primary_offset", pri_off);
		ev_num(f, "backup_offset", bak_off);
		ev_hex(f, "backup_first_bytes", v.bak, 16);
		vbr_detail_dump(f, "  backup boot sector", v.bak);
		struct fix *x = fix_add(f, "fat-backup-boot-sector-damaged/refresh-backup", 1,
					"copy the primary boot sector over the backup");
		fix_change(x, bak_off, v.bak, v.pri, d->ssz, "FAT32 backup boot sector (from primary)");
		disk_add_finding(d, f);
	}
out:
	vbr_free(&v);
}

const struct check check_fat_boot = {
	.name = "fat-boot",
	.looks_at = "the FAT32 boot sector and its backup",
	.codes = "fat-boot-sector-damaged,fat-backup-boot-sector-damaged",
	.run_part = check_part,
};
