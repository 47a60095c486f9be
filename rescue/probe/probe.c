/* Build the disk model from the bytes on the disk. */
#include "probe.h"
#include "../io/image.h"
#include "../lib/util.h"
#include "../parse/bootcode.h"
#include "../parse/fat_bpb.h"
#include "../parse/le.h"
#include "../parse/ntfs_bpb.h"
#include "ntfs_evidence.h"
#include "content.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The EBR chain is attacker-controlled data: bound it by count and refuse
 * revisiting an EBR, so a loop or a 10 000-link chain ends quickly. */
#define EBR_MAX_LINKS 4096

int probe_read_sectors(struct disk *d, uint64_t lba, uint32_t count, uint8_t *buf)
{
	if (lba >= d->nsec || count > d->nsec - lba) return -1;
	return dev_read(d->dev, lba * d->ssz, buf, (size_t)count * d->ssz);
}

struct part *disk_part(struct disk *d, int index)
{
	for (int i = 0; i < d->nparts; i++)
		if (d->parts[i].index == index) return &d->parts[i];
	return NULL;
}

void disk_free(struct disk *d)
{
	if (!d) return;
	free(d->shadow);
	free(d->gpt[0].entries);
	free(d->gpt[1].entries);
	free(d->sec0);
	free(d);
}

static struct part *new_part(struct disk *d)
{
	if (d->nparts >= MAX_PARTS) {
		d->ebr_truncated = d->ebr_limit = 1;
		snprintf(d->ebr_note, sizeof d->ebr_note, "more than %d partitions; the rest are not examined",
			 MAX_PARTS);
		return NULL;
	}
	struct part *p = &d->parts[d->nparts++];
	memset(p, 0, sizeof *p);
	return p;
}

/* Which NTFS or FAT volume diskmedic's own parsers see at this partition.
 * Also looks at the backup boot sectors, so that a destroyed primary still
 * names the filesystem; what libblkid says decides whether that is the
 * volume or the remnant of an earlier one (detect_fs). */
static const char *own_fs(struct disk *d, struct part *p)
{
	uint8_t *b = xmalloc(d->ssz);
	struct nt_bpb nb;
	struct fat_bpb fb;
	const char *fs = NULL;
	if (probe_read_sectors(d, p->start, 1, b) == 0) {
		if (nt_bpb_parse(b, d->ssz, &nb) == NTFS_BPB_OK || memcmp(b + 3, "NTFS    ", 8) == 0)
			fs = "ntfs";
		else if (fat_bpb_parse(b, d->ssz, &fb) == 0)
			fs = fb.fat32_layout ? "fat32" : fb.kind == FAT16 ? "fat16" : "fat12";
	}
	if (!fs && p->sectors > 1 && probe_read_sectors(d, p->start + p->sectors - 1, 1, b) == 0 &&
	    nt_bpb_parse(b, d->ssz, &nb) == NTFS_BPB_OK)
		fs = "ntfs";	/* only the backup at the partition's end survives */
	if (!fs && p->sectors > FAT32_BACKUP_DEFAULT &&
	    probe_read_sectors(d, p->start + FAT32_BACKUP_DEFAULT, 1, b) == 0 && fat_bpb_parse(b, d->ssz, &fb) == 0 &&
	    fb.fat32_layout)
		fs = "fat32";
	free(b);
	return fs;
}

/* An NTFS backup boot sector at the partition's end, where libblkid found
 * something other than NTFS: the most common remnant of a reformat. */
static int stale_ntfs_backup(struct disk *d, struct part *p)
{
	uint8_t *b = xmalloc(d->ssz);
	struct nt_bpb nb;
	int stale = p->sectors > 1 && probe_read_sectors(d, p->start + p->sectors - 1, 1, b) == 0 &&
		    nt_bpb_parse(b, d->ssz, &nb) == NTFS_BPB_OK;
	free(b);
	return stale;
}

