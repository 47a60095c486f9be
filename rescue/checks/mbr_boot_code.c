/* mbr-boot-code-missing: a disk that is meant to boot (it has an active
 * partition) but whose MBR code area is empty: the BIOS loads sector 0 and
 * runs zeros. An active flag alone does not say a disk was meant to boot:
 * sfdisk/fdisk users set it on data disks, and mkntfs and mkfs.fat put a
 * "not a bootable disk" placeholder in the VBR. Empty MBR code with that
 * placeholder is a data disk as made, reported as information. */
#include "check.h"
#include "vbr.h"
#include "../lib/util.h"
#include <stdio.h>

/* The placeholder in the active partition's VBR, with its evidence in ev;
 * 0 when the VBR has other code (or none could be read): then the disk may
 * well be meant to boot, and the finding stays an error. */
static int vbr_placeholder(struct disk *d, int index, char *ev, size_t evlen)
{
	for (int i = 0; i < d->nparts; i++) {
		if (d->parts[i].index != index) continue;
		struct vbr v;
		if (vbr_read(d, &d->parts[i], &v) != 0) return 0;
		int nonboot = v.pri_ok && v.bc.kind == BOOTCODE_NONBOOT;
		snprintf(ev, evlen, "%s (%s)", bootcode_kind_name(v.bc.kind), v.bc.evidence);
		vbr_free(&v);
		return nonboot;
	}
	return 0;
}

static void run(struct disk *d)
{
	if (d->table != TABLE_MBR || !d->mbr.boot_code_empty) return;
	int active = -1;
	for (int i = 0; i < 4; i++)
		if (d->mbr.e[i].type && d->mbr.e[i].status == 0x80) active = i + 1;
	if (active < 0) return;
	char vbr_ev[160] = "";
	int data_disk = vbr_placeholder(d, active, vbr_ev, sizeof vbr_ev);
	struct finding *f =
		data_disk ? finding_new("mbr-boot-code-missing", SEV_INFO, active,
					"partition %d is active and the MBR boot code area is empty, but its boot "
					"sector holds only the formatter's \"not a bootable disk\" placeholder: "
					"a data disk, not meant to boot",
					active)
			  : finding_new("mbr-boot-code-missing", SEV_ERROR, active,
					"partition %d is active, but the MBR boot code area is empty", active);
	ev_num(f, "active_partition", active);
	ev_num(f, "boot_code_bytes", MBR_DISKSIG_OFF);
	if (vbr_ev[0]) ev_str(f, "vbr_boot_code", "%s", vbr_ev);
	if (data_disk)
		finding_detail(f, "  Bytes 0..439 of sector 0 are all zero, and partition %d's boot sector has no boot\n"
				  "  code either, only the message a formatter puts there. Nothing was meant to boot\n"
				  "  from this disk; the active flag is harmless.\n",
			       active);
	else
		finding_detail(f, "  Bytes 0..439 of sector 0 are all zero. A BIOS booting this disk runs no code.\n"
				  "  Reinstall boot code with the operating system's tools (Windows: bootrec /fixmbr).\n");
	disk_add_finding(d, f);
}

const struct check check_mbr_boot_code = {
	.name = "mbr-boot-code",
	.looks_at = "the MBR boot code area when a partition is marked active (and then the active VBR's code)",
	.codes = "mbr-boot-code-missing",
	.run = run,
};
