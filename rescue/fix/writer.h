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

/* A byte range no change may touch, and why (fix/fence.c). */
struct fence {
	uint64_t off, len;
	char why[128];
};

struct writer {
	struct dev *dev;	/* opened DEV_WRITE */
	struct fence *fences;	/* writer_apply refuses any change inside one */
	int nfences;
	const char *undo_dir;
	struct undo_file *undo;	/* created on the first write */
	uint8_t identity[32];
	/* The before-bytes of every change in the record (owned copies), so
	 * evidence is read as the disk was before the first; and the evidence
	 * lines already recorded, so each is written once. */
	struct overlay *done;
	int ndone;
	char **evlines;
	int nevlines;
	int force;		/* skip the `before` check (undo --force) */
	char why[512];
};

/* 0: applied and verified. -1: nothing changed (refused, or rolled back),
 * w->why says what happened. -2: the rollback itself failed; w->why names the
 * undo record to use. */
int writer_apply(struct writer *w, const struct fix *x);
/* For repairs done by library code (libntfs-3g): journal one block's old and
 * new bytes, then write and verify it. Same guarantees per block. */
int writer_journal_write(struct writer *w, const char *fix_id, uint64_t off, const void *buf, size_t len);
/* Restore every change this writer recorded, newest first; 0 when the disk
 * is back as it was (verified). */
int writer_revert(struct writer *w);
int writer_open(struct writer *w, struct dev *dev, const char *undo_dir);
/* Never write into [off, off+len): a plan with a change there is refused
 * whole, before anything is written. */
void writer_fence(struct writer *w, uint64_t off, uint64_t len, const char *why);
void writer_unfence(struct writer *w);
void writer_close(struct writer *w);
#endif
