/* Fix plans: what a check offers to change (the findings themselves are
 * checks/finding.h).
 * A fix is nothing but a list of exact byte changes; fix/writer.c applies them. */
#ifndef DM_PLAN_H
#define DM_PLAN_H
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

struct writer;

struct change {
	uint64_t offset;	/* byte offset on the whole disk */
	uint32_t len;
	uint8_t *before, *after;	/* len bytes each, owned */
	char what[96];		/* e.g. "NTFS boot sector: heads (0x1A)" */
	/* For the preview only (fix/context.c): the disk's bytes around the
	 * change, whole 16-byte lines, so the report never reads the disk. */
	uint8_t *ctx;
	uint64_t ctx_off;
	uint32_t ctx_len;
};

struct fix {
	char id[48];		/* stable: "<code>/<what>", e.g. "vbr-geometry-mismatch/set-bpb" */
	char summary[256];
	int safe;		/* applied by `fix` without --only; fix/rules.c has the last word */
	unsigned rests;		/* what it rests on: RESTS_* and DISCARDS_OS_STATE (fix/rules.h) */
	int code_reads;		/* RESTS_BOOT_CODE: the boot code reading the field is known to use it */
	int nchanges;
	struct change *changes;
	/* Fixes that cannot be previewed byte-exactly (libntfs-3g repairs) run
	 * code instead; their changes are recorded by the writer's journal. */
	int (*run)(struct writer *w, void *ctx);
	void *ctx;
	void (*ctx_free)(void *ctx);
};

/* What a builder below the checks (search/rebuild.c, ntfs/upcase.c) offers:
 * fixes and the lines that explain them. It knows nothing of findings; the
 * check that raises the finding moves the proposal into it (finding_take). */
struct proposal {
	int nfixes;
	struct fix *fixes;
	char *detail;		/* appended to the finding's detail, or NULL */
};

/* Append a new fix to the array (*fixes, *n); returns it. */
struct fix *fixes_vadd(struct fix **fixes, int *n, const char *id, int safe, const char *fmt, va_list ap);
struct fix *proposal_fix(struct proposal *p, const char *id, int safe, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void proposal_detail(struct proposal *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void proposal_free(struct proposal *p);
/* Free what one fix owns (its changes and run context), not x itself. */
void fix_release(struct fix *x);
/* Append s to the string *dst (NULL counts as empty); takes s. */
void detail_append(char **dst, char *s);
/* Add a change; copies before/after. Adjacent identical bytes are kept: the
 * preview shows whole fields. Returns the change. */
struct change *fix_change(struct fix *x, uint64_t offset, const uint8_t *before, const uint8_t *after,
			  uint32_t len, const char *what);
/* The fix to apply among a finding's fixes (fix/choose.c): the first safe
 * one, or, when the user named the finding's code, the first one. NULL when
 * none applies. */
const struct fix *fix_choose(const struct fix *fixes, int nfixes, int named);
#endif
