/* A tiny unit-test kit: CHECK(cond), CHECK_EQ(a, b), CHECK_STR(a, b).
 * Failures print "not ok file:line ..." and are counted; check_done() prints
 * a summary and gives the exit status (non-zero on any failure). One test
 * program includes this once, so the counters can live here. */
#ifndef DM_UNIT_CHECK_H
#define DM_UNIT_CHECK_H
#include <stdio.h>
#include <string.h>

static int check_run, check_failed;

#define CHECK(cond) do { \
	check_run++; \
	if (!(cond)) { \
		check_failed++; \
		printf("not ok %s:%d: %s\n", __FILE__, __LINE__, #cond); \
	} \
} while (0)

/* Integers of any width; compared and printed as long long. */
#define CHECK_EQ(a, b) do { \
	long long check_a_ = (long long)(a), check_b_ = (long long)(b); \
	check_run++; \
	if (check_a_ != check_b_) { \
		check_failed++; \
		printf("not ok %s:%d: %s == %s (%lld != %lld)\n", __FILE__, __LINE__, \
		       #a, #b, check_a_, check_b_); \
	} \
} while (0)

#define CHECK_STR(a, b) do { \
	const char *check_a_ = (a), *check_b_ = (b); \
	check_run++; \
	if (!check_a_ || !check_b_ || strcmp(check_a_, check_b_) != 0) { \
		check_failed++; \
		printf("not ok %s:%d: %s == %s (\"%s\" != \"%s\")\n", __FILE__, __LINE__, \
		       #a, #b, check_a_ ? check_a_ : "(null)", check_b_ ? check_b_ : "(null)"); \
	} \
} while (0)

static inline int check_done(const char *name)
{
	printf("# %s: %d checks, %d failed\n", name, check_run, check_failed);
	return check_failed ? 1 : 0;
}
#endif
