/* From the volumes found to a partition table, as exact byte changes for the
 * one writer. MBR unless the disk was GPT (a GPT header or entry array
 * survives, sector 0 is a protective MBR) or must be (over 2 TiB). What
 * survives is kept: MBR boot code and disk signature, the GPT disk GUID,
 * partition GUIDs, types and names. */
#include "search.h"
#include "../checks/gpt_restore.h"
#include "../lib/util.h"
#include "../parse/le.h"
#include "../parse/mbr.h"
#include "../probe/probe.h"
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const uint8_t guid_basic_data[16] = {0xA2, 0xA0, 0xD0, 0xEB, 0xE5, 0xB9, 0x33, 0x44,
					    0x87, 0xC0, 0x68, 0xB6, 0xB7, 0x26, 0x99, 0xC7};
static const uint8_t guid_linux_fs[16] = {0xAF, 0x3D, 0xC6, 0x0F, 0x83, 0x84, 0x72, 0x47,
					  0x8E, 0x79, 0x3D, 0x69, 0xD8, 0x47, 0x7D, 0xE4};

#define CHS_LIMIT (1024ull * 255 * 63)	/* past this, FAT types need their LBA variant */

static uint8_t mbr_type_for(const struct volume *v)
{
	int big = v->start + v->sectors > CHS_LIMIT;
	switch (v->fs) {
	case FSK_NTFS: return 0x07;
	case FSK_FAT32: return 0x0C;
	case FSK_FAT16: return big ? 0x0E : v->sectors < 65536 ? 0x04 : 0x06;
	case FSK_FAT12: return 0x01;
	default: return 0x83;
	}
}

static void random_guid(uint8_t g[16])
{
	int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
	ssize_t n = fd >= 0 ? read(fd, g, 16) : -1;
	if (fd >= 0) close(fd);
	if (n != 16) {
		/* No /dev/urandom in a broken rescue environment: time and address. */
		uint64_t a = (uint64_t)time(NULL) * 6364136223846793005ull ^ (uintptr_t)g, b = a * 1442695040888963407ull + 1;
		put_le64(g, a);
		put_le64(g + 8, b);
	}
	g[7] = (uint8_t)((g[7] & 0x0F) | 0x40);	/* version 4, RFC 4122 */
	g[8] = (uint8_t)((g[8] & 0x3F) | 0x80);
}

static const char *evidence_of(const struct volume *v, char *buf, size_t n)
{
	const char *what = v->fs >= FSK_EXT2 ? "superblock" : "boot sector";
	if (v->primary_lba != UINT64_MAX && v->backup_lba != UINT64_MAX)
		snprintf(buf, n, "%s at %llu, backup at %llu", what, (unsigned long long)v->primary_lba,
			 (unsigned long long)v->backup_lba);
	else if (v->primary_lba != UINT64_MAX)
		snprintf(buf, n, "%s at %llu%s", what, (unsigned long long)v->primary_lba,
			 v->score >= 2 ? ", content verified" : ", unverified");
	else
		snprintf(buf, n, "primary %s lost; backup at %llu%s", what, (unsigned long long)v->backup_lba,
			 v->score >= 2 ? ", content verified" : "");
	return buf;
}

/* Each boot sector is read two ways (primary of a volume starting here,
 * backup of one ending here); the reading a chosen volume did not use is
 * noise, not evidence. */
static int other_reading(const struct search_result *r, const struct volume *v)
{
	for (int i = 0; i < r->nvols; i++) {
		const struct volume *c = &r->vols[i];
		if (!c->chosen) continue;
		uint64_t seen[2] = {v->primary_lba, v->backup_lba};
		for (int k = 0; k < 2; k++)
			if (seen[k] != UINT64_MAX && (seen[k] == c->primary_lba || seen[k] == c->backup_lba)) return 1;
	}
	return 0;
}

