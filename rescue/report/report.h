/* Rendering scan results: a text report for people and the JSON report of
 * CONTRACT.md for scripts. */
#ifndef DM_REPORT_H
#define DM_REPORT_H
#include <stdio.h>
#include "../checks/finding.h"
#include "../probe/disk.h"

struct scan_result {
	int ndisks;
	struct disk **disks;
	char **errors;	/* per target: operational error or NULL (disk NULL then) */
	char **paths;
};

void report_text(FILE *out, const struct scan_result *r, int verbose);
void report_json(FILE *out, const struct scan_result *r);
/* The pieces every JSON diskmedic prints is made of (search's report too):
 * a string with JSON escapes, and a fix with its changes. */
void json_str(FILE *out, const char *s);
void json_fix(FILE *out, const struct fix *x);
/* The preview of one fix: what, why, and hexdump -C style before/after. */
void report_fix_preview(FILE *out, const struct disk *d, const struct finding *f, const struct fix *x);
#endif
