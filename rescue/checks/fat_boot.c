/* FAT32 keeps a copy of its boot sector at sector 6 (BPB field at 0x32).
 * A destroyed primary makes the volume unmountable while the copy is exact. */
#include "check.h"
#include "vbr.h"
#include "../lib/util.h"
#include <string.h>

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
		struct fix *x = fix_add(f, "fat-boot-sector-damaged/restore-from-backup", 1,
					"copy the backup boot sector over the primary");
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
