/* mbr-boot-code-missing: a disk that is meant to boot (it has an active
 * partition) but whose MBR code area is empty: the BIOS loads sector 0 and
 * runs zeros. */
#include "check.h"
#include "../lib/util.h"

static void run(struct disk *d)
{
	if (d->table != TABLE_MBR || !d->mbr.boot_code_empty) return;
	int active = -1;
	for (int i = 0; i < 4; i++)
		if (d->mbr.e[i].type && d->mbr.e[i].status == 0x80) active = i + 1;
	if (active < 0) return;
	struct finding *f = finding_new("mbr-boot-code-missing", SEV_ERROR, active,
					"partition %d is active, but the MBR boot code area is empty", active);
	ev_num(f, "active_partition", active);
	ev_num(f, "boot_code_bytes", MBR_DISKSIG_OFF);
	finding_detail(f, "  Bytes 0..439 of sector 0 are all zero. A BIOS booting this disk runs no code.\n"
			  "  Reinstall boot code with the operating system's tools (Windows: bootrec /fixmbr).\n");
	disk_add_finding(d, f);
}

const struct check check_mbr_boot_code = {
	.name = "mbr-boot-code",
	.looks_at = "the MBR boot code area when a partition is marked active",
	.codes = "mbr-boot-code-missing",
	.run = run,
};
