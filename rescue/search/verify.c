/* Reading the few sectors that confirm or refute a weak volume: the other
 * boot sector copy, the first $MFT record, the first FAT, another ext
 * superblock. Each answer becomes one more claim for assemble.c. */
#include "search.h"
#include "ext_sb.h"
#include "../lib/util.h"
#include "../parse/bootcode.h"
#include "../parse/fat_bpb.h"
#include "../parse/ntfs_bpb.h"
#include "../probe/probe.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct reader {
	struct disk *d;
	struct search_result *r;
	int left;
	uint8_t *buf;
};

static const uint8_t *rd(struct reader *x, uint64_t lba)
{
	if (x->left <= 0 || lba >= x->d->nsec) return NULL;
	x->left--;
	x->r->reads++;
	x->r->bytes_read += x->d->ssz;
	return probe_read_sectors(x->d, lba, 1, x->buf) == 0 ? x->buf : NULL;
}

static void add_boot_claims(struct reader *x, uint64_t lba)
{
	const uint8_t *s = rd(x, lba);
	struct claim cl[2];
	int n = s ? classify_boot_sector(s, x->d->ssz, lba, x->d->nsec, cl) : 0;
	for (int i = 0; i < n; i++) claims_add(&x->r->c, &cl[i]);
}

static void add_content(struct reader *x, const struct volume *v, uint64_t lba)
{
	struct claim c = {.start = v->start, .sectors = v->sectors, .seen_lba = lba, .fs = v->fs, .role = ROLE_CONTENT};
	claims_add(&x->r->c, &c);
}

static void verify_ntfs(struct reader *x, const struct volume *v)
{
	uint64_t last = v->start + v->sectors - 1;
	if (v->primary_lba == UINT64_MAX) add_boot_claims(x, v->start);
	if (v->backup_lba == UINT64_MAX) add_boot_claims(x, last);
	/* The first $MFT record, as the surviving copy places it. */
	const uint8_t *s = rd(x, v->primary_lba != UINT64_MAX ? v->primary_lba : v->backup_lba);
	struct nt_bpb b;
	if (!s || nt_bpb_parse(s, x->d->ssz, &b) != NTFS_BPB_OK) return;
	uint64_t mft = v->start + b.mft_lcn * (b.cluster_size / x->d->ssz);
	if (mft > last) return;
	s = rd(x, mft);
	if (s && memcmp(s, "FILE", 4) == 0) add_content(x, v, mft);
}

static void verify_fat(struct reader *x, const struct volume *v)
{
	if (v->fs == FSK_FAT32 && v->primary_lba == UINT64_MAX) add_boot_claims(x, v->start);
	if (v->fs == FSK_FAT32 && v->backup_lba == UINT64_MAX) add_boot_claims(x, v->start + FAT32_BACKUP_DEFAULT);
	const uint8_t *s = rd(x, v->primary_lba != UINT64_MAX ? v->primary_lba : v->backup_lba);
	struct fat_bpb b;
	if (!s || fat_bpb_parse(s, x->d->ssz, &b) != 0) return;
	/* The first FAT begins with the media byte and FF: entries 0 and 1. */
	uint64_t fat = v->start + b.reserved_sectors;
	uint8_t media = b.media;
	s = rd(x, fat);
	if (s && s[0] == media && s[1] == 0xFF) add_content(x, v, fat);
}

static void add_ext_claim(struct reader *x, uint64_t off)
{
	const uint8_t *s = rd(x, off / x->d->ssz);
	struct claim c;
	if (s && classify_ext_sb(s + off % x->d->ssz, x->d->ssz - off % x->d->ssz, off, x->d->ssz, x->d->nsec, &c))
		claims_add(&x->r->c, &c);
}

static void verify_ext(struct reader *x, const struct volume *v)
{
	uint64_t base = v->start * x->d->ssz;
	if (v->primary_lba == UINT64_MAX) add_ext_claim(x, base + EXT_SB_OFF);
	/* Group 1's backup: reread the copy we have for the group geometry. */
	uint64_t seen = v->primary_lba != UINT64_MAX ? v->primary_lba : v->backup_lba;
	uint64_t seen_off = seen == v->primary_lba ? base + EXT_SB_OFF : seen * x->d->ssz;
	const uint8_t *s = rd(x, seen_off / x->d->ssz);
	struct ext_sb sb;
	if (!s || ext_sb_parse(s + seen_off % x->d->ssz, x->d->ssz - seen_off % x->d->ssz, &sb) != 0) return;
	struct ext_sb g1 = sb;
	g1.group = 1;
	uint64_t off = ext_sb_offset(&g1);
	if (sb.blocks > (uint64_t)sb.blocks_per_group + sb.first_data_block && off / x->d->ssz != seen)
		add_ext_claim(x, base + off);
}

void search_verify(struct disk *d, struct search_result *r, int max_reads)
{
	struct reader x = {d, r, max_reads, xmalloc(d->ssz)};
	/* Copy the weak ones first: verifying adds claims, which reallocates. */
	int n = 0;
	struct volume *weak = xmalloc((size_t)(r->nvols ? r->nvols : 1) * sizeof *weak);
	for (int i = 0; i < r->nvols; i++)
		if (r->vols[i].score < 3) weak[n++] = r->vols[i];
	for (int i = 0; i < n && x.left > 0; i++) {
		const struct volume *v = &weak[i];
		if (v->fs == FSK_NTFS) verify_ntfs(&x, v);
		else if (fs_kind_is_ext(v->fs)) verify_ext(&x, v);
		else if (v->fs <= FSK_FAT32) verify_fat(&x, v);
	}
	free(weak);
	free(x.buf);
	search_assemble(r, d->nsec);
}

void search_bootcode(struct disk *d, struct search_result *r)
{
	uint8_t *b = xmalloc(d->ssz);
	for (int i = 0; i < r->nvols; i++) {
		struct volume *v = &r->vols[i];
		/* XFS, btrfs, swap, LUKS: their first sector is not a boot sector. */
		if (!v->chosen || v->fs > FSK_EXT4) continue;
		uint64_t lba = v->primary_lba != UINT64_MAX && v->fs <= FSK_FAT32 ? v->primary_lba
			       : v->fs <= FSK_FAT32 ? v->backup_lba : v->start;
		struct bootcode bc;
		if (probe_read_sectors(d, lba, 1, b) != 0) continue;
		bootcode_identify(b, d->ssz, NULL, 0, &bc);
		snprintf(v->bootcode, sizeof v->bootcode, "%s", bootcode_kind_name(bc.kind));
		v->boot_code = bc.kind != BOOTCODE_EMPTY && bc.kind != BOOTCODE_NONBOOT;
	}
	free(b);
}
