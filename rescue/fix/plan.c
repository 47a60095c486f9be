/* Construction of findings and fix plans. */
#include "plan.h"
#include "../lib/util.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *severity_name(enum severity s)
{
	return s == SEV_ERROR ? "error" : s == SEV_WARNING ? "warning" : "info";
}

struct finding *finding_new(const char *code, enum severity sev, int partition, const char *fmt, ...)
{
	struct finding *f = xcalloc(1, sizeof *f);
	f->code = code;
	f->severity = sev;
	f->partition = partition;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(f->summary, sizeof f->summary, fmt, ap);
	va_end(ap);
	return f;
}

void finding_free(struct finding *f)
{
	if (!f) return;
	for (int i = 0; i < f->nevidence; i++) free(f->evidence[i].value);
	free(f->evidence);
	for (int i = 0; i < f->nfixes; i++) {
		struct fix *x = &f->fixes[i];
		for (int j = 0; j < x->nchanges; j++) {
			free(x->changes[j].before);
			free(x->changes[j].after);
			free(x->changes[j].ctx);
		}
		free(x->changes);
		if (x->ctx_free) x->ctx_free(x->ctx);
	}
	free(f->fixes);
	free(f->detail);
	free(f);
}

static struct evidence *ev_new(struct finding *f, const char *key)
{
	f->evidence = xrealloc(f->evidence, (f->nevidence + 1) * sizeof *f->evidence);
	struct evidence *e = &f->evidence[f->nevidence++];
	memset(e, 0, sizeof *e);
	snprintf(e->key, sizeof e->key, "%s", key);
	return e;
}

void ev_num(struct finding *f, const char *key, uint64_t v)
{
	struct evidence *e = ev_new(f, key);
	e->value = xasprintf("%llu", (unsigned long long)v);
	e->is_number = 1;
}

void ev_str(struct finding *f, const char *key, const char *fmt, ...)
{
	struct evidence *e = ev_new(f, key);
	va_list ap;
	va_start(ap, fmt);
	e->value = xvasprintf(fmt, ap);
	va_end(ap);
}

void ev_hex(struct finding *f, const char *key, const uint8_t *b, size_t n)
{
	ev_new(f, key)->value = hexstr(b, n);
}

void finding_detail(struct finding *f, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = xvasprintf(fmt, ap);
	va_end(ap);
	if (f->detail) {
		char *t = xasprintf("%s%s", f->detail, s);
		free(f->detail);
		free(s);
		s = t;
	}
	f->detail = s;
}

struct fix *fix_add(struct finding *f, const char *id, int safe, const char *fmt, ...)
{
	f->fixes = xrealloc(f->fixes, (f->nfixes + 1) * sizeof *f->fixes);
	struct fix *x = &f->fixes[f->nfixes++];
	memset(x, 0, sizeof *x);
	snprintf(x->id, sizeof x->id, "%s", id);
	x->safe = safe;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(x->summary, sizeof x->summary, fmt, ap);
	va_end(ap);
	return x;
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
