/* From the volumes found to a partition table, as exact byte changes for the
 * one writer. MBR unless the disk was GPT (a GPT header or entry array
 * survives, sector 0 is a protective MBR) or must be (over 2 TiB). What
 * survives is kept: MBR boot code and disk signature, the GPT disk GUID,
 * partition GUIDs, types and names. */
#include "search.h"
#include "../fix/gpt_restore.h"
#include "../windows/windows.h"
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

static uint8_t mbr_type_for(const struct volume *v) { return fs_kind_mbr_type(v->fs, v->start, v->sectors); }

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
	uint64_t seen = v->primary_lba != UINT64_MAX ? v->primary_lba : v->backup_lba;
	if (v->stale[0]) {
		/* Found by an old filesystem's remnant; libblkid names what lives there now. */
		snprintf(buf, n, "libblkid finds %s; the %s sector at %llu is a remnant", v->content, v->stale,
			 (unsigned long long)seen);
		return buf;
	}
	if (v->fs > FSK_EXT4) {
		snprintf(buf, n, "libblkid finds %s at %llu", v->content[0] ? v->content : fs_kind_name(v->fs),
			 (unsigned long long)v->start);
		return buf;
	}
	const char *what = fs_kind_is_ext(v->fs) ? "superblock" : "boot sector";
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
static void describe(struct proposal *f, const struct search_result *r, const char *kind, const uint8_t *types)
{
	char ev[128];
	proposal_detail(f, "  Proposed %s partition table, from what the search found:\n", kind);
	proposal_detail(f, "    %-2s %-12s %-12s %-12s %-5s %-6s %s\n", "#", "start", "end", "sectors", "type", "fs",
		       "evidence");
	int k = 0;
	for (int i = 0; i < r->nvols; i++) {
		const struct volume *v = &r->vols[i];
		if (!v->chosen) continue;
		char type[8];
		if (types) snprintf(type, sizeof type, "0x%02x", types[k]);
		else snprintf(type, sizeof type, "%s", fs_kind_linux(v->fs) ? "8300" : "0700");
		proposal_detail(f, "    %-2d %-12llu %-12llu %-12llu %-5s %-6s %s%s%s%s\n", ++k,
			       (unsigned long long)v->start, (unsigned long long)(v->start + v->sectors - 1),
			       (unsigned long long)v->sectors, type, fs_kind_name(v->fs), evidence_of(v, ev, sizeof ev),
			       v->label[0] ? "; label " : "", v->label, v->boot_code ? "; boot code: active" : "");
	}
	int weak = 0;
	for (int i = 0; i < r->nvols; i++)
		if (!r->vols[i].chosen && !other_reading(r, &r->vols[i]) && weak++ < 8)
			proposal_detail(f, "    not used: %s at %llu, %llu sectors (%s)\n", fs_kind_name(r->vols[i].fs),
				       (unsigned long long)r->vols[i].start, (unsigned long long)r->vols[i].sectors,
				       r->vols[i].refused[0] ? r->vols[i].refused
				       : r->vols[i].score < 2 ? "unconfirmed" : "overlaps a stronger volume");
	if (weak > 8) proposal_detail(f, "    ... and %d more not used\n", weak - 8);
}

static int table_area_empty(const struct disk *d)
{
	for (int i = MBR_TABLE_OFF; i < MBR_SIG_OFF; i++)
		if (d->sec0[i]) return 0;
	return 1;
}

/* One 16-byte MBR/EBR entry; CHS from absolute LBAs, LBA fields relative to
 * base (0 in the MBR; in an EBR the EBR itself for its volume and the
 * extended partition's start for the link to the next EBR). */
static void put_mbr_entry(uint8_t *e, const struct geometry *g, uint8_t boot, uint8_t type, uint64_t start,
			  uint64_t sectors, uint64_t base)
{
	struct chs a, b;
	lba_to_chs(start, g, &a);
	lba_to_chs(start + sectors - 1, g, &b);
	e[0] = boot;
	chs_encode(a, e + 1);
	e[4] = type;
	chs_encode(b, e + 5);
	put_le32(e + 8, (uint32_t)(start - base));
	put_le32(e + 12, (uint32_t)sectors);
}