void probe_identify(struct disk *d, uint64_t off, uint64_t size, struct content *c)
{
	if (d->dev->img) {
		/* A VM disk image has no file descriptor of its raw bytes. */
		int fd = image_range_fd(d->dev, off, size);
		content_identify(fd, 0, size, c);
		if (fd >= 0) close(fd);
	} else {
		content_identify(d->dev->fd, off, size, c);
	}
}

/* What the partition holds. libblkid names the live content; diskmedic's
 * NTFS and FAT checks look only at a partition whose live content is NTFS or
 * FAT, or where libblkid recognises nothing at all (a damaged volume: the
 * checks then need their own strong evidence, such as an intact backup boot
 * sector whose $MFT holds FILE records). NTFS/FAT signatures beside other
 * live content are remnants, recorded as stale and never examined. */
static void detect_fs(struct disk *d, struct part *p)
{
	uint64_t avail = d->nsec - p->start;
	uint64_t n = p->sectors < avail ? p->sectors : avail;
	const char *own = own_fs(d, p);
	struct content *c = &p->content;
	probe_identify(d, p->start * d->ssz, n * d->ssz, c);
	switch (c->state) {
	case CONTENT_UNPROBED:
	case CONTENT_NONE:
		p->fs = own;
		break;
	case CONTENT_AMBIGUOUS:
		p->fs = NULL;	/* nothing examines, nothing writes */
		break;
	case CONTENT_FOUND:
		if (!strcmp(c->type, "ntfs")) {
			p->fs = "ntfs";
		} else if (!strcmp(c->type, "vfat")) {
			p->fs = own && strncmp(own, "fat", 3) == 0 ? own
				: !strcmp(c->version, "FAT32") ? "fat32"
				: !strcmp(c->version, "FAT16") ? "fat16" : "fat12";
			if (stale_ntfs_backup(d, p)) snprintf(c->stale, sizeof c->stale, "ntfs");
		} else {
			p->fs = NULL;
			if (own) snprintf(c->stale, sizeof c->stale, "%s", own);
		}
		break;
	}
}

static void add_mbr_part(struct disk *d, const struct mbr_entry *e, int index, uint64_t base, uint64_t entry_off,
			 uint64_t ebr_lba)
{
	struct part *p = new_part(d);
	if (!p) return;
	p->index = index;
	p->entry = *e;
	p->start = base + e->lba_first;
	p->sectors = e->sectors;
	p->mbr_type = e->type;
	p->active = e->status == 0x80;
	p->is_extended = mbr_type_is_extended(e->type);
	p->entry_offset = entry_off;
	p->ebr_lba = ebr_lba;
	snprintf(p->type, sizeof p->type, "0x%02x", e->type);
}

/* Walk the extended partition's chain of EBRs. Each EBR holds a logical
 * partition (relative to that EBR) and a link (relative to the extended
 * partition's start). */
static void walk_ebr_chain(struct disk *d, uint64_t ext_start, uint64_t ext_sectors)
{
	uint64_t *seen = xmalloc(EBR_MAX_LINKS * sizeof *seen);
	int nseen = 0, index = 5;
	uint64_t ebr = ext_start;
	uint8_t *b = xmalloc(d->ssz);
	for (;;) {
		for (int i = 0; i < nseen; i++)
			if (seen[i] == ebr) {
				d->ebr_truncated = 1;
				snprintf(d->ebr_note, sizeof d->ebr_note, "EBR chain loops back to sector %llu",
					 (unsigned long long)ebr);
				goto out;
			}
		if (nseen == EBR_MAX_LINKS) {
			d->ebr_truncated = d->ebr_limit = 1;
			snprintf(d->ebr_note, sizeof d->ebr_note, "EBR chain longer than %d links", EBR_MAX_LINKS);
			goto out;
		}
		seen[nseen++] = ebr;
		struct mbr m;
		if (probe_read_sectors(d, ebr, 1, b) != 0 || mbr_parse(b, d->ssz, &m) != 0 || !m.has_signature) {
			d->ebr_truncated = 1;
			snprintf(d->ebr_note, sizeof d->ebr_note, "EBR at sector %llu is unreadable or has no signature",
				 (unsigned long long)ebr);
			goto out;
		}
		if (m.e[0].type && !mbr_type_is_extended(m.e[0].type)) {
			add_mbr_part(d, &m.e[0], index++, ebr, ebr * d->ssz + MBR_TABLE_OFF, ebr);
			if (d->ebr_truncated) goto out;
		}
		/* An extended-type link at offset 0 with a size points back at the
		 * first EBR: a loop (caught above), not the end of the chain. */
		if (!mbr_type_is_extended(m.e[1].type) || (m.e[1].lba_first == 0 && m.e[1].sectors == 0)) break;
		if (m.e[1].lba_first >= ext_sectors) {
			d->ebr_truncated = 1;
			snprintf(d->ebr_note, sizeof d->ebr_note, "EBR link at sector %llu points outside the extended partition",
				 (unsigned long long)ebr);
			break;
		}
		ebr = ext_start + m.e[1].lba_first;
	}
out:
	free(b);
	free(seen);
}

