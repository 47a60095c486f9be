/* The one writer. Every byte diskmedic changes on a disk goes through here:
 *   a. re-read and refuse if the disk no longer holds the plan's `before`;
 *   b. save every change in an undo record (elsewhere) and fsync it;
 *   c. write, fsync, read back and compare;
 *   d. on any failure put the old bytes back and say so. */
#ifndef DM_WRITER_H
#define DM_WRITER_H
#include "../fix/plan.h"
#include "../io/dev.h"
#include "undo.h"

/* Opaque: its state (the target, the fences, the undo record, the evidence
 * already recorded) is fix/writer.c's alone. */
struct writer;

/* 0: applied and verified. -1: nothing changed (refused, or rolled back),
 * writer_why(w) says what happened. -2: the rollback itself failed;
 * writer_why(w) names the undo record to use. */
int writer_apply(struct writer *w, const struct fix *x);
/* For repairs done by library code (libntfs-3g): journal one block's old and
 * new bytes, then write and verify it. Same guarantees per block. */
int writer_journal_write(struct writer *w, const char *fix_id, uint64_t off, const void *buf, size_t len);
/* Restore every change this writer recorded, newest first; 0 when the disk
 * is back as it was (verified). */
int writer_revert(struct writer *w);
/* A writer for dev, its undo records in undo_dir. *wp is set even on
 * failure (-1: writer_why says why) and is freed by writer_close. */
int writer_open(struct writer **wp, struct dev *dev, const char *undo_dir);
/* Never write into [off, off+len): a plan with a change there is refused
 * whole, before anything is written. */
void writer_fence(struct writer *w, uint64_t off, uint64_t len, const char *why);
void writer_unfence(struct writer *w);
/* Close the undo record and free w (NULL is fine). */
void writer_close(struct writer *w);
/* What the last call refused or did, in a sentence. */
const char *writer_why(const struct writer *w);
void writer_set_why(struct writer *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Lines a fix that runs code (fix.run: the libntfs-3g repairs) has to say
 * about its result, for the command to print after it: the layers below
 * cmd/ never print. writer_notes is "" when there are none. */
void writer_note(struct writer *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
const char *writer_notes(const struct writer *w);
void writer_notes_clear(struct writer *w);
/* The undo record this writer made, or NULL before its first write. */
const char *writer_undo_path(const struct writer *w);
/* Skip the `before` check (undo --force, a torn write being restored). */
void writer_set_force(struct writer *w, int force);
/* How many fences are up (tests). */
int writer_nfences(const struct writer *w);
#endif