static int all_zero(const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i]) return 0;
	return 1;
}

/* An EBR as partitioning tools write it: no code before the table, 55 AA
 * after it. A boot sector (of a volume the search does not know, exFAT say)
 * has code there and is never taken for one. */
static int old_ebr(const uint8_t *sec)
{
	return sec[MBR_SIG_OFF] == 0x55 && sec[MBR_SIG_OFF + 1] == 0xAA && all_zero(sec, MBR_TABLE_OFF);
}

/* One EBR to write: where, and its table area (entries and 55 AA) now and after. */
struct ebr_plan {
	uint64_t lba;
	uint8_t before[66], after[66];
};

/* Past four volumes: three primary entries, and an extended partition whose
 * chain of EBRs holds the rest, as fdisk lays it out: each EBR in the first
 * sector after the volume before it (fdisk's place, so the EBRs of a disk
 * that lost only its MBR are rewritten with what they hold). An EBR goes only
 * where a sector is free: after the previous volume, before its own, and
 * empty or an old EBR; else no table is offered. Fills e[3..n-1] (each
 * sector read once) and the extended entry mbr_e; 0, or -1 with why. */
static int plan_logical(struct disk *d, const struct search_result *r, const struct geometry *g, const int *chosen,
			int n, struct ebr_plan *e, uint8_t *mbr_e, char *why, size_t whylen)
{
	uint8_t *sec = xmalloc(d->ssz);
	int rc = 0;
	for (int k = 3; k < n; k++) {
		const struct volume *prev = &r->vols[chosen[k - 1]], *v = &r->vols[chosen[k]];
		e[k].lba = prev->start + prev->sectors;
		if (e[k].lba >= v->start) {
			snprintf(why, whylen, "no free sector for an EBR between the volumes at %llu and %llu",
				 (unsigned long long)prev->start, (unsigned long long)v->start);
			rc = -1;
			goto out;
		}
		if (probe_read_sectors(d, e[k].lba, 1, sec) != 0 || (!all_zero(sec, d->ssz) && !old_ebr(sec))) {
			snprintf(why, whylen, "sector %llu, where the EBR of the volume at %llu would go, holds data",
				 (unsigned long long)e[k].lba, (unsigned long long)v->start);
			rc = -1;
			goto out;
		}
		memcpy(e[k].before, sec + MBR_TABLE_OFF, 66);
		uint8_t *t = e[k].after;
		memset(t, 0, 66);
		put_mbr_entry(t, g, 0, mbr_type_for(v), v->start, v->sectors, e[k].lba);
		/* An old EBR that describes this very volume keeps its type (0x06
		 * where diskmedic would say 0x04: both are FAT16). */
		const uint8_t *old = e[k].before;
		if (old_ebr(sec) && old[4] && le32(old + 8) == le32(t + 8) && le32(old + 12) == le32(t + 12))
			t[4] = old[4];
		t[64] = 0x55, t[65] = 0xAA;
	}
	/* The links need every EBR's place: the extended partition starts at
	 * the first, and each link is relative to it. */
	const struct volume *last = &r->vols[chosen[n - 1]];
	uint64_t ext = e[3].lba, ext_len = last->start + last->sectors - ext;
	put_mbr_entry(mbr_e, g, 0, ext + ext_len > CHS_LIMIT ? 0x0F : 0x05, ext, ext_len, 0);
	for (int k = 3; k + 1 < n; k++) {
		const struct volume *next = &r->vols[chosen[k + 1]];
		put_mbr_entry(e[k].after + 16, g, 0, 0x05, e[k + 1].lba, next->start + next->sectors - e[k + 1].lba,
			      ext);
	}
out:
	free(sec);
	return rc;
}

/* The disk signature Windows recorded for the chosen NTFS volumes
 * (MountedDevices: signature + byte offset), when the installations found
 * on them agree; 0 when none says. A rebuilt table keeps the old signature
 * otherwise (often 0 after the loss), and Windows' BCD would not find its
 * boot volume. */
