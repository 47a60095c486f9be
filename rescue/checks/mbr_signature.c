/* mbr-signature-missing: without 55 AA at the end of sector 0 the BIOS will
 * not boot the disk and Linux and Windows ignore its partition table, even
 * though the entries and the filesystems they point at are intact. */
#include "check.h"
#include "../lib/util.h"
#include "../parse/fat_bpb.h"
#include "../parse/ntfs_bpb.h"
#include "../probe/probe.h"
#include <stdlib.h>
#include <string.h>

static int fs_at(struct disk *d, uint64_t lba)
{
	uint8_t *b = xmalloc(d->ssz);
	struct nt_bpb nb;
	struct fat_bpb fb;
	int ok = probe_read_sectors(d, lba, 1, b) == 0 &&
		 (nt_bpb_parse(b, d->ssz, &nb) == NTFS_BPB_OK || fat_bpb_parse(b, d->ssz, &fb) == 0);
	free(b);
	return ok;
}

static void run(struct disk *d)
{
	if (d->mbr.has_signature || d->table == TABLE_GPT) return;
	/* Sector 0 is a superfloppy's boot sector: what would be entries there
	 * is its code, and offset 510 is the volume's to keep. */
	for (int i = 0; i < d->nparts; i++)
		if (d->parts[i].whole_disk) return;
	int found = 0, first = -1;
	for (int i = 0; i < 4; i++) {
		const struct mbr_entry *e = &d->mbr.e[i];
		if (e->type && e->lba_first && e->sectors && e->lba_first < d->nsec && fs_at(d, e->lba_first)) {
			found++;
			if (first < 0) first = i;
		}
	}
	if (!found) return;	/* nothing evident: an empty disk, or a lost table (another check) */
	struct finding *f = finding_new("mbr-signature-missing", SEV_ERROR, -1,
					"sector 0 lacks the 55 AA signature, but %d partition entr%s point%s at a filesystem",
					found, found == 1 ? "y" : "ies", found == 1 ? "s" : "");
	ev_hex(f, "signature_bytes", d->sec0 + MBR_SIG_OFF, 2);
	ev_num(f, "signature_offset", MBR_SIG_OFF);
	ev_num(f, "entries_with_filesystem", found);
	ev_num(f, "first_entry_start_lba", d->mbr.e[first].lba_first);
	static const uint8_t sig[2] = {0x55, 0xAA};
	struct fix *x = fix_add(f, "mbr-signature-missing/set-signature", 1, "write 55 AA at offset 510 of sector 0");
	fix_change(x, MBR_SIG_OFF, d->sec0 + MBR_SIG_OFF, sig, 2, "MBR signature");
	disk_add_finding(d, f);
}

const struct check check_mbr_signature = {
	.name = "mbr-signature",
	.looks_at = "the 55 AA signature of sector 0, and whether its entries point at filesystems",
	.codes = "mbr-signature-missing",
	.run = run,
};