/* The table beside its evidence, for the report and the preview. */
static void describe(struct finding *f, const struct search_result *r, const char *kind, const uint8_t *types)
{
	char ev[128];
	finding_detail(f, "  Proposed %s partition table, from what the search found:\n", kind);
	finding_detail(f, "    %-2s %-12s %-12s %-12s %-5s %-6s %s\n", "#", "start", "end", "sectors", "type", "fs",
		       "evidence");
	int k = 0;
	for (int i = 0; i < r->nvols; i++) {
		const struct volume *v = &r->vols[i];
		if (!v->chosen) continue;
		char type[8];
		if (types) snprintf(type, sizeof type, "0x%02x", types[k]);
		else snprintf(type, sizeof type, "%s", v->fs >= FSK_EXT2 ? "8300" : "0700");
		finding_detail(f, "    %-2d %-12llu %-12llu %-12llu %-5s %-6s %s%s%s%s\n", ++k,
			       (unsigned long long)v->start, (unsigned long long)(v->start + v->sectors - 1),
			       (unsigned long long)v->sectors, type, fs_kind_name(v->fs), evidence_of(v, ev, sizeof ev),
			       v->label[0] ? "; label " : "", v->label, v->boot_code ? "; boot code: active" : "");
	}
	int weak = 0;
	for (int i = 0; i < r->nvols; i++)
		if (!r->vols[i].chosen && !other_reading(r, &r->vols[i]) && weak++ < 8)
			finding_detail(f, "    not used: %s at %llu, %llu sectors (%s)\n", fs_kind_name(r->vols[i].fs),
				       (unsigned long long)r->vols[i].start, (unsigned long long)r->vols[i].sectors,
				       r->vols[i].score < 2 ? "unconfirmed" : "overlaps a stronger volume");
	if (weak > 8) finding_detail(f, "    ... and %d more not used\n", weak - 8);
}

static int table_area_empty(const struct disk *d)
{
	for (int i = MBR_TABLE_OFF; i < MBR_SIG_OFF; i++)
		if (d->sec0[i]) return 0;
	return 1;
}

static void plan_mbr(struct disk *d, struct search_result *r, struct finding *f)
{
	uint8_t types[4];
	int k = 0;
	for (int i = 0; i < r->nvols && k < 4; i++)
		if (r->vols[i].chosen) types[k++] = mbr_type_for(&r->vols[i]);
	describe(f, r, "MBR", r->nchosen <= 4 ? types : NULL);
	if (r->nchosen > 4) {
		finding_detail(f, "  More than four volumes: an MBR holds four primary partitions and diskmedic\n"
				  "  does not build logical ones yet. Recreate the table by hand from the list above.\n");
		return;
	}
	struct geometry g = d->bios;
	if (g.source == GEOM_NONE || !g.heads || !g.sectors) g.heads = 255, g.sectors = 63;
	uint8_t *sec = xmalloc(d->ssz);
	memcpy(sec, d->sec0, d->ssz);
	memset(sec + MBR_TABLE_OFF, 0, 64);
	int active = 0;
	k = 0;
	for (int i = 0; i < r->nvols; i++) {
		const struct volume *v = &r->vols[i];
		if (!v->chosen) continue;
		uint8_t *e = sec + MBR_TABLE_OFF + 16 * k;
		struct chs a, b;
		lba_to_chs(v->start, &g, &a);
		lba_to_chs(v->start + v->sectors - 1, &g, &b);
		e[0] = v->boot_code && !active ? 0x80 : 0x00;
		active |= e[0] == 0x80;
		chs_encode(a, e + 1);
		e[4] = types[k];
		chs_encode(b, e + 5);
		put_le32(e + 8, (uint32_t)v->start);
		put_le32(e + 12, (uint32_t)v->sectors);
		k++;
	}
	sec[MBR_SIG_OFF] = 0x55;
	sec[MBR_SIG_OFF + 1] = 0xAA;
	int safe = d->table == TABLE_NONE && table_area_empty(d);
	struct fix *x = fix_add(f, "mbr-partition-table-lost/rebuild-mbr", safe,
				"write an MBR partition table with the %d volume%s found (boot code and disk signature kept)%s",
				k, k == 1 ? "" : "s", safe ? "" : "; replaces the entries there now");
	fix_change(x, MBR_TABLE_OFF, d->sec0 + MBR_TABLE_OFF, sec + MBR_TABLE_OFF, 66, "MBR partition table and signature");
	if (d->mbr.boot_code_empty && syslinux_mbr_len == MBR_DISKSIG_OFF) {
		x = fix_add(f, "mbr-partition-table-lost/install-syslinux-mbr", 0,
			    "install SYSLINUX's generic MBR boot code (Debian syslinux-common mbr.bin) in the empty code "
			    "area; it boots the active partition%s",
			    active ? "" : " (none is active: this alone will not make the disk boot)");
		fix_change(x, 0, d->sec0, syslinux_mbr, MBR_DISKSIG_OFF, "MBR boot code (SYSLINUX mbr.bin)");
		finding_detail(f, "  The MBR boot code area is empty: a BIOS would run zeros. The second fix\n"
				  "  writes SYSLINUX's generic MBR code (loads the active partition's boot sector);\n"
				  "  it is not applied unless asked for, because the original code is unknown.\n");
	}
	free(sec);
}

