/* Construction of fix plans. */
#include "plan.h"
#include "../lib/util.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void detail_append(char **dst, char *s)
{
	if (*dst) {
		char *t = xasprintf("%s%s", *dst, s);
		free(*dst);
		free(s);
		s = t;
	}
	*dst = s;
}

struct fix *fixes_vadd(struct fix **fixes, int *n, const char *id, int safe, const char *fmt, va_list ap)
{
	*fixes = xrealloc(*fixes, (*n + 1) * sizeof **fixes);
	struct fix *x = &(*fixes)[(*n)++];
	memset(x, 0, sizeof *x);
	snprintf(x->id, sizeof x->id, "%s", id);
	x->safe = safe;
	vsnprintf(x->summary, sizeof x->summary, fmt, ap);
	return x;
}

struct fix *proposal_fix(struct proposal *p, const char *id, int safe, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	struct fix *x = fixes_vadd(&p->fixes, &p->nfixes, id, safe, fmt, ap);
	va_end(ap);
	return x;
}

void proposal_detail(struct proposal *p, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = xvasprintf(fmt, ap);
	va_end(ap);
	detail_append(&p->detail, s);
}

void fix_release(struct fix *x)
{
	for (int j = 0; j < x->nchanges; j++) {
		free(x->changes[j].before);
		free(x->changes[j].after);
		free(x->changes[j].ctx);
	}
	free(x->changes);
	if (x->ctx_free) x->ctx_free(x->ctx);
}

void proposal_free(struct proposal *p)
{
	for (int i = 0; i < p->nfixes; i++) fix_release(&p->fixes[i]);
	free(p->fixes);
	free(p->detail);
	memset(p, 0, sizeof *p);
}

struct change *fix_change(struct fix *x, uint64_t offset, const uint8_t *before, const uint8_t *after,
			  uint32_t len, const char *what)
{
	/* A change that changes nothing is not a change: keep previews and
	 * undo records to the bytes that really differ. */
	if (memcmp(before, after, len) == 0) return NULL;
	x->changes = xrealloc(x->changes, (x->nchanges + 1) * sizeof *x->changes);
	struct change *c = &x->changes[x->nchanges++];
	memset(c, 0, sizeof *c);
	c->offset = offset;
	c->len = len;
	c->before = xmalloc(len);
	c->after = xmalloc(len);
	memcpy(c->before, before, len);
	memcpy(c->after, after, len);
	snprintf(c->what, sizeof c->what, "%s", what);
	return c;
}