static void read_gpt_side(struct disk *d, int side, uint64_t lba)
{
	struct gpt_side *g = &d->gpt[side];
	uint8_t *b = xmalloc(d->ssz);
	g->lba = lba;
	if (lba < d->nsec && probe_read_sectors(d, lba, 1, b) == 0 && gpt_header_parse(b, d->ssz, &g->h) == 0) {
		g->present = 1;
		g->header_ok = g->h.header_crc_ok && g->h.my_lba == lba;
		uint64_t len = (uint64_t)g->h.num_entries * g->h.entry_size;
		uint64_t sectors = (len + d->ssz - 1) / d->ssz;
		if (len && len <= 64u << 20 && g->h.entries_lba < d->nsec && sectors <= d->nsec - g->h.entries_lba) {
			g->entries = xcalloc(1, sectors * d->ssz);
			g->entries_len = (size_t)len;
			if (probe_read_sectors(d, g->h.entries_lba, (uint32_t)sectors, g->entries) == 0)
				g->entries_ok = gpt_entries_crc_ok(&g->h, g->entries, g->entries_len);
		}
	}
	free(b);
}

static void probe_gpt(struct disk *d)
{
	read_gpt_side(d, 0, 1);
	/* The backup is where the primary says, else at the last LBA. */
	uint64_t alt = d->gpt[0].present && d->gpt[0].h.alternate_lba < d->nsec ? d->gpt[0].h.alternate_lba : d->nsec - 1;
	read_gpt_side(d, 1, alt);
	if (!d->gpt[1].present && alt != d->nsec - 1) read_gpt_side(d, 1, d->nsec - 1);
	int use = d->gpt[0].header_ok && d->gpt[0].entries_ok ? 0 : d->gpt[1].header_ok && d->gpt[1].entries_ok ? 1 : -1;
	if (use < 0) return;
	d->table = TABLE_GPT;
	struct gpt_side *g = &d->gpt[use];
	for (uint32_t i = 0; i < g->h.num_entries; i++) {
		struct gpt_entry e;
		if (gpt_entry_parse(&g->h, g->entries, g->entries_len, i, &e) != 1) continue;
		struct part *p = new_part(d);
		if (!p) break;
		p->index = (int)i + 1;
		p->gpt = e;
		p->start = e.first_lba;
		p->sectors = e.last_lba >= e.first_lba ? e.last_lba - e.first_lba + 1 : 0;
		p->entry_offset = (g->h.entries_lba * d->ssz) + (uint64_t)i * g->h.entry_size;
		const char *tn = gpt_type_name(e.type_guid);
		if (tn) snprintf(p->type, sizeof p->type, "%s", tn);
		else gpt_guid_str(e.type_guid, p->type);
	}
}

/* With no table to go by (sector 0 lost), a volume at the usual 1 MiB
 * alignment still says which sector size it was made for: NTFS and FAT
 * record the logical sector size in their BPB. Without this a 4Kn image
 * whose table is lost would be searched in 512-byte sectors, where none of
 * its volumes make sense, and reported clean. */