static uint32_t windows_signature(struct disk *d, struct search_result *r, const int *chosen, int n, int *from)
{
	uint32_t sig = 0;
	/* The modelled volumes live as long as the disk: the scan's memo keys
	 * what it keeps by partition address. A second plan reuses them. */
	if (!d->shadow) {
		d->shadow = xcalloc((size_t)n + 1, sizeof *d->shadow);
		for (int k = 0; k < n; k++) {
			const struct volume *v = &r->vols[chosen[k]];
			if (v->fs != FSK_NTFS) continue;
			struct part *p = &d->shadow[d->nshadow++];
			p->index = k + 1;
			p->start = v->start;
			p->sectors = v->sectors;
			p->fs = "ntfs";
		}
	}
	for (int k = 0; k < d->nshadow; k++) {
		struct part *p = &d->shadow[k];
		const struct win_install *w = windows_get(d, p);
		if (!w || !w->readable || !w->own_sig_known) continue;
		if (sig && sig != w->own_sig) return 0;	/* two installations disagree: take neither */
		sig = w->own_sig;
		*from = p->index;
	}
	return sig;
}

static void plan_mbr(struct disk *d, struct search_result *r, struct proposal *f)
{
	int n = 0, *chosen = xcalloc((size_t)r->nvols + 1, sizeof *chosen);
	for (int i = 0; i < r->nvols; i++)
		if (r->vols[i].chosen) chosen[n++] = i;
	uint8_t *types = xcalloc((size_t)n + 1, 1);
	for (int k = 0; k < n; k++) types[k] = mbr_type_for(&r->vols[chosen[k]]);
	describe(f, r, "MBR", types);
	if (n > 4)
		proposal_detail(f, "  More than four volumes: the first three become primary partitions, the rest\n"
				  "  logical partitions 5-%d in an extended partition (entry 4).\n", n + 1);
	struct geometry g = d->bios;
	if (g.source == GEOM_NONE || !g.heads || !g.sectors) g.heads = 255, g.sectors = 63;
	uint8_t *sec = xmalloc(d->ssz);
	memcpy(sec, d->sec0, d->ssz);
	memset(sec + MBR_TABLE_OFF, 0, 64);
	int active = 0, replaces = 0;
	for (int k = 0; k < n && k < (n > 4 ? 3 : 4); k++) {
		const struct volume *v = &r->vols[chosen[k]];
		uint8_t boot = v->boot_code && !active ? 0x80 : 0x00;
		active |= boot == 0x80;
		put_mbr_entry(sec + MBR_TABLE_OFF + 16 * k, &g, boot, types[k], v->start, v->sectors, 0);
	}
	sec[MBR_SIG_OFF] = 0x55;
	sec[MBR_SIG_OFF + 1] = 0xAA;
	int sig_from = 0;
	uint32_t wsig = windows_signature(d, r, chosen, n, &sig_from);
	if (wsig == le32(d->sec0 + MBR_DISKSIG_OFF)) wsig = 0;	/* already right */
	if (wsig) {
		put_le32(sec + MBR_DISKSIG_OFF, wsig);
		proposal_detail(f, "  Disk signature %08x (now %08x): Windows on the volume that becomes partition %d\n"
				  "  recorded its volumes on that disk (MountedDevices); its BCD finds them so.\n",
			       wsig, le32(d->sec0 + MBR_DISKSIG_OFF), sig_from);
	}
	char why[160];
	struct ebr_plan *ebrs = xcalloc((size_t)n + 1, sizeof *ebrs);
	if (n > 4 && plan_logical(d, r, &g, chosen, n, ebrs, sec + MBR_TABLE_OFF + 48, why, sizeof why)) {
		proposal_detail(f, "  No table offered: %s.\n", why);
		goto out;
	}
	/* Safe only when no old EBR would change. */
	for (int k = 3; k < n && n > 4; k++)
		replaces |= !all_zero(ebrs[k].before, 64) && memcmp(ebrs[k].before, ebrs[k].after, 66) != 0;
	int safe = d->table == TABLE_NONE && table_area_empty(d) && !replaces;
	struct fix *x = proposal_fix(f, "mbr-partition-table-lost/rebuild-mbr", safe,
				"write an MBR partition table with the %d volume%s found%s (%s)%s",
				n, n == 1 ? "" : "s", n > 4 ? ", logical ones in EBRs" : "",
				wsig ? "boot code kept; disk signature from Windows' MountedDevices"
				     : "boot code and disk signature kept",
				safe ? "" : "; replaces the entries there now");
	/* EBRs first: a table is never left pointing at a chain not yet written. */
	for (int k = 3; k < n && n > 4; k++) {
		char what[64];
		snprintf(what, sizeof what, "EBR of logical partition %d (sector %llu)", k + 2,
			 (unsigned long long)ebrs[k].lba);
		fix_change(x, ebrs[k].lba * d->ssz + MBR_TABLE_OFF, ebrs[k].before, ebrs[k].after, 66, what);
	}
	if (wsig)
		fix_change(x, MBR_DISKSIG_OFF, d->sec0 + MBR_DISKSIG_OFF, sec + MBR_DISKSIG_OFF, 4,
			   "MBR disk signature (from Windows' MountedDevices)");
	fix_change(x, MBR_TABLE_OFF, d->sec0 + MBR_TABLE_OFF, sec + MBR_TABLE_OFF, 66, "MBR partition table and signature");
	if (d->mbr.boot_code_empty && syslinux_mbr_len == MBR_DISKSIG_OFF) {
		x = proposal_fix(f, "mbr-partition-table-lost/install-syslinux-mbr", 0,
			    "install SYSLINUX's generic MBR boot code (Debian syslinux-common mbr.bin) in the empty code "
			    "area; it boots the active partition%s",
			    active ? "" : " (none is active: this alone will not make the disk boot)");
		fix_change(x, 0, d->sec0, syslinux_mbr, MBR_DISKSIG_OFF, "MBR boot code (SYSLINUX mbr.bin)");
		proposal_detail(f, "  The MBR boot code area is empty: a BIOS would run zeros. The second fix\n"
				  "  writes SYSLINUX's generic MBR code (loads the active partition's boot sector);\n"
				  "  it is not applied unless asked for, because the original code is unknown.\n");
	}
out:
	free(ebrs);
	free(sec);
	free(types);
	free(chosen);
}

