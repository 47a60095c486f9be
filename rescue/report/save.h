/* Saving a run's undo records and reports to a directory or partition
 * (the menu's save step). */
#ifndef DM_SAVE_H
#define DM_SAVE_H
#include "report.h"
/* How many undo records (*.undo) dir holds. */
int count_undo_records(const char *dir);
/* Copy undo records and reports into DIR/diskmedic-<time>/. Returns the
 * number of records copied, or -1; why says what happened either way. */
int save_to_dir(const char *dir, const char *undo_dir, const struct scan_result *r, char *why, size_t whylen);
int save_to_partition(const char *part, const char *undo_dir, const struct scan_result *r, char *why,
		      size_t whylen);
#endif