static uint32_t guess_from_volume(struct dev *dev)
{
	uint8_t v[4096];
	struct nt_bpb nb;
	struct fat_bpb fb;
	if (dev->size < (1 << 20) + sizeof v || dev_read(dev, 1 << 20, v, sizeof v) != 0) return dev->ssz;
	if ((nt_bpb_parse(v, sizeof v, &nb) == NTFS_BPB_OK && nb.bytes_per_sector == 4096) ||
	    (fat_bpb_parse(v, sizeof v, &fb) == 0 && fb.bytes_per_sector == 4096))
		return 4096;
	return dev->ssz;
}

/* A volume's first sector at byte off: NTFS's OEM id or a 55 AA signature.
 * A backup boot sector is looked for inside volume data, where 55 AA alone
 * proves little: there it must be NTFS's (the volume's last sector) or
 * FAT32's (sector 6), signature and name both. */
static int boot_sector_at(struct dev *dev, uint64_t off, int backup)
{
	uint8_t v[512];
	if (off + sizeof v > dev->size || dev_read(dev, off, v, sizeof v) != 0) return 0;
	int sig = v[510] == 0x55 && v[511] == 0xAA;
	if (backup) return sig && (memcmp(v + 3, "NTFS    ", 8) == 0 || memcmp(v + 0x52, "FAT32   ", 8) == 0);
	return memcmp(v + 3, "NTFS", 4) == 0 || sig;
}

/* A full NTFS or FAT boot sector at byte off whose BPB says 4096 bytes per
 * sector (a backup must be NTFS's or FAT32's). 55 AA alone, which any file's
 * data may hold at a 4096-byte multiple, is not enough to read a disk in
 * 4096-byte sectors. */
static int bpb_4096_at(struct dev *dev, uint64_t off, int backup)
{
	uint8_t v[4096];
	struct nt_bpb nb;
	struct fat_bpb fb;
	if (off > dev->size || sizeof v > dev->size - off || dev_read(dev, off, v, sizeof v) != 0) return 0;
	if (nt_bpb_parse(v, sizeof v, &nb) == NTFS_BPB_OK) return nb.bytes_per_sector == 4096;
	return fat_bpb_parse(v, sizeof v, &fb) == 0 && fb.bytes_per_sector == 4096 && (!backup || fb.fat32_layout);
}

/* A sound GPT header at the last ssz-byte sector that says it is there: the
 * backup a protective MBR promises. With the primary lost this is the one
 * place a GPT disk still says its sector size. */
static int gpt_backup_at_end(struct dev *dev, uint32_t ssz)
{
	uint8_t v[4096];
	struct gpt_header h;
	uint64_t n = dev->size / ssz;
	if (n < 3 || dev_read(dev, (n - 1) * ssz, v, ssz) != 0) return 0;
	return gpt_header_parse(v, ssz, &h) == 0 && h.header_crc_ok && h.my_lba == n - 1;
}

/* A copy of $MFT's first records in the NTFS-typed partition this entry
 * describes when the disk is read in ssz-byte sectors: the NTFS checks' own
 * search (ntfs_evidence.c, which also checks that the records' LCNs explain
 * where they were found), run over a scratch model of that one partition.
 * In 4096-byte sectors the entry must also fit the disk: a 512-byte table
 * read 8 times larger usually does not. */
static int mft_evidence_at(struct dev *dev, const struct mbr_entry *e, uint32_t ssz)
{
	if (((uint64_t)e->lba_first + e->sectors) * ssz > dev->size && ssz > 512) return 0;
	struct disk *t = xcalloc(1, sizeof *t);
	t->dev = dev;
	t->path = dev->path;
	t->size = dev->size;
	t->ssz = ssz;
	t->nsec = dev->size / ssz;
	struct part p = {.start = e->lba_first, .sectors = e->sectors, .mbr_type = e->type};
	struct nt_evidence ev;
	char why[160];
	int found = nt_part_type_fits(&p) && p.start < t->nsec && nt_find_evidence(t, &p, &ev, why, sizeof why) == 0;
	free(t);
	return found;
}

