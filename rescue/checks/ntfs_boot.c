/* The two NTFS boot sectors: the primary at the partition's first sector and
 * the backup after the volume's last sector. Windows and libntfs-3g need the
 * primary; the backup is what lets us rebuild it exactly. */
#include "check.h"
#include "vbr.h"
#include "../lib/util.h"
#include "../ntfs/bootsect.h"
#include "../probe/ntfs_evidence.h"
#include "../probe/probe.h"
#include <stdlib.h>
#include <string.h>

/* Does the boot sector's $MFT LCN point at a FILE record? That ties the boot
 * sector to this volume's actual layout before we trust it as a source. */
static int mft_found(struct disk *d, struct part *p, const struct nt_bpb *b)
{
	uint64_t off = p->start * d->ssz + b->mft_lcn * b->cluster_size;
	uint8_t m[4];
	return off + 4 <= d->size && dev_read(d->dev, off, m, 4) == 0 && memcmp(m, "FILE", 4) == 0;
}

/* Both boot sectors lost: evidence from the $MFT found in the partition,
 * and the rebuild it supports (not safe: the user confirms it). */
static void add_rebuild(struct finding *f, struct disk *d, struct part *p, const struct nt_evidence *ev)
{
	uint64_t pri_off = p->start * d->ssz, bak_off = (p->start + p->sectors - 1) * d->ssz;
	ev_str(f, "found", "a copy of $MFT records 0-1 in %s at partition offset %llu",
	       ev->found_mirror ? "$MFTMirr" : "$MFT", (unsigned long long)ev->found_at);
	ev_num(f, "mft_lcn", ev->mft_lcn);
	ev_num(f, "mftmirr_lcn", ev->mirr_lcn);
	ev_num(f, "cluster_size", ev->cluster_size);
	ev_num(f, "mft_record_size", ev->rec_size);
	ev_num(f, "index_record_size", ev->index_size);
	ev_str(f, "mft_record_at_lcn", "%s", ev->mft_ok ? "yes" : "no");
	ev_str(f, "mftmirr_record_at_lcn", "%s", ev->mirr_ok ? "yes" : "no");
	uint8_t *pri = dev_read_alloc(d->dev, pri_off, d->ssz), *bak = NULL;
	if (bak_off + d->ssz <= d->size) bak = dev_read_alloc(d->dev, bak_off, d->ssz);
	uint8_t *sec = xcalloc(1, d->ssz);
	struct rebuilt_boot rb;
	if (!pri || !bak || nt_compose_boot(d, p, ev, pri, bak, sec, &rb) != 0) {
		finding_detail(f, "  The evidence does not make a valid boot sector; no rebuild offered.\n");
		goto out;
	}
	ev_num(f, "rebuilt_total_sectors", rb.total_sectors);
	struct fix *x = fix_add(f, "ntfs-boot-sectors-lost/rebuild", 0,
				"rebuild both boot sectors from $MFT/$MFTMirr evidence (volume size from the partition; "
				"serial %s; boot code %s)",
				rb.serial_from ? "kept from the old sector" : "lost: set to 0",
				rb.code_from ? "kept from the old sector" : "lost: Windows' 'bootrec /fixboot' restores it");
	fix_change(x, pri_off, pri, sec, d->ssz, "NTFS boot sector (rebuilt)");
	fix_change(x, bak_off, bak, sec, d->ssz, "backup NTFS boot sector (rebuilt)");
	vbr_detail_dump(f, "  rebuilt boot sector", sec);
out:
	free(pri);
	free(bak);
	free(sec);
}

/* A partition whose type says NTFS but where no boot sector survives: probe
 * names no filesystem, so look for the volume's $MFT before saying more. */
static void check_lost(struct disk *d, struct part *p)
{
	struct nt_evidence ev;
	char why[160];
	/* Only where libblkid recognises nothing: $MFT records inside a
	 * partition that holds ext4 or swap are an earlier volume's remnants. */
	if (p->content.state == CONTENT_FOUND || p->content.state == CONTENT_AMBIGUOUS) return;
	if (!nt_part_type_fits(p) || nt_find_evidence(d, p, &ev, why, sizeof why) != 0) return;
	struct finding *f = finding_new("ntfs-boot-sectors-lost", SEV_ERROR, p->index,
					"neither NTFS boot sector survives, but the volume's $MFT does");
	ev_num(f, "primary_offset", p->start * d->ssz);
	ev_num(f, "backup_offset", (p->start + p->sectors - 1) * d->ssz);
	add_rebuild(f, d, p, &ev);
	disk_add_finding(d, f);
}

