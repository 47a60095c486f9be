/* The registry change that enables a controller class's boot drivers,
 * made with libhivex on a private copy of the SYSTEM hive, checked (the new
 * hive opens, and only the intended values differ) and offered as a fix
 * whose preview is the change in registry terms plus the hive bytes that
 * change on the disk; write.c writes it back through libntfs-3g. */
#ifndef DM_WINDOWS_EDIT_H
#define DM_WINDOWS_EDIT_H
#include "windows.h"

/* Attach the fix to f; when it cannot be made, say why in f's detail and
 * attach nothing. */
void win_plan_enable(struct finding *f, struct disk *d, struct part *p, const struct win_install *w,
		     const struct ctl_class *c);

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
