/* The registry change that enables a controller class's boot drivers,
 * made with libhivex on a private copy of the SYSTEM hive, checked (the new
 * hive opens, and only the intended values differ) and offered as a fix
 * whose preview is the change in registry terms plus the hive bytes that
 * change on the disk; write.c writes it back through libntfs-3g. */
#ifndef DM_WINDOWS_EDIT_H
#define DM_WINDOWS_EDIT_H
#include "windows.h"
#include "../fix/plan.h"
#include "../lib/util.h"

/* Propose the fix in f; when it cannot be made, say why in f's detail and
 * propose nothing. The check moves it into its finding. */
void win_plan_enable(struct proposal *f, struct disk *d, struct part *p, const struct win_install *w,
		     const struct ctl_class *c);

/* The change alone, on w's hive bytes (pure: no disk; the fuzzer calls it):
 * the new hive, checked (it opens, only the intended values differ), and
 * the change in registry terms. 0, or -1 with why. */
struct win_edit {
	uint8_t *neu;
	size_t nneu;
	int n;			/* registry changes */
	struct sb terms;	/* one line per change: key, value, old -> new */
	struct sb names;	/* the services enabled */
	struct sb brief;	/* the changes, short, for the fix summary */
};
int win_edit(const struct win_install *w, const struct ctl_class *c, struct win_edit *e, char *why, size_t whylen);
void win_edit_free(struct win_edit *e);

/* Byte ranges where a and b differ (b may be longer: its tail counts as
 * changed); ranges closer than gap bytes are merged. Returns the count. */
struct hive_range {
	size_t off, len;
};
int hive_diff(const uint8_t *a, size_t na, const uint8_t *b, size_t nb, size_t gap, struct hive_range **out);

/* The write-back (write.c): a fix->run that replaces the hive's bytes. */
void win_write_attach(struct fix *x, struct disk *d, struct part *p, const struct win_install *w,
		      const uint8_t *neu, size_t nneu);
#endif
