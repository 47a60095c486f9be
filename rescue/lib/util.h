/* Small helpers shared by every part of diskmedic. */
#ifndef DM_UTIL_H
#define DM_UTIL_H
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* Allocation failure in a rescue tool is not recoverable in any useful way:
 * these print a message and exit 8 (operational error) instead of crashing. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t m);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap);

/* A growable string. */
struct sb { char *s; size_t len, cap; };
void sb_add(struct sb *b, const char *s);
void sb_addf(struct sb *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sb_addn(struct sb *b, const char *s, size_t n);
void sb_free(struct sb *b);

/* Hex text of n bytes into a new string. */
char *hexstr(const uint8_t *b, size_t n);
/* Parse hex (spaces allowed) into a new buffer; -1 on bad input. */
int hexparse(const char *s, uint8_t **out, size_t *n);
/* Parse a number with optional 0x prefix or K/M/G/s(ectors, needs ssz) suffix. */
int parse_u64(const char *s, uint64_t *v);

/* Shared exit statuses (fsck(8), see CONTRACT.md). */
enum { EX_CLEAN = 0, EX_FIXED = 1, EX_LEFT = 4, EX_OPERR = 8, EX_USAGE = 16 };

extern int dm_quiet;	/* --quiet: no progress lines */
void msg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));	/* to stderr, "diskmedic: " prefix */
void vmsg(const char *fmt, va_list ap);
#endif
