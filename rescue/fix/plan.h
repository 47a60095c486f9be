/* Findings and fix plans: what a check raises and what it offers to change.
 * A fix is nothing but a list of exact byte changes; fix/writer.c applies them. */
#ifndef DM_PLAN_H
#define DM_PLAN_H
#include <stddef.h>
#include <stdint.h>

struct writer;

enum severity { SEV_INFO, SEV_WARNING, SEV_ERROR };

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

/* One piece of evidence: a key and a value rendered as JSON number or string. */
struct evidence {
	char key[40];
	char *value;
	int is_number;
};

struct finding {
	const char *code;	/* one of the contract's codes */
	enum severity severity;
	int partition;		/* partition index, or -1 */
	char summary[256];
	int nevidence;
	struct evidence *evidence;
	char *detail;		/* extra human text for the report (hex dumps, tables), or NULL */
	int nfixes;
	struct fix *fixes;
};

const char *severity_name(enum severity s);

struct finding *finding_new(const char *code, enum severity sev, int partition, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void finding_free(struct finding *f);
void ev_num(struct finding *f, const char *key, uint64_t v);
void ev_str(struct finding *f, const char *key, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void ev_hex(struct finding *f, const char *key, const uint8_t *b, size_t n);
void finding_detail(struct finding *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

struct fix *fix_add(struct finding *f, const char *id, int safe, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Add a change; copies before/after. Adjacent identical bytes are kept: the
 * preview shows whole fields. Returns the change. */
struct change *fix_change(struct fix *x, uint64_t offset, const uint8_t *before, const uint8_t *after,
			  uint32_t len, const char *what);
/* The fix to apply for f (fix/choose.c): the first safe one, or, when the
 * user named f's code, the first one. NULL when none applies. */
const struct fix *fix_choose(const struct finding *f, int named);
#endif
