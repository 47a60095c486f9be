#include "writer.h"
#include "../io/faults.h"
#include "../lib/util.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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
	char notes[1024];	/* writer_note: what a library repair says of its result */
};

int writer_open(struct writer **wp, struct dev *dev, const char *undo_dir)
{
	struct writer *w = *wp = xcalloc(1, sizeof *w);
	w->dev = dev;
	w->undo_dir = undo_dir;
	if (undo_identity(dev, w->identity) != 0) {
		snprintf(w->why, sizeof w->why, "cannot read the target to identify it: %s", dev->why);
		return -1;
	}
	return 0;
}

void writer_close(struct writer *w)
{
	if (!w) return;
	undo_close(w->undo);
	w->undo = NULL;
	writer_unfence(w);
	while (w->ndone > 0) free((void *)w->done[--w->ndone].bytes);
	while (w->nevlines > 0) free(w->evlines[--w->nevlines]);
	free(w->done);
	free(w->evlines);
	free(w);
}

const char *writer_why(const struct writer *w) { return w->why; }

void writer_set_why(struct writer *w, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(w->why, sizeof w->why, fmt, ap);
	va_end(ap);
}

void writer_note(struct writer *w, const char *fmt, ...)
{
	size_t n = strlen(w->notes);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(w->notes + n, sizeof w->notes - n, fmt, ap);
	va_end(ap);
}

const char *writer_notes(const struct writer *w) { return w->notes; }

void writer_notes_clear(struct writer *w) { w->notes[0] = 0; }

const char *writer_undo_path(const struct writer *w) { return w->undo ? undo_path(w->undo) : NULL; }

void writer_set_force(struct writer *w, int force) { w->force = force; }

int writer_nfences(const struct writer *w) { return w->nfences; }

static int recorded(const struct writer *w, const char *line)
{
	for (int i = 0; i < w->nevlines; i++)
		if (strcmp(w->evlines[i], line) == 0) return 1;
	return 0;
}

/* The evidence lines of one change of a plan that are not in the record yet. */
struct plan_ev {
	char **line;
	int n;
};

static void plan_ev_free(struct plan_ev *pe, int n)
{
	for (int i = 0; pe && i < n; i++) {
		for (int k = 0; k < pe[i].n; k++) free(pe[i].line[k]);
		free(pe[i].line);
	}
	free(pe);
}

/* What identifies the disk around each change (fix/evidence.h), read as it
 * was before the record's first change: the disk now (this plan not yet
 * written) with the before-bytes of the record's earlier changes laid over. */
static struct plan_ev *collect_evidence(struct writer *w, const struct change *c, int n)
{
	struct view v = {w->dev, w->done, w->ndone};
	struct plan_ev *pe = xcalloc((size_t)n + 1, sizeof *pe);
	for (int i = 0; i < n; i++) {
		struct undo_ev *ev = NULL;
		int nev = 0;
		if (undo_ev_collect(&v, c[i].offset, c[i].len, &ev, &nev) != 0) {
			free(ev);
			plan_ev_free(pe, n);
			return NULL;
		}
		for (int k = 0; k < nev; k++) {
			char *line = undo_ev_body(&ev[k]);
			int dup = recorded(w, line);
			for (int j = 0; j <= i && !dup; j++)
				for (int m = 0; m < pe[j].n && !dup; m++) dup = strcmp(pe[j].line[m], line) == 0;
			if (dup) {
				free(line);
				continue;
			}
			pe[i].line = xrealloc(pe[i].line, (pe[i].n + 1) * sizeof *pe[i].line);
			pe[i].line[pe[i].n++] = line;
		}
		free(ev);
	}
	return pe;
}

void writer_fence(struct writer *w, uint64_t off, uint64_t len, const char *why)
{
	w->fences = xrealloc(w->fences, (w->nfences + 1) * sizeof *w->fences);
	struct fence *f = &w->fences[w->nfences++];
	f->off = off;
	f->len = len;
	snprintf(f->why, sizeof f->why, "%s", why);
}

void writer_unfence(struct writer *w)
{
	free(w->fences);
	w->fences = NULL;
	w->nfences = 0;
}

/* The fence a change would cross, or NULL. */
static const struct fence *fenced(const struct writer *w, const struct change *c)
{
	for (int i = 0; i < w->nfences; i++)
		if (c->offset < w->fences[i].off + w->fences[i].len && w->fences[i].off < c->offset + c->len)
			return &w->fences[i];
	return NULL;
}

/* What the disk will hold at [off, off+len) once changes[0..upto) are
 * applied: the disk's bytes overlaid with those changes, in order. Lets one
 * plan contain overlapping changes (undo of several fixes). */