static void put_entry(uint8_t *e, const struct volume *v)
{
	memcpy(e, fs_kind_linux(v->fs) ? guid_linux_fs : guid_basic_data, 16);
	random_guid(e + 16);
	put_le64(e + 32, v->start);
	put_le64(e + 40, v->start + v->sectors - 1);
}

static void plan_gpt(struct disk *d, struct search_result *r, struct proposal *f)
{
	describe(f, r, "GPT", NULL);
	struct gpt_evidence *ge = &r->gpt;
	struct gpt_header h = {0};
	if (ge->header_found) {
		h = ge->h;
		proposal_detail(f, "  Disk GUID kept from the GPT header found at LBA %llu.\n",
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
		proposal_detail(f, "  Partition GUIDs, types and names kept from the entry array at LBA %llu.\n",
			       (unsigned long long)ge->entries_lba);
	}
	for (int i = 0; i < r->nvols; i++) {
		const struct volume *v = &r->vols[i];
		if (!v->chosen) continue;
		if (v->start < h.first_usable || v->start + v->sectors - 1 > h.last_usable) {
			proposal_detail(f, "  The volume at %llu lies outside the GPT's usable area: no table offered.\n",
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
	struct fix *x = proposal_fix(f, "mbr-partition-table-lost/rebuild-gpt", safe,
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

void search_plan(struct disk *d, struct search_result *r, struct proposal *f)
{
	if (!r->nchosen) return;
	int gpt = r->gpt.header_found || r->gpt.entries_match || r->gpt.protective_mbr || d->size > (2ull << 40);
	for (int i = 0; i < r->nvols; i++)
		if (r->vols[i].chosen && r->vols[i].start + r->vols[i].sectors > 0xFFFFFFFFull) gpt = 1;
	if (gpt) plan_gpt(d, r, f);
	else plan_mbr(d, r, f);
}
