/* vbr-hidden-sectors-mismatch: the BPB's hidden sectors field is where boot
 * code believes its partition starts. After a partition is moved or cloned to
 * another alignment it points at the wrong place and every boot code that
 * loads more of itself reads garbage. */
#include "check.h"
#include "vbr.h"
#include "../lib/util.h"
#include "../parse/le.h"

static void check_part(struct disk *d, struct part *p)
{
	struct vbr v;
	if (vbr_read(d, p, &v) != 0) return;
	if (!v.pri_ok) goto out;
	uint32_t hidden = le32(v.pri + BPB_HIDDEN_OFF);
	/* Logical partitions: DOS-era tools store the offset from the EBR;
	 * accept it, since boot code on such volumes was written for it. */
	if (hidden == p->start || (p->ebr_lba && hidden == p->start - p->ebr_lba)) goto out;
	if (p->start > UINT32_MAX) goto out;	/* the field cannot hold it; nothing to fix */
	int bootable = v.bc.kind != BOOTCODE_EMPTY && v.bc.kind != BOOTCODE_NONBOOT;
	struct finding *f = finding_new("vbr-hidden-sectors-mismatch", bootable ? SEV_ERROR : SEV_WARNING, p->index,
					"%s boot sector says the partition starts at sector %u (hidden sectors), "
					"the partition table says %llu",
					v.is_ntfs ? "NTFS" : "FAT", hidden, (unsigned long long)p->start);
	ev_num(f, "bpb_hidden_sectors", hidden);
	ev_num(f, "partition_start_lba", p->start);
	ev_num(f, "bpb_offset", p->start * d->ssz + BPB_HIDDEN_OFF);
	ev_str(f, "boot_code", "%s", bootcode_kind_name(v.bc.kind));
	vbr_detail_dump(f, "  boot sector", v.pri);
	struct fix *x = fix_add(f, "vbr-hidden-sectors-mismatch/set-hidden-sectors", 1,
				"set hidden sectors to %llu in %s", (unsigned long long)p->start,
				v.bak_ok ? "both boot sectors" : "the boot sector");
	uint8_t b[4];
	put_le32(b, (uint32_t)p->start);
	vbr_fix_field(x, d, &v, BPB_HIDDEN_OFF, b, 4, "hidden sectors");
	disk_add_finding(d, f);
out:
	vbr_free(&v);
}

const struct check check_vbr_hidden = {
	.name = "vbr-hidden",
	.looks_at = "BPB hidden sectors of NTFS and FAT boot sectors, against the partition's start",
	.codes = "vbr-hidden-sectors-mismatch",
	.run_part = check_part,
};
