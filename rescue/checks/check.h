/* A check looks at one aspect of a probed disk, raises findings with their
 * evidence, and attaches the fix plans it can offer. Each check lives in a
 * file of its own and is registered in checks/registry.c, like libblkid's
 * probers: one table, one entry per check. */
#ifndef DM_CHECK_H
#define DM_CHECK_H
#include "../probe/disk.h"
#include "finding.h"
#include <stddef.h>

struct check {
	const char *name;	/* short name, e.g. "vbr-geometry" */
	const char *looks_at;	/* what it reads */
	const char *codes;	/* the finding codes it may raise, comma separated */
	void (*run)(struct disk *d);	/* a check of the whole disk, or */
	void (*run_part)(struct disk *d, struct part *p);	/* one run per partition */
};

extern const struct check *const check_table[];
void run_checks(struct disk *d);
/* Free a scanned disk: its findings, the Windows installations probed on it
 * (windows/windows.h), then the model (disk_free). */
void scan_free(struct disk *d);
/* One check over d: its whole-disk run, or its run_part for each partition. */
void check_run(const struct check *c, struct disk *d);
/* 1 when the n bytes at code are one of the finding codes in the table's
 * .codes lists (exact match, no trimming or case folding). */
int check_code_known(const char *code, size_t n);

#define DECLARE_CHECK(x) extern const struct check x
#endif