static int sim_read(struct writer *w, const struct change *c, int upto, uint64_t off, uint32_t len, uint8_t *buf)
{
	if (dev_read(w->dev, off, buf, len) != 0) return -1;
	for (int i = 0; i < upto; i++) {
		uint64_t a = c[i].offset > off ? c[i].offset : off;
		uint64_t b = c[i].offset + c[i].len < off + len ? c[i].offset + c[i].len : off + len;
		if (a < b) memcpy(buf + (a - off), c[i].after + (a - c[i].offset), (size_t)(b - a));
	}
	return 0;
}

static int ensure_undo(struct writer *w)
{
	if (w->undo) return 0;
	w->undo = undo_create(w->undo_dir, w->dev, w->identity, w->why, sizeof w->why);
	return w->undo ? 0 : -1;
}

/* Put back `before` for changes[0..n) in reverse order and verify. */
static int rollback(struct writer *w, const struct change *c, int n)
{
	int ok = 1;
	for (int i = n - 1; i >= 0; i--)
		if (dev_write(w->dev, c[i].offset, c[i].before, c[i].len) != 0) ok = 0;
	if (dev_sync(w->dev) != 0) ok = 0;
	uint8_t *buf = NULL;
	for (int i = 0; ok && i < n; i++) {
		/* The first change of each region holds the oldest bytes. */
		buf = xrealloc(buf, c[i].len);
		if (dev_read(w->dev, c[i].offset, buf, c[i].len) != 0) ok = 0;
		int covered = 0;
		for (int j = 0; j < i; j++)
			covered |= c[j].offset < c[i].offset + c[i].len && c[i].offset < c[j].offset + c[j].len;
		if (ok && !covered && memcmp(buf, c[i].before, c[i].len) != 0) ok = 0;
	}
	free(buf);
	return ok ? 0 : -1;
}

