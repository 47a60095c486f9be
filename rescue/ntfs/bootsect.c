/* See bootsect.h. Field offsets are the NTFS BPB's (parse/ntfs_bpb.h). */
#include "bootsect.h"
#include "../parse/le.h"
#include "../parse/ntfs_bpb.h"
#include <string.h>

#define OFF_SERIAL 0x48
#define OFF_CODE 0x54
#define CODE_END 0x1FE

static int nonzero(const uint8_t *b, unsigned from, unsigned to)
{
	for (unsigned i = from; i < to; i++)
		if (b[i]) return 1;
	return 0;
}

/* The encoding NTFS uses for "clusters per record": a count when the record
 * is at least a cluster, else -log2(bytes) as a signed byte. */
static uint8_t per_record(uint32_t bytes, uint32_t cluster)
{
	if (bytes >= cluster) return (uint8_t)(bytes / cluster);
	int l = 0;
	while ((1u << l) < bytes) l++;
	return (uint8_t)(256 - l);
}

static uint8_t spc_byte(uint32_t spc)
{
	if (spc <= 128) return (uint8_t)spc;
	int l = 0;
	while ((1u << l) < spc) l++;
	return (uint8_t)(256 - l);	/* 2^-n encoding for huge clusters */
}

int nt_compose_boot(const struct disk *d, const struct part *p, const struct nt_evidence *ev,
		      const uint8_t *old_pri, const uint8_t *old_bak, uint8_t *out, struct rebuilt_boot *rb)
{
	memset(rb, 0, sizeof *rb);
	memset(out, 0, d->ssz);
	const uint8_t *olds[2] = {old_pri, old_bak};
	const char *names[2] = {"primary", "backup"};
	/* Keep what survives: the serial from the first sector that still has
	 * one, the boot code likewise. */
	for (int i = 0; i < 2; i++) {
		if (!olds[i]) continue;
		if (!rb->serial_from && nonzero(olds[i], OFF_SERIAL, OFF_SERIAL + 8)) {
			memcpy(out + OFF_SERIAL, olds[i] + OFF_SERIAL, 8);
			rb->serial_from = names[i];
		}
		if (!rb->code_from && nonzero(olds[i], OFF_CODE, CODE_END)) {
			memcpy(out + OFF_CODE, olds[i] + OFF_CODE, CODE_END - OFF_CODE);
			if (d->ssz > 512) memcpy(out + 512, olds[i] + 512, d->ssz - 512);
			rb->code_from = names[i];
		}
	}
	rb->serial = le64(out + OFF_SERIAL);
	out[0] = 0xEB, out[1] = 0x52, out[2] = 0x90;	/* jmp over the BPB, as every NTFS boot sector */
	memcpy(out + 3, "NTFS    ", 8);
	put_le16(out + 0x0B, (uint16_t)d->ssz);
	out[0x0D] = spc_byte(ev->cluster_size / d->ssz);
	out[0x15] = 0xF8;	/* fixed disk */
	unsigned spt = d->bios.source != GEOM_NONE && d->bios.sectors ? d->bios.sectors : 63;
	unsigned heads = d->bios.source != GEOM_NONE && d->bios.heads ? d->bios.heads : 255;
	put_le16(out + BPB_SPT_OFF, (uint16_t)spt);
	put_le16(out + BPB_HEADS_OFF, (uint16_t)heads);
	put_le32(out + BPB_HIDDEN_OFF, p->start <= 0xFFFFFFFFu ? (uint32_t)p->start : 0);
	out[0x24] = 0x80, out[0x26] = 0x80;	/* drive 0x80, extended BPB signature */
	/* The volume fills its partition but for the last sector, which holds
	 * the backup boot sector (as mkntfs and Windows format it). */
	rb->total_sectors = p->sectors - 1;
	put_le64(out + NTFS_TOTAL_OFF, rb->total_sectors);
	put_le64(out + 0x30, ev->mft_lcn);
	put_le64(out + 0x38, ev->mirr_lcn);
	out[0x40] = per_record(ev->rec_size, ev->cluster_size);
	out[0x44] = per_record(ev->index_size ? ev->index_size : 4096, ev->cluster_size);
	out[510] = 0x55, out[511] = 0xAA;
	struct nt_bpb b;
	return nt_bpb_parse(out, d->ssz, &b) == NTFS_BPB_OK && b.mft_record_size == ev->rec_size ? 0 : -1;
}

int nt_boot_count_sane(const uint8_t *sec)
{
	if (memcmp(sec + 3, "NTFS    ", 8) != 0) return 1;
	return le64(sec + 0x28) <= (UINT64_C(1) << 51);
}
