/* Undo records carried in a console log. The ISO keeps its undo records on a
 * RAM disk, lost when an unattended (autofix) run powers off or reboots, so it
 * also prints each one on the console after its report, between these lines.
 * A saved serial log then holds everything `diskmedic undo` needs. */
#ifndef DM_UNDO_LOG_H
#define DM_UNDO_LOG_H
#include <stddef.h>
#include <stdio.h>

#define UNDO_LOG_BEGIN "-----BEGIN DISKMEDIC UNDO RECORD"	/* then " NAME-----" */
#define UNDO_LOG_END "-----END DISKMEDIC UNDO RECORD-----"

/* An undo record's file name: anything ending in .undo (fix/undo.c names
 * them TARGET-TIME-N.undo). */
int undo_record_name(const char *name);
/* Print every *.undo file of dir, oldest first (names sort by time). */
void undo_log_print(FILE *out, const char *dir);
/* Pure: the records between the markers in a log, oldest first. Carriage
 * returns and interleaved kernel messages ("[  12.3] ...") are dropped; a
 * block with no end marker is left out. Returns how many were found and sets
 * *texts to that many malloc'd strings (free each, then the array). */
int undo_log_extract(const char *log, size_t len, char ***texts);
#endif