int writer_apply(struct writer *w, const struct fix *x)
{
	const struct change *c = x->changes;
	int n = x->nchanges;
	uint8_t *buf = NULL;
	int ret = -1, written = 0, in_record = 0;
	struct plan_ev *pe = NULL;
	/* Content diskmedic did not identify as its own is never written. */
	for (int i = 0; i < n; i++) {
		const struct fence *fc = fenced(w, &c[i]);
		if (fc) {
			snprintf(w->why, sizeof w->why, "refused: %s at offset %llu lies where %s; nothing written",
				 c[i].what, (unsigned long long)c[i].offset, fc->why);
			return -1;
		}
	}
	/* What will tell undo that it has the same disk (written with the
	 * record, below). Read first, so that the re-read of a. stays the last
	 * thing before the record and the writes, as fault tests expect. */
	if (!(pe = collect_evidence(w, c, n))) {
		snprintf(w->why, sizeof w->why, "cannot read the disk to record what identifies it: %s; nothing written",
			 w->dev->why);
		goto out;
	}
	/* a. The disk must still hold what the plan was made from. */
	for (int i = 0; i < n && !w->force; i++) {
		buf = xrealloc(buf, c[i].len);
		if (sim_read(w, c, i, c[i].offset, c[i].len, buf) != 0) {
			snprintf(w->why, sizeof w->why, "cannot re-read the disk before writing: %s; nothing written",
				 w->dev->why);
			goto out;
		}
		if (memcmp(buf, c[i].before, c[i].len) != 0) {
			snprintf(w->why, sizeof w->why,
				 "the disk changed since it was scanned (%s at offset %llu); nothing written, rescan first",
				 c[i].what, (unsigned long long)c[i].offset);
			goto out;
		}
	}
	/* b. The undo record is on stable storage before the first write,
	 * with what will tell undo that it has the same disk. */
	if (ensure_undo(w) != 0) goto out;
	for (int i = 0; i < n; i++) {
		int bad = 0;
		for (int k = 0; k < pe[i].n; k++) bad |= undo_add_evidence(w->undo, pe[i].line[k]) != 0;
		if (bad || undo_add(w->undo, x->id, c[i].offset, c[i].before, c[i].after, c[i].len) != 0) {
			snprintf(w->why, sizeof w->why, "cannot write the undo record %s; nothing written",
				 undo_path(w->undo));
			goto out;
		}
	}
	if (undo_commit(w->undo) != 0) {
		snprintf(w->why, sizeof w->why, "cannot fsync the undo record %s; nothing written", undo_path(w->undo));
		goto out;
	}
	in_record = 1;
	if (fault_crash_after_undo()) _exit(98);
	/* c. Write, flush, read back. */
	for (; written < n; written++)
		if (dev_write(w->dev, c[written].offset, c[written].after, c[written].len) != 0) {
			snprintf(w->why, sizeof w->why, "%s", w->dev->why);
			written++;	/* a failed write may still have changed bytes */
			goto restore;
		}
	if (dev_sync(w->dev) != 0) {
		snprintf(w->why, sizeof w->why, "%s", w->dev->why);
		goto restore;
	}
	for (int i = 0; i < n; i++) {
		uint8_t *want = xmalloc(c[i].len);
		buf = xrealloc(buf, c[i].len);
		/* want = disk overlaid with later changes: equals what must be there. */
		int readable = sim_read(w, c + i + 1, n - i - 1, c[i].offset, c[i].len, want) == 0 &&
			       dev_read(w->dev, c[i].offset, buf, c[i].len) == 0;
		int ok = readable && memcmp(buf, want, c[i].len) == 0;
		free(want);
		if (!ok) {
			/* Name an I/O error as such: "does not match" would suggest
			 * the device stores other bytes than it was given. */
			if (!readable)
				snprintf(w->why, sizeof w->why, "cannot read back %s after writing it: %s", c[i].what,
					 w->dev->why);
			else
				snprintf(w->why, sizeof w->why, "read-back after writing %s does not match", c[i].what);
			goto restore;
		}
	}
	ret = 0;
	goto out;
restore:
	/* d. Leave the disk as it was, never half fixed. */
	if (rollback(w, c, written) == 0) {
		/* The record must say so, or undo would expect the new bytes. */
		if (undo_add_rollback(w->undo, n) != 0 || undo_commit(w->undo) != 0) {}
		in_record = 0;
		size_t l = strlen(w->why);
		snprintf(w->why + l, sizeof w->why - l, "; the old bytes were restored and verified");
		ret = -1;
	} else {
		size_t l = strlen(w->why);
		snprintf(w->why + l, sizeof w->why - l, "; RESTORING FAILED: run 'diskmedic undo %s'",
			 undo_path(w->undo));
		ret = -2;
	}
out:
	/* The record now lists this plan's changes (undo will lay their
	 * before-bytes over the disk), unless they were rolled back. */
	if (in_record) {
		w->done = xrealloc(w->done, (w->ndone + n) * sizeof *w->done);
		for (int i = 0; i < n; i++) {
			uint8_t *b = xmalloc(c[i].len);
			memcpy(b, c[i].before, c[i].len);
			w->done[w->ndone++] = (struct overlay){c[i].offset, c[i].len, b};
		}
		for (int i = 0; i < n; i++)
			for (int k = 0; k < pe[i].n; k++) {
				w->evlines = xrealloc(w->evlines, (w->nevlines + 1) * sizeof *w->evlines);
				w->evlines[w->nevlines++] = pe[i].line[k];
				pe[i].line[k] = NULL;
			}
	}
	plan_ev_free(pe, n);
	free(buf);
	return ret;
}

int writer_journal_write(struct writer *w, const char *fix_id, uint64_t off, const void *data, size_t len)
{
	struct fix x = {0};
	snprintf(x.id, sizeof x.id, "%s", fix_id);
	uint8_t *before = dev_read_alloc(w->dev, off, len);
	if (!before) {
		snprintf(w->why, sizeof w->why, "%s", w->dev->why);
		return -1;
	}
	struct change c = {.offset = off, .len = (uint32_t)len, .before = before, .after = (uint8_t *)data};
	snprintf(c.what, sizeof c.what, "%s block at %llu", fix_id, (unsigned long long)off);
	x.changes = &c;
	x.nchanges = memcmp(before, data, len) ? 1 : 0;
	int r = x.nchanges ? writer_apply(w, &x) : 0;
	free(before);
	return r;
}

/* Put back everything this writer's record lists, newest first, through
 * writer_apply (so the revert is checked, verified and itself recorded).
 * For library repairs that fail between blocks: the disk ends unchanged
 * rather than half repaired. */
int writer_revert(struct writer *w)
{
	if (!w->undo) return 0;
	if (undo_commit(w->undo) != 0) return -1;
	struct undo_doc doc;
	char why[512];
	if (undo_load(undo_path(w->undo), &doc, why, sizeof why) != 0) return -1;
	struct fix x = {0};
	snprintf(x.id, sizeof x.id, "revert");
	undo_reverse_plan(&doc, &x, "revert of %s");
	struct writer *rw;
	int r = writer_open(&rw, w->dev, w->undo_dir);
	if (r == 0) r = writer_apply(rw, &x);
	writer_close(rw);
	free(x.changes);
	undo_doc_free(&doc);
	return r == 0 ? 0 : -1;
}
