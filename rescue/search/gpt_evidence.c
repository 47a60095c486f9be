/* What is left of a GPT: a header (either copy, even with a bad CRC) holds
 * the disk GUID; an entry array holds partition GUIDs, types and names.
 * TestDisk's rebuild loses both; keeping them keeps Windows' BCD and Linux's
 * PARTUUID= references working. */
#include "search.h"
#include "../lib/util.h"
#include "../probe/probe.h"
#include <stdlib.h>
#include <string.h>

#define DEFAULT_ENTRIES 128
#define DEFAULT_ENTRY_SIZE 128

/* An entry array "matches" when some entry starts where a chosen volume
 * starts and none of its entries cross a chosen volume. */
static int entries_match(const struct search_result *r, const struct gpt_header *h, const uint8_t *e, size_t len,
			 uint64_t nsec)
{
	int hits = 0;
	for (uint32_t i = 0; i < h->num_entries; i++) {
		struct gpt_entry g;
		if (gpt_entry_parse(h, e, len, i, &g) != 1) continue;
		if (g.last_lba < g.first_lba || g.last_lba >= nsec) return 0;
		for (int k = 0; k < r->nvols; k++) {
			const struct volume *v = &r->vols[k];
			if (!v->chosen) continue;
			uint64_t vlast = v->start + v->sectors - 1;
			if (g.first_lba == v->start) hits++;
			else if (g.first_lba <= vlast && v->start <= g.last_lba) return 0;
		}
	}
	return hits;
}

static void try_entries(struct disk *d, struct search_result *r, const struct gpt_header *h, uint64_t lba)
{
	struct gpt_evidence *g = &r->gpt;
	uint64_t len = gpt_entries_bytes(h), n = (len + d->ssz - 1) / d->ssz;
	if (g->entries_len || !len || lba >= d->nsec || n > d->nsec - lba || len > (4u << 20)) return;
	uint8_t *e = xcalloc(1, n * d->ssz);
	if (probe_read_sectors(d, lba, (uint32_t)n, e) == 0 && entries_match(r, h, e, len, d->nsec)) {
		g->entries = e;
		g->entries_len = len;
		g->entries_lba = lba;
		g->num_entries = h->num_entries;
		g->entry_size = h->entry_size;
		g->entries_match = 1;
		r->reads++;
		r->bytes_read += n * d->ssz;
		return;
	}
	free(e);
}

void search_gpt_evidence(struct disk *d, struct search_result *r)
{
	struct gpt_evidence *g = &r->gpt;
	g->protective_mbr = d->mbr.has_signature && d->mbr.is_protective;
	/* The probe already read both headers; prefer the backup, which a
	 * wipe of the disk's start leaves. */
	for (int side = 1; side >= 0 && !g->header_found; side--)
		if (d->gpt[side].present) {
			g->header_found = 1;
			g->header_lba = d->gpt[side].lba;
			g->h = d->gpt[side].h;
		}
	if (g->header_found) try_entries(d, r, &g->h, g->h.entries_lba);
	/* Headers gone: look for the arrays where every partitioning tool puts them. */
	struct gpt_header def = {.num_entries = DEFAULT_ENTRIES, .entry_size = DEFAULT_ENTRY_SIZE};
	if (g->header_found) def.num_entries = g->h.num_entries, def.entry_size = g->h.entry_size;
	uint64_t n = (gpt_entries_bytes(&def) + d->ssz - 1) / d->ssz;
	if (d->nsec > 2 * n + 3) {
		try_entries(d, r, &def, d->nsec - 1 - n);
		try_entries(d, r, &def, 2);
	}
}
