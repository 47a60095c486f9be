/* Undo records: a text file per fix run, saved (and fsynced) before the disk
 * is touched, elsewhere than on the disk. Format (one item per line):
 *
 *   diskmedic-undo 2
 *   target PATH
 *   size BYTES
 *   sector-size N
 *   identity SHA256     (of the first 64 KiB as they were before any change here)
 *   created ISO-8601
 *   window OFFSET LEN SHA256 CRC32       \ evidence for the next change:
 *   ntfs-serial OFFSET LEN SERIAL CRC32   | what identifies the disk around
 *   gpt-disk-guid GUID CRC32             /  it (fix/evidence.h), each once
 *   fix FIX-ID
 *   change OFFSET LEN BEFORE-HEX AFTER-HEX CRC32
 *   rolledback N CRC32  (the writer put back the last N changes' old bytes)
 *
 * CRC32 covers "OFFSET LEN BEFORE-HEX AFTER-HEX" of its own line, so a record
 * cut short by a crash loses at most its last, never-written change. An
 * evidence line's CRC32 covers the line before it, key included.
 *
 * Version 1 records (before the evidence lines) still load: doc->version
 * says so, and undo warns that they identify the disk by 64 KiB only. */
#ifndef DM_UNDO_H
#define DM_UNDO_H
#include <stddef.h>
#include <stdint.h>
#include "../io/dev.h"
#include "evidence.h"
#include "plan.h"

#define UNDO_IDENTITY_BYTES 65536

struct undo_change {
	uint64_t offset;
	uint32_t len;
	uint8_t *before, *after;
	char fix[48];
};

struct undo_doc {
	char target[4096];
	uint64_t size;
	uint32_t ssz;
	uint8_t identity[32];
	char created[40];
	char format[16];	/* "image-format": a VM disk image's format (io/image.c); "" for raw */
	int version;		/* 1: no evidence lines (older diskmedic) */
	int nchanges;
	struct undo_change *changes;
	int nev;
	struct undo_ev *ev;	/* each tied to a change; dropped with it on rollback */
	int bad_lines;		/* lines whose CRC failed (a torn last line) */
};

/* Pure: parse a record. 0 on success, -1 with why. */
int undo_parse(const char *text, size_t len, struct undo_doc *doc, char *why, size_t whylen);
void undo_doc_free(struct undo_doc *doc);
/* Read and parse the record at path. 0, or -1 with why (naming the file). */
int undo_load(const char *path, struct undo_doc *doc, char *why, size_t whylen);
/* Fill x with the plan that takes doc's changes back, newest first. The
 * changes borrow doc's buffers (free x->changes only, before the doc).
 * what_fmt names each change, with %s for the fix that made it. */
void undo_reverse_plan(const struct undo_doc *doc, struct fix *x, const char *what_fmt);
/* sha256 of the first UNDO_IDENTITY_BYTES of the target, as read now. */
int undo_identity(struct dev *dev, uint8_t out[32]);

struct undo_file;
/* Create DIR (if needed) and a new record in it for this target. */
struct undo_file *undo_create(const char *dir, struct dev *dev, const uint8_t identity[32], char *why,
			      size_t whylen);
/* One evidence line (the body from undo_ev_body), before its change's undo_add. */
int undo_add_evidence(struct undo_file *u, const char *body);
int undo_add(struct undo_file *u, const char *fix_id, uint64_t off, const uint8_t *before, const uint8_t *after,
	     uint32_t len);
/* The writer restored the last n changes after a failed write: undo must
 * leave them out, since the disk holds their old bytes again. */
int undo_add_rollback(struct undo_file *u, int n);
/* fsync the record and its directory. */
int undo_commit(struct undo_file *u);
const char *undo_path(const struct undo_file *u);
void undo_close(struct undo_file *u);
#endif