static void put_entry(uint8_t *e, const struct volume *v)
{
	memcpy(e, v->fs >= FSK_EXT2 ? guid_linux_fs : guid_basic_data, 16);
	random_guid(e + 16);
	put_le64(e + 32, v->start);
	put_le64(e + 40, v->start + v->sectors - 1);
}

static void plan_gpt(struct disk *d, struct search_result *r, struct finding *f)
{
	describe(f, r, "GPT", NULL);
	struct gpt_evidence *ge = &r->gpt;
	struct gpt_header h = {0};
	if (ge->header_found) {
		h = ge->h;
		finding_detail(f, "  Disk GUID kept from the GPT header found at LBA %llu.\n",
			       (unsigned long long)ge->header_lba);
	} else {
		h.num_entries = 128, h.entry_size = 128;
		random_guid(h.disk_guid);
	}
	h.revision = 0x00010000;
	h.header_size = 92;
	uint64_t n = gpt_entry_sectors(d, &h);
	if (d->nsec < 2 * n + 4) return;
	h.first_usable = 2 + n;
	h.last_usable = d->nsec - 2 - n;
	size_t len = (size_t)gpt_entries_bytes(&h);
	uint8_t *ent = xcalloc(1, len);
	if (ge->entries_match && ge->num_entries == h.num_entries && ge->entry_size == h.entry_size) {
		memcpy(ent, ge->entries, len);
		finding_detail(f, "  Partition GUIDs, types and names kept from the entry array at LBA %llu.\n",
			       (unsigned long long)ge->entries_lba);
	}
	for (int i = 0; i < r->nvols; i++) {
		const struct volume *v = &r->vols[i];
		if (!v->chosen) continue;
		if (v->start < h.first_usable || v->start + v->sectors - 1 > h.last_usable) {
			finding_detail(f, "  The volume at %llu lies outside the GPT's usable area: no table offered.\n",
				       (unsigned long long)v->start);
			free(ent);
			return;
		}
		uint32_t free_slot = UINT32_MAX, j;
		for (j = 0; j < h.num_entries; j++) {
			struct gpt_entry e;
			int used = gpt_entry_parse(&h, ent, len, j, &e);
			if (used == 1 && e.first_lba == v->start) break;
			if (used == 0 && free_slot == UINT32_MAX) free_slot = j;
		}
		if (j == h.num_entries && free_slot != UINT32_MAX) put_entry(ent + (size_t)free_slot * h.entry_size, v);
	}
	int safe = d->table == TABLE_NONE && (table_area_empty(d) || d->mbr.is_protective);
	struct fix *x = fix_add(f, "mbr-partition-table-lost/rebuild-gpt", safe,
				"write primary and backup GPT with the %d volume%s found%s", r->nchosen,
				r->nchosen == 1 ? "" : "s", d->mbr.is_protective ? "" : ", and a protective MBR");
	if (!d->mbr.is_protective || !d->mbr.has_signature) {
		uint8_t pm[66] = {0};
		uint64_t last = d->nsec - 1;
		pm[2] = 0x02;	/* CHS 0/0/2: LBA 1 */
		pm[4] = 0xEE;
		pm[5] = 0xFE, pm[6] = 0xFF, pm[7] = 0xFF;
		put_le32(pm + 8, 1);
		put_le32(pm + 12, last > 0xFFFFFFFFull ? 0xFFFFFFFFu : (uint32_t)last);
		pm[64] = 0x55, pm[65] = 0xAA;
		fix_change(x, MBR_TABLE_OFF, d->sec0 + MBR_TABLE_OFF, pm, 66, "protective MBR entry and signature");
	}
	struct gpt_header ph = h, bh = h;
	ph.my_lba = 1, ph.alternate_lba = d->nsec - 1, ph.entries_lba = 2;
	bh.my_lba = d->nsec - 1, bh.alternate_lba = 1, bh.entries_lba = d->nsec - 1 - n;
	gpt_plan_copy(x, d, &ph, ent, len, "primary");
	gpt_plan_copy(x, d, &bh, ent, len, "backup");
	free(ent);
}

void search_plan(struct disk *d, struct search_result *r, struct finding *f)
{
	if (!r->nchosen) return;
	int gpt = r->gpt.header_found || r->gpt.entries_match || r->gpt.protective_mbr || d->size > (2ull << 40);
	for (int i = 0; i < r->nvols; i++)
		if (r->vols[i].chosen && r->vols[i].start + r->vols[i].sectors > 0xFFFFFFFFull) gpt = 1;
	if (gpt) plan_gpt(d, r, f);
	else plan_mbr(d, r, f);
}
