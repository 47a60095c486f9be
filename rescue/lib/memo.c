/* See memo.h. A scan keeps a handful of values (two per partition), so a
 * list searched from the start is enough. */
#include "memo.h"
#include "util.h"
#include <stdlib.h>
#include <string.h>

struct entry {
	const void *key;
	const char *kind;
	void *val;
	void (*drop)(void *);
};

static int on;
static struct entry *kept;
static size_t nkept;

void memo_begin(void)
{
	memo_end();
	on = 1;
}

void memo_end(void)
{
	for (size_t i = 0; i < nkept; i++) kept[i].drop(kept[i].val);
	free(kept);
	kept = NULL;
	nkept = 0;
	on = 0;
}

void *memo_find(const void *key, const char *kind)
{
	for (size_t i = 0; on && i < nkept; i++)
		if (kept[i].key == key && strcmp(kept[i].kind, kind) == 0) return kept[i].val;
	return NULL;
}

int memo_keep(const void *key, const char *kind, void *val, void (*drop)(void *))
{
	if (!on) return 0;
	kept = xrealloc(kept, (nkept + 1) * sizeof *kept);
	kept[nkept++] = (struct entry){ key, kind, val, drop };
	return 1;
}
