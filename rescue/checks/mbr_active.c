/* mbr-active-flag-invalid: MBR boot code loads the one active partition's
 * VBR. With none it prints "Missing operating system" or similar; with two
 * or more, or a status byte other than 00/80, it stops with "Invalid
 * partition table". Only disks meant to boot by BIOS (non-empty MBR code). */
#include "check.h"
#include "vbr.h"
#include "../lib/util.h"
#include <stdio.h>

/* Does this partition hold boot code of its own? */
static int bootable(struct disk *d, struct part *p)
{
	struct vbr v;
	if (vbr_read(d, p, &v) != 0) return 0;
	int ok = v.pri_ok && v.bc.kind != BOOTCODE_EMPTY && v.bc.kind != BOOTCODE_NONBOOT;
	vbr_free(&v);
	return ok;
}

static void run(struct disk *d)
{
	if (d->table != TABLE_MBR || d->mbr.boot_code_empty) return;
	int nactive = 0, invalid = 0, boot_cand = -1, nboot = 0;
	for (int i = 0; i < 4; i++) {
		const struct mbr_entry *e = &d->mbr.e[i];
		if (!e->type) continue;
		if (e->status == 0x80) nactive++;
		else if (e->status) invalid++;
		struct part *p = disk_part(d, i + 1);
		if (p && bootable(d, p)) nboot++, boot_cand = i;
	}
	if (nactive == 1 && !invalid) return;
	struct finding *f = finding_new("mbr-active-flag-invalid", SEV_ERROR, -1,
					invalid ? "a partition entry has an invalid status byte (neither 00 nor 80)"
					: nactive ? "%d partitions are marked active; MBR boot code needs exactly one"
						  : "no partition is marked active, so the MBR boot code has nothing to load",
					nactive);
	ev_num(f, "active_entries", nactive);
	ev_num(f, "invalid_status_entries", invalid);
	ev_num(f, "partitions_with_boot_code", nboot);
	/* Set exactly one flag only when the evidence names one candidate. */
	if (nboot == 1) {
		struct fix *x = fix_add(f, "mbr-active-flag-invalid/set-active", 1,
					"mark partition %d (the one with boot code) active and clear the others",
					boot_cand + 1);
		for (int i = 0; i < 4; i++) {
			const struct mbr_entry *e = &d->mbr.e[i];
			uint8_t want = i == boot_cand ? 0x80 : 0x00;
			if (!e->type || e->status == want) continue;
			char what[64];
			snprintf(what, sizeof what, "MBR entry %d status", i + 1);
			fix_change(x, MBR_TABLE_OFF + 16 * i, &e->status, &want, 1, what);
		}
	} else {
		finding_detail(f, "  %d partitions hold boot code; diskmedic will not guess which one to boot.\n",
			       nboot);
	}
	disk_add_finding(d, f);
}

const struct check check_mbr_active = {
	.name = "mbr-active",
	.looks_at = "the active flags of the four MBR entries on a disk with MBR boot code",
	.codes = "mbr-active-flag-invalid",
	.run = run,
};