/* Read in unit-byte sectors, does some entry's volume start with a boot
 * sector (at(..., 0)), or, failing that anywhere, end with its NTFS backup
 * or hold FAT32's at sector 6 (at(..., 1))? */
static int entries_explained(struct dev *dev, const struct mbr *m, uint32_t unit,
			     int (*at)(struct dev *, uint64_t, int))
{
	for (int backup = 0; backup < 2; backup++)
		for (int i = 0; i < 4; i++) {
			const struct mbr_entry *e = &m->e[i];
			if (!e->type || !e->lba_first) continue;
			if (!backup && at(dev, (uint64_t)e->lba_first * unit, 0)) return 1;
			if (backup && e->sectors > 6 &&
			    (at(dev, ((uint64_t)e->lba_first + e->sectors - 1) * unit, 1) ||
			     at(dev, ((uint64_t)e->lba_first + 6) * unit, 1)))
				return 1;
		}
	return 0;
}

/* An image file carries no sector size. Prefer 512 unless the structures on
 * it only make sense with 4096-byte sectors. */
static uint32_t guess_image_sector_size(struct dev *dev)
{
	uint8_t b[4096 + 512];
	if (dev->is_blockdev || dev->size < sizeof b) return dev->ssz;
	if (dev_read(dev, 0, b, sizeof b) != 0) return dev->ssz;
	if (memcmp(b + 512, GPT_SIGNATURE, 8) == 0) return 512;
	if (memcmp(b + 4096, GPT_SIGNATURE, 8) == 0) return 4096;
	/* A whole-disk (superfloppy) NTFS: its own BPB says (tests/t0257). */
	struct nt_bpb nb;
	if (nt_bpb_parse(b, 4096, &nb) == NTFS_BPB_OK && (nb.bytes_per_sector == 512 || nb.bytes_per_sector == 4096))
		return nb.bytes_per_sector;
	struct mbr m;
	if (mbr_parse(b, 512, &m) != 0 || !m.has_signature) return guess_from_volume(dev);
	/* A protective MBR with the primary GPT header gone: the backup at the
	 * disk's last sector, 512 first (tests/t0256). */
	if (m.is_protective) {
		if (gpt_backup_at_end(dev, 512)) return 512;
		if (gpt_backup_at_end(dev, 4096)) return 4096;
	}
	/* Every 512-byte explanation first: where an entry's volume starts, then,
	 * for a volume whose first sector is gone, where its backup boot sector
	 * sits. Only then 4096, and only on a full BPB that says 4096: trying
	 * 4096 earlier let a 55 AA inside a file's data at an entry's start x 4096
	 * outvote a 512-byte disk's intact backup boot sector. */
	if (entries_explained(dev, &m, 512, boot_sector_at)) return 512;
	if (entries_explained(dev, &m, 4096, bpb_4096_at)) return 4096;
	/* Both boot sectors lost: the volume's $MFT still says where it is, and
	 * so which sector size the table was written in. 512 first again. */
	for (int pass = 0; pass < 2; pass++)
		for (int i = 0; i < 4; i++) {
			const struct mbr_entry *e = &m.e[i];
			if (!e->type || !e->lba_first || !e->sectors) continue;
			if (!pass && mft_evidence_at(dev, e, 512)) return 512;
			if (pass && mft_evidence_at(dev, e, 4096)) return 4096;
		}
	return dev->ssz;
}

/* A superfloppy: no partition table, a filesystem from sector 0 over the
 * whole disk (mkntfs -p 0, mkfs.exfat or mkfs.fat on the whole device, many
 * USB sticks). Modelled as one pseudo-partition, index 1, start 0, the whole
 * disk, so every check and the writer's fence treat it like any partition.
 * Only when sector 0 is an NTFS or FAT boot sector to diskmedic's parsers or
 * libblkid names a filesystem over the whole disk: an empty disk, or one
 * whose table is lost (nothing at sector 0), stays without partitions. */
