/* vbr-size-exceeds-partition: the filesystem claims more sectors than its
 * partition (or the disk) holds, after a failed resize or a truncated copy.
 * Windows refuses such a volume; writing to its tail would hit the next
 * partition. No automatic fix: the right size depends on which side is wrong. */
#include "check.h"
#include "vbr.h"
#include "../lib/util.h"

static void check_part(struct disk *d, struct part *p)
{
	struct vbr v;
	if (vbr_read(d, p, &v) != 0) return;
	if (!v.pri_ok) goto out;
	uint64_t fs_sectors;	/* in disk sectors, including NTFS's backup sector */
	if (v.is_ntfs) fs_sectors = (v.npri.total_sectors + 1) * v.npri.bytes_per_sector / d->ssz;
	else fs_sectors = (uint64_t)v.fpri.total_sectors * v.fpri.bytes_per_sector / d->ssz;
	uint64_t room = p->sectors;
	const char *limit = "partition";
	if (p->start + room > d->nsec) {
		room = p->start < d->nsec ? d->nsec - p->start : 0;
		limit = "disk";
	}
	if (fs_sectors <= room) goto out;
	struct finding *f = finding_new("vbr-size-exceeds-partition", SEV_ERROR, p->index,
					"the %s volume claims %llu sectors, but its %s holds only %llu",
					v.is_ntfs ? "NTFS" : "FAT", (unsigned long long)fs_sectors, limit,
					(unsigned long long)room);
	ev_num(f, "filesystem_sectors", fs_sectors);
	ev_num(f, "partition_sectors", p->sectors);
	ev_num(f, "sectors_available", room);
	ev_str(f, "limited_by", "%s", limit);
	finding_detail(f, "  Either the partition entry was shrunk or the image was cut short. Restore the\n"
			  "  original size (grow the partition or the image) before using the volume;\n"
			  "  diskmedic does not guess which side is wrong.\n");
	disk_add_finding(d, f);
out:
	vbr_free(&v);
}

const struct check check_vbr_size = {
	.name = "vbr-size",
	.looks_at = "the volume size in NTFS and FAT boot sectors, against the partition and the disk",
	.codes = "vbr-size-exceeds-partition",
	.run_part = check_part,
};
