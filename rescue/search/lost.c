/* When is a table "lost". Shared by the scan's check (quick search) and
 * `diskmedic search` (quick or deep); the finding that says so is the
 * check's (checks/mbr_table_lost.c). */
#include "search.h"
#include "../lib/util.h"
#include <stdio.h>

int search_may_be_lost(const struct disk *d)
{
	if (d->table == TABLE_GPT) return 0;
	/* A superfloppy's filesystem starts at sector 0, where a table would go:
	 * writing one there would destroy the volume. */
	for (int i = 0; i < d->nparts; i++)
		if (d->parts[i].whole_disk) return 0;
	/* An entry that starts a recognised filesystem means the table is not
	 * lost (table_is_wrong() would say so after searching): skip the reads.
	 * Recognised by diskmedic's own NTFS/FAT probe or by libblkid (ext4,
	 * swap, LUKS, ...): a table pointing at live content is never "lost",
	 * and the quick search's thousands of reads are not spent on it. */
	for (int i = 0; i < d->nparts; i++)
		if (!d->parts[i].is_extended && (d->parts[i].fs || d->parts[i].content.state == CONTENT_FOUND)) return 0;
	/* Entries intact but the 55 AA missing: mbr-signature-missing's case. */
	if (d->table == TABLE_NONE && !d->mbr.has_signature)
		for (int i = 0; i < 4; i++)
			if (d->mbr.e[i].type && d->mbr.e[i].lba_first && d->mbr.e[i].sectors) return 0;
	return 1;
}

static int starts_volume(const struct search_result *r, uint64_t lba)
{
	for (int i = 0; i < r->nvols; i++)
		if (r->vols[i].start == lba && r->vols[i].score >= 2) return 1;
	return 0;
}

/* With a table present, it is only "lost" when no entry starts a volume and
 * some volume found lies outside every entry (not, say, an ext4 inside an
 * LVM partition). */
static int table_is_wrong(const struct disk *d, const struct search_result *r)
{
	int entries = 0;
	for (int i = 0; i < d->nparts; i++) {
		const struct part *p = &d->parts[i];
		if (p->is_extended) continue;
		entries++;
		if (p->fs || starts_volume(r, p->start)) return 0;
	}
	if (!entries) return 1;
	for (int k = 0; k < r->nvols; k++) {
		const struct volume *v = &r->vols[k];
		if (!v->chosen) continue;
		int inside = 0;
		for (int i = 0; i < d->nparts && !inside; i++) {
			const struct part *p = &d->parts[i];
			inside = !p->is_extended && v->start >= p->start && v->start + v->sectors <= p->start + p->sectors;
		}
		if (!inside) return 1;
	}
	return 0;
}

int search_table_lost(const struct disk *d, const struct search_result *r)
{
	if (!r->nchosen || !search_may_be_lost(d)) return 0;
	return d->table == TABLE_NONE || table_is_wrong(d, r);
}
