#ifndef DM_SAVE_H
#define DM_SAVE_H
#include "../report/report.h"
int save_candidates(char **disks, int ndisks, char out[][64], int max);
/* The partition whose filesystem label (libblkid) is label, and its disk:
 * where an unattended run keeps its undo records. 0, or -1 if none. */
int save_find_label(const char *label, char part[64], char disk[64]);
/* How many undo records (*.undo) dir holds. */
int count_undo_records(const char *dir);
/* Copy undo records and reports into DIR/diskmedic-<time>/. Returns the
 * number of records copied, or -1; why says what happened either way. */
int save_to_dir(const char *dir, const char *undo_dir, const struct scan_result *r, char *why, size_t whylen);
int save_to_partition(const char *part, const char *undo_dir, const struct scan_result *r, char *why,
		      size_t whylen);
#endif