static void probe_whole_disk(struct disk *d)
{
	struct part *p = new_part(d);
	p->index = 1;
	p->start = 0;
	p->sectors = d->nsec;
	p->whole_disk = 1;
	snprintf(p->type, sizeof p->type, "whole-disk");
	detect_fs(d, p);
	struct nt_bpb nb;
	struct fat_bpb fb;
	int own0 = nt_bpb_parse(d->sec0, d->ssz, &nb) == NTFS_BPB_OK || fat_bpb_parse(d->sec0, d->ssz, &fb) == 0;
	int fs = p->content.state == CONTENT_FOUND && !strcmp(p->content.usage, "filesystem");
	if (!own0 && !fs) d->nparts--;	/* nothing that starts at sector 0 */
}

struct disk *probe_disk(struct dev *dev, char *why, size_t whylen)
{
	struct disk *d = xcalloc(1, sizeof *d);
	d->dev = dev;
	d->path = dev->path;
	d->nchain = image_chain(dev, d->chain, d->chain_format, 16);
	d->ssz = dev->ssz = guess_image_sector_size(dev);
	d->size = dev->size;
	d->nsec = dev->size / d->ssz;
	if (d->nsec == 0) {
		snprintf(why, whylen, "%s: smaller than one %u-byte sector", dev->path, d->ssz);
		disk_free(d);
		return NULL;
	}
	d->sec0 = xmalloc(d->ssz);
	if (probe_read_sectors(d, 0, 1, d->sec0) != 0) {
		snprintf(why, whylen, "%s: cannot read sector 0: %s", dev->path, dev->why);
		disk_free(d);
		return NULL;
	}
	mbr_parse(d->sec0, d->ssz, &d->mbr);
	mbrcode_identify(d->sec0, &d->mbr_code);
	/* A protective MBR promises a GPT header at LBA 1 and entries after it;
	 * an image that ends before them was cut short, and nothing on it can
	 * be examined. */
	if (d->mbr.has_signature && d->mbr.is_protective && d->nsec < 3) {
		snprintf(why, whylen, "%s: truncated: its protective MBR announces a GPT, but the image ends after %llu bytes",
			 dev->path, (unsigned long long)dev->size);
		disk_free(d);
		return NULL;
	}
	if (d->nsec > 2) probe_gpt(d);
	/* An NTFS boot sector at sector 0 is a volume, not an MBR: its boot
	 * code may fill the bytes where partition entries would be. */
	struct nt_bpb nb0;
	int vbr0 = nt_bpb_parse(d->sec0, d->ssz, &nb0) == NTFS_BPB_OK;
	if (d->table != TABLE_GPT && d->mbr.has_signature && !d->mbr.is_protective && !vbr0) {
		int any = 0;
		for (int i = 0; i < 4; i++) any |= d->mbr.e[i].type != 0;
		if (any) d->table = TABLE_MBR;
		for (int i = 0; i < 4; i++) {
			const struct mbr_entry *e = &d->mbr.e[i];
			if (!e->type) continue;
			add_mbr_part(d, e, i + 1, 0, MBR_TABLE_OFF + 16 * i, 0);
		}
		for (int i = 0; i < 4; i++) {
			const struct mbr_entry *e = &d->mbr.e[i];
			if (mbr_type_is_extended(e->type) && e->lba_first < d->nsec) {
				walk_ebr_chain(d, e->lba_first, e->sectors);
				break;	/* only one extended partition is meaningful */
			}
		}
	}
	for (int i = 0; i < d->nparts; i++) {
		struct part *p = &d->parts[i];
		if (!p->is_extended && p->sectors && p->start < d->nsec) detect_fs(d, p);
	}
	if (d->table == TABLE_NONE && !d->nparts && !d->mbr.is_protective) probe_whole_disk(d);
	return d;
}