static void check_part(struct disk *d, struct part *p)
{
	struct vbr v;
	if (vbr_read(d, p, &v) != 0 || !v.is_ntfs) goto out;
	uint64_t pri_off = p->start * d->ssz, bak_off = v.bak_lba * d->ssz;
	if (!v.pri_ok && v.bak_ok) {
		struct finding *f = finding_new("ntfs-boot-sector-damaged", SEV_ERROR, p->index,
						"the primary NTFS boot sector is unusable (%s); the backup at sector %llu is intact",
						nt_bpb_verdict_str(nt_bpb_parse(v.pri, d->ssz, &v.npri)),
						(unsigned long long)v.bak_lba);
		ev_num(f, "primary_offset", pri_off);
		ev_num(f, "backup_offset", bak_off);
		ev_hex(f, "primary_first_bytes", v.pri, 16);
		int mft = mft_found(d, p, &v.nbak);
		ev_str(f, "backup_mft_record_found", "%s", mft ? "yes" : "no");
		vbr_detail_dump(f, "  primary boot sector", v.pri);
		vbr_detail_dump(f, "  backup boot sector", v.bak);
		if (mft) {
			struct fix *x = fix_add(f, "ntfs-boot-sector-damaged/restore-from-backup", 1,
						"copy the backup boot sector over the primary");
			fix_change(x, pri_off, v.pri, v.bak, d->ssz, "NTFS boot sector (from backup)");
		} else {
			finding_detail(f, "  The backup's $MFT position holds no FILE record, so it is not trusted.\n");
		}
		disk_add_finding(d, f);
	} else if (v.pri_ok && (!v.bak_ok || memcmp(v.pri, v.bak, d->ssz) != 0)) {
		int in_reach = v.bak_lba < p->start + p->sectors && v.bak_lba < d->nsec;
		struct finding *f = finding_new("ntfs-backup-boot-sector-damaged", SEV_WARNING, p->index,
						"the backup NTFS boot sector at sector %llu is %s the primary",
						(unsigned long long)v.bak_lba, v.bak_ok ? "different from" : "unusable, unlike");
		ev_num(f, "primary_offset", pri_off);
		ev_num(f, "backup_offset", bak_off);
		if (v.bak) ev_hex(f, "backup_first_bytes", v.bak, 16);
		int mft = mft_found(d, p, &v.npri);
		ev_str(f, "primary_mft_record_found", "%s", mft ? "yes" : "no");
		if (v.bak) vbr_detail_dump(f, "  backup boot sector", v.bak);
		/* A primary that claims more sectors than its partition holds
		 * disagrees with the backup at the partition's end: which of the
		 * two is right is not clear, so the copy waits for --only. */
		int fits = v.npri.total_sectors < p->sectors;
		ev_str(f, "primary_fits_partition", "%s", fits ? "yes" : "no");
		if (!fits)
			finding_detail(f, "  The primary claims %llu sectors, more than its partition holds: the copies\n"
					  "  disagree, so the refresh is applied only when named (--only).\n",
				       (unsigned long long)v.npri.total_sectors);
		if (mft && in_reach && v.bak) {
			struct fix *x = fix_add(f, "ntfs-backup-boot-sector-damaged/refresh-backup", fits,
						"copy the primary boot sector over the backup");
			fix_change(x, bak_off, v.bak, v.pri, d->ssz, "backup NTFS boot sector (from primary)");
		}
		disk_add_finding(d, f);
	} else if (!v.pri_ok && !v.bak_ok) {
		struct finding *f = finding_new("ntfs-boot-sectors-lost", SEV_ERROR, p->index,
						"neither NTFS boot sector is usable");
		ev_num(f, "primary_offset", pri_off);
		ev_num(f, "backup_offset", bak_off);
		ev_hex(f, "primary_first_bytes", v.pri, 16);
		struct nt_evidence ev;
		char why[160];
		if (nt_find_evidence(d, p, &ev, why, sizeof why) == 0) add_rebuild(f, d, p, &ev);
		else finding_detail(f, "  No rebuild offered: %s.\n", why);
		disk_add_finding(d, f);
	}
out:
	vbr_free(&v);
}

static void run(struct disk *d)
{
	for (int i = 0; i < d->nparts; i++) {
		struct part *p = &d->parts[i];
		if (p->fs) check_part(d, p);
		else check_lost(d, p);
	}
}

const struct check check_ntfs_boot = {
	.name = "ntfs-boot",
	.looks_at = "the primary and backup NTFS boot sectors",
	.codes = "ntfs-boot-sector-damaged,ntfs-backup-boot-sector-damaged,ntfs-boot-sectors-lost",
	.run = run,
};
