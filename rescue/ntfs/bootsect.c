/* See bootsect.h. Field offsets are the NTFS BPB's (parse/ntfs_bpb.h). */
#include "bootsect.h"
#include "../parse/le.h"
#include "../parse/ntfs_bpb.h"
#include <string.h>

static int nonzero(const uint8_t *b, unsigned from, unsigned to)
{
	for (unsigned i = from; i < to; i++)
		if (b[i]) return 1;
	return 0;
}

int nt_compose_boot(const struct disk *d, const struct part *p, const struct nt_evidence *ev,
		      const uint8_t *old_pri, const uint8_t *old_bak, uint8_t *out, struct rebuilt_boot *rb)
{
	memset(rb, 0, sizeof *rb);
	memset(out, 0, d->ssz);
	const uint8_t *olds[2] = {old_pri, old_bak};
	const char *names[2] = {"primary", "backup"};
	struct nt_bpb b = {
		.bytes_per_sector = (uint16_t)d->ssz,
		.cluster_size = ev->cluster_size,
		.media = 0xF8,	/* fixed disk */
		/* The BIOS's geometry when one is in force, else what Windows writes. */
		.sectors_per_track = d->bios.source != GEOM_NONE && d->bios.sectors ? d->bios.sectors : 63,
		.heads = d->bios.source != GEOM_NONE && d->bios.heads ? d->bios.heads : 255,
		.hidden_sectors = p->start <= 0xFFFFFFFFu ? (uint32_t)p->start : 0,
		/* The volume fills its partition but for the last sector, which
		 * holds the backup boot sector (as mkntfs and Windows format it). */
		.total_sectors = p->sectors - 1,
		.mft_lcn = ev->mft_lcn,
		.mftmirr_lcn = ev->mirr_lcn,
		.mft_record_size = ev->rec_size,
		.index_record_size = ev->index_size ? ev->index_size : 4096,
	};
	/* Keep what survives: the serial from the first sector that still has
	 * one, the boot code likewise. */
	for (int i = 0; i < 2; i++) {
		if (!olds[i]) continue;
		if (!rb->serial_from && nonzero(olds[i], NTFS_SERIAL_OFF, NTFS_SERIAL_OFF + 8)) {
			b.serial = le64(olds[i] + NTFS_SERIAL_OFF);
			rb->serial_from = names[i];
		}
		if (!rb->code_from && nonzero(olds[i], NTFS_CODE_OFF, NTFS_CODE_END)) {
			memcpy(out + NTFS_CODE_OFF, olds[i] + NTFS_CODE_OFF, NTFS_CODE_END - NTFS_CODE_OFF);
			if (d->ssz > 512) memcpy(out + 512, olds[i] + 512, d->ssz - 512);
			rb->code_from = names[i];
		}
	}
	nt_bpb_compose(&b, out);
	rb->serial = b.serial;
	rb->total_sectors = b.total_sectors;
	struct nt_bpb check;
	return nt_bpb_parse(out, d->ssz, &check) == NTFS_BPB_OK && check.mft_record_size == ev->rec_size ? 0 : -1;
}

int nt_boot_count_sane(const uint8_t *sec)
{
	if (memcmp(sec + 3, "NTFS    ", 8) != 0) return 1;
	return le64(sec + 0x28) <= (UINT64_C(1) << 51);
}
