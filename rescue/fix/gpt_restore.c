#include "gpt_restore.h"
#include "../lib/util.h"
#include "../parse/crc32.h"
#include "../probe/probe.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

uint64_t gpt_entry_sectors(const struct disk *d, const struct gpt_header *h)
{
	return ((uint64_t)h->num_entries * h->entry_size + d->ssz - 1) / d->ssz;
}

void gpt_plan_copy(struct fix *x, struct disk *d, struct gpt_header *h, const uint8_t *entries, size_t len,
		   const char *label)
{
	uint64_t n = gpt_entry_sectors(d, h);
	size_t bytes = (size_t)(n * d->ssz);
	uint8_t *want = xcalloc(1, bytes), *have = xcalloc(1, bytes);
	memcpy(want, entries, len);
	h->entries_crc = crc32_ieee(entries, len);
	char what[96];
	if (probe_read_sectors(d, h->entries_lba, (uint32_t)n, have) == 0) {
		snprintf(what, sizeof what, "%s GPT partition entries (LBA %llu, %llu sectors)", label,
			 (unsigned long long)h->entries_lba, (unsigned long long)n);
		fix_change(x, h->entries_lba * d->ssz, have, want, (uint32_t)bytes, what);
	}
	uint8_t *hs = xcalloc(1, d->ssz), *cur = xcalloc(1, d->ssz);
	gpt_header_build(h, hs, d->ssz);
	if (probe_read_sectors(d, h->my_lba, 1, cur) == 0) {
		snprintf(what, sizeof what, "%s GPT header (LBA %llu)", label, (unsigned long long)h->my_lba);
		fix_change(x, h->my_lba * d->ssz, cur, hs, d->ssz, what);
	}
	free(want);
	free(have);
	free(hs);
	free(cur);
}
