/* Undo evidence: what identifies the disk around each change, beyond the
 * first 64 KiB that the record's identity hashes. VM clones from one
 * template share those 64 KiB (MBR plus zeros), and a healthy clone may hold
 * exactly the bytes a fix wrote on its sibling, so neither the identity nor
 * the bytes of the change tell the disks apart. What does: the bytes around
 * the change, the serial of the NTFS volume it falls in, the GPT disk GUID.
 *
 * Evidence always describes the disk as it was before the record's first
 * change. The writer reads it through a view that lays the before-bytes of
 * the changes it already made over the disk; undo lays the before-bytes of
 * all the record's changes over the disk (which then holds the after-bytes,
 * or a torn mix of both) and must read the same evidence. */
#ifndef DM_EVIDENCE_H
#define DM_EVIDENCE_H
#include <stddef.h>
#include <stdint.h>
#include "../io/dev.h"

#define UNDO_WINDOW 65536	/* changes are fingerprinted by the aligned windows they touch */

enum undo_ev_kind { UNDO_EV_WINDOW, UNDO_EV_NTFS_SERIAL, UNDO_EV_GPT_GUID };

struct undo_ev {
	int kind;
	uint64_t off, len;	/* window: the bytes hashed; ntfs-serial: the partition */
	uint8_t val[32];	/* sha256, 8-byte serial (as on disk), or 16-byte GUID */
	int change;		/* index of the record's change it came with */
};

/* Byte ranges laid over the disk, in the order they were changed: where
 * several cover a byte the earliest wins (its before-bytes are the oldest). */
struct overlay {
	uint64_t off;
	uint32_t len;
	const uint8_t *bytes;
};

struct view {
	struct dev *dev;
	const struct overlay *ov;
	int nov;
};

int view_read(const struct view *v, uint64_t off, void *buf, size_t len);

/* Append to *ev (realloc'd, *nev counts) the evidence for a change at
 * [off, off+len): the windows it touches; the NTFS serial of each partition
 * it falls in (of every NTFS partition when it falls in none: a change to
 * the tables concerns them all); the GPT disk GUID. 0, or -1 when the disk
 * cannot be read (v->dev->why). */
int undo_ev_collect(const struct view *v, uint64_t off, uint64_t len, struct undo_ev **ev, int *nev);

/* Does the view show the same? 1 yes; 0 no, with why saying what differs;
 * -1 read error (why). */
int undo_ev_check(const struct view *v, const struct undo_ev *e, char *why, size_t whylen);

/* The record line without its CRC: "window OFF LEN SHA256", "ntfs-serial
 * OFF LEN SERIAL" or "gpt-disk-guid GUID" (hex). The caller frees it. */
char *undo_ev_body(const struct undo_ev *e);
/* 1 if line is an evidence line (by its key). */
int undo_ev_is(const char *line);
/* Parse the first n bytes of a line (the body, without its CRC). 0, or -1. */
int undo_ev_parse(const char *line, size_t n, struct undo_ev *e);
#endif
