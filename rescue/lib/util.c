#include "util.h"
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int dm_quiet;

static void oom(void)
{
	fputs("diskmedic: out of memory\n", stderr);
	exit(EX_OPERR);
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p) oom();
	return p;
}

void *xcalloc(size_t n, size_t m)
{
	void *p = calloc(n ? n : 1, m ? m : 1);
	if (!p) oom();
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p) oom();
	return p;
}

char *xstrdup(const char *s)
{
	char *p = strdup(s);
	if (!p) oom();
	return p;
}

char *xvasprintf(const char *fmt, va_list ap)
{
	va_list c;
	va_copy(c, ap);
	int n = vsnprintf(NULL, 0, fmt, c);
	va_end(c);
	if (n < 0) oom();
	char *s = xmalloc((size_t)n + 1);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	return s;
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = xvasprintf(fmt, ap);
	va_end(ap);
	return s;
}

void sb_addn(struct sb *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->s = xrealloc(b->s, b->cap);
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = 0;
}

void sb_add(struct sb *b, const char *s) { sb_addn(b, s, strlen(s)); }

void sb_addf(struct sb *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = xvasprintf(fmt, ap);
	va_end(ap);
	sb_add(b, s);
	free(s);
}

void sb_free(struct sb *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}

char *hexstr(const uint8_t *b, size_t n)
{
	static const char hx[] = "0123456789abcdef";
	char *s = xmalloc(n * 2 + 1);
	for (size_t i = 0; i < n; i++) {
		s[2 * i] = hx[b[i] >> 4];
		s[2 * i + 1] = hx[b[i] & 15];
	}
	s[n * 2] = 0;
	return s;
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9') return c - '0';
	c = tolower(c);
	if (c >= 'a' && c <= 'f') return c - 'a' + 10;
	return -1;
}

int hexparse(const char *s, uint8_t **out, size_t *n)
{
	size_t cap = strlen(s) / 2 + 1, k = 0;
	uint8_t *b = xmalloc(cap);
	int hi = -1;
	for (; *s; s++) {
		if (isspace((unsigned char)*s) || *s == ':') continue;
		int v = hexval((unsigned char)*s);
		if (v < 0) { free(b); return -1; }
		if (hi < 0) hi = v;
		else { b[k++] = (uint8_t)(hi << 4 | v); hi = -1; }
	}
	if (hi >= 0 || k == 0) { free(b); return -1; }
	*out = b;
	*n = k;
	return 0;
}

int parse_u64(const char *s, uint64_t *v)
{
	char *end;
	if (!s || !*s || *s == '-') return -1;
	errno = 0;
	unsigned long long x = strtoull(s, &end, 0);
	if (errno || end == s) return -1;
	uint64_t mul = 1;
	switch (*end) {
	case 0: break;
	case 'K': case 'k': mul = 1ULL << 10; end++; break;
	case 'M': case 'm': mul = 1ULL << 20; end++; break;
	case 'G': case 'g': mul = 1ULL << 30; end++; break;
	default: return -1;
	}
	if (*end) return -1;
	if (mul > 1 && x > UINT64_MAX / mul) return -1;
	*v = x * mul;
	return 0;
}

void vmsg(const char *fmt, va_list ap)
{
	fputs("diskmedic: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void msg(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmsg(fmt, ap);
	va_end(ap);
}
