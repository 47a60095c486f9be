/* See context.h. */
#include "context.h"
#include "../lib/util.h"
#include <stdlib.h>

void change_window(const struct change *c, uint64_t disk_size, uint64_t *lo, uint64_t *hi, uint32_t *first,
		   uint32_t *show)
{
	/* Long changes (a GPT entry array) are excerpted from the first difference. */
	uint32_t k = 0;
	while (k < c->len && c->before[k] == c->after[k]) k++;
	*first = k;
	*show = c->len - k < 64 ? c->len - k : 64;
	uint64_t off = c->offset + k;
	*lo = off & ~(uint64_t)15;
	*hi = (off + *show + 15) & ~(uint64_t)15;
	if (disk_size && disk_size < *hi) *hi = disk_size;
}

void fix_read_context(struct dev *dev, struct fix *x)
{
	for (int i = 0; dev && i < x->nchanges; i++) {
		struct change *c = &x->changes[i];
		uint64_t lo, hi;
		uint32_t first, show;
		change_window(c, dev->size, &lo, &hi, &first, &show);
		free(c->ctx);
		c->ctx = NULL;
		if (hi <= lo) continue;
		c->ctx_len = (uint32_t)(hi - lo);
		c->ctx_off = lo;
		c->ctx = xcalloc(1, c->ctx_len);
		if (dev_read(dev, lo, c->ctx, c->ctx_len) != 0) {
			free(c->ctx);
			c->ctx = NULL;
		}
	}
}
