/* See upcase.h. */
#include "../lib/ntfs3g.h"
#include "upcase.h"
#include "spans.h"
#include "../lib/util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define GAP 32	/* differing runs closer than this become one change: fewer, readable changes */

/* Add changes for file bytes [a, b) across the spans. */
static void add_range(struct fix *x, const struct disk_span *s, int n, const uint8_t *cur, const uint8_t *def,
		      uint64_t a, uint64_t b)
{
	for (int i = 0; i < n; i++) {
		uint64_t lo = a > s[i].file_off ? a : s[i].file_off;
		uint64_t hi = b < s[i].file_off + s[i].len ? b : s[i].file_off + s[i].len;
		if (lo >= hi) continue;
		char what[96];
		snprintf(what, sizeof what, "$UpCase entries 0x%04llx..0x%04llx (default table)",
			 (unsigned long long)(lo / 2), (unsigned long long)((hi - 1) / 2));
		fix_change(x, s[i].disk_off + (lo - s[i].file_off), cur + lo, def + lo, (uint32_t)(hi - lo), what);
	}
}

void upcase_fix_plan(struct proposal *f, struct disk *d, struct part *p)
{
	ntfschar *def = NULL;
	uint64_t size = (uint64_t)ntfs_upcase_build_default(&def) * 2;
	struct disk_span *s = NULL;
	char why[256];
	int n = size ? nt_file_spans(d, p, NULL, FILE_UpCase, 0, size, &s, why, sizeof why) : -1;
	if (!size) snprintf(why, sizeof why, "out of memory");
	if (n <= 0) {
		proposal_detail(f, "  No fix offered: %s.\n", n < 0 ? why : "empty $UpCase");
		free(def);
		return;
	}
	uint8_t *cur = xcalloc(1, size);
	for (int i = 0; i < n; i++)
		if (dev_read(d->dev, s[i].disk_off, cur + s[i].file_off, (size_t)s[i].len) != 0) {
			proposal_detail(f, "  No fix offered: cannot read $UpCase: %s.\n", d->dev->why);
			goto out;
		}
	const uint8_t *want = (const uint8_t *)def;
	struct fix *x = proposal_fix(f, "ntfs-upcase-damaged/rewrite-default", 1,
				"rewrite $UpCase's differing entries with the default table (as mkntfs writes it)");
	for (uint64_t i = 0; i < size;) {
		if (cur[i] == want[i]) {
			i++;
			continue;
		}
		uint64_t a = i & ~1ULL, b = a;
		for (uint64_t k = a; k < size && k < b + GAP; k++)
			if (cur[k] != want[k]) b = (k | 1) + 1;
		add_range(x, s, n, cur, want, a, b);
		i = b;
	}
out:
	free(cur);
	free(s);
	free(def);
}
