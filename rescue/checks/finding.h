/* Findings: what a check raises about a disk, with its evidence, a human
 * detail and the fix plans (fix/plan.h) it offers. They belong to the checks
 * layer: the probe below knows only that a disk carries a list of them
 * (struct disk's findings, a forward-declared pointer), and the report and
 * commands above read them. */
#ifndef DM_FINDING_H
#define DM_FINDING_H
#include <stddef.h>
#include <stdint.h>
#include "../fix/plan.h"
#include "../probe/disk.h"

enum severity { SEV_INFO, SEV_WARNING, SEV_ERROR };

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
/* Move p's detail and fixes into f (after what f already has); p is left empty. */
void finding_take(struct finding *f, struct proposal *p);

void disk_add_finding(struct disk *d, struct finding *f);
/* Problems that count for the exit status: errors and warnings (info
 * findings are reported, not counted). */
int count_problems(const struct disk *d);
/* Free d's findings (the disk itself stays). */
void disk_findings_free(struct disk *d);
#endif
