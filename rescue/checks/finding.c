/* Construction of findings (finding.h). */
#include "finding.h"
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
	for (int i = 0; i < f->nfixes; i++) fix_release(&f->fixes[i]);
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
	detail_append(&f->detail, s);
}

struct fix *fix_add(struct finding *f, const char *id, int safe, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	struct fix *x = fixes_vadd(&f->fixes, &f->nfixes, id, safe, fmt, ap);
	va_end(ap);
	return x;
}

void finding_take(struct finding *f, struct proposal *p)
{
	if (p->detail) detail_append(&f->detail, p->detail);
	if (p->nfixes) {
		f->fixes = xrealloc(f->fixes, (f->nfixes + p->nfixes) * sizeof *f->fixes);
		memcpy(f->fixes + f->nfixes, p->fixes, p->nfixes * sizeof *p->fixes);
		f->nfixes += p->nfixes;
	}
	free(p->fixes);
	memset(p, 0, sizeof *p);
}

void disk_add_finding(struct disk *d, struct finding *f)
{
	d->findings = xrealloc(d->findings, (d->nfindings + 1) * sizeof *d->findings);
	d->findings[d->nfindings++] = f;
}

int count_problems(const struct disk *d)
{
	int n = 0;
	for (int i = 0; i < d->nfindings; i++) n += d->findings[i]->severity != SEV_INFO;
	return n;
}

void disk_findings_free(struct disk *d)
{
	for (int i = 0; i < d->nfindings; i++) finding_free(d->findings[i]);
	free(d->findings);
	d->findings = NULL;
	d->nfindings = 0;
}
