/* See volume.h. */
#include "../lib/ntfs3g.h"
#include "volume.h"
#include "bootsect.h"
#include "../lib/memo.h"
#include "../lib/util.h"
#include "../parse/ntfs_bpb.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* libntfs-3g reports through a global log handler. diskmedic is a report
 * tool: the messages become evidence, never stray lines on the terminal. */
static char logbuf[2048];
static size_t loglen;

static int capture(const char *function, const char *file, int line, u32 level, void *data, const char *fmt,
		   va_list ap)
{
	int err = errno;	/* restored by ntfs_log_redirect for perror */
	char line_buf[512];
	int n = vsnprintf(line_buf, sizeof line_buf, fmt, ap);
	if (n < 0) return 0;
	size_t l = strcspn(line_buf, "\n");
	line_buf[l] = 0;
	if (level & NTFS_LOG_LEVEL_PERROR)
		snprintf(line_buf + l, sizeof line_buf - l, ": %s", strerror(err));
	if (loglen + strlen(line_buf) + 2 < sizeof logbuf) {
		loglen += (size_t)snprintf(logbuf + loglen, sizeof logbuf - loglen, "%s%s", loglen ? "; " : "",
					   line_buf);
	}
	return n;
}

void nt_log_reset(void)
{
	static int installed;
	if (!installed) {
		ntfs_log_set_handler(capture);
		ntfs_log_set_levels(NTFS_LOG_LEVEL_ERROR | NTFS_LOG_LEVEL_PERROR | NTFS_LOG_LEVEL_CRITICAL |
				    NTFS_LOG_LEVEL_WARNING);
		installed = 1;
	}
	loglen = 0;
	logbuf[0] = 0;
}

const char *nt_log_text(void)
{
	return logbuf;
}

int nt_part_allowed(struct disk *d, struct part *p, char *why, size_t whylen)
{
	if (p->is_extended || !p->fs || strcmp(p->fs, "ntfs") != 0) {
		snprintf(why, whylen, "diskmedic did not recognise NTFS on partition %d", p->index);
		return 0;
	}
	uint8_t *sec = xcalloc(1, d->ssz);
	struct nt_bpb b;
	int ok = dev_read(d->dev, p->start * d->ssz, sec, d->ssz) == 0 &&
		 nt_bpb_parse(sec, d->ssz, &b) == NTFS_BPB_OK;
	free(sec);
	if (!ok) {
		snprintf(why, whylen, "partition %d's primary NTFS boot sector is not usable", p->index);
		return 0;
	}
	/* The library must not read or write beyond the partition, into a
	 * neighbour: a volume larger than its room is left to the user. */
	uint64_t room = p->sectors * d->ssz;
	if (p->start * d->ssz + room > d->size) room = d->size > p->start * d->ssz ? d->size - p->start * d->ssz : 0;
	if ((b.total_sectors + 1) * b.bytes_per_sector > room && b.total_sectors * b.bytes_per_sector > room) {
		snprintf(why, whylen, "partition %d's NTFS volume is larger than the space it has", p->index);
		return 0;
	}
	return 1;
}

struct nt_vol *nt_vol_open(struct disk *d, struct part *p, struct writer *w, const char *fix_id,
			       enum ntfs_open_how how, unsigned long flags, char *why, size_t whylen)
{
	if (!nt_part_allowed(d, p, why, whylen)) return NULL;
	struct nt_vol *v = xcalloc(1, sizeof *v);
	v->io.dev = d->dev;
	v->io.base = p->start * d->ssz;
	v->io.len = p->sectors * d->ssz;
	if (v->io.base + v->io.len > d->size) v->io.len = d->size - v->io.base;
	v->io.w = w;
	v->io.fix_id = fix_id;
	/* The two places libntfs-3g reads a boot sector from. */
	uint8_t *sec = xmalloc(d->ssz);
	int insane = 0;
	uint64_t at[2] = {v->io.base, v->io.base + v->io.len - d->ssz};
	for (int k = 0; k < 2 && v->io.len >= d->ssz; k++)
		if (dev_read(d->dev, at[k], sec, d->ssz) == 0 && !nt_boot_count_sane(sec)) insane = 1;
	free(sec);
	if (insane) {
		snprintf(why, whylen, "the boot sector's sector count is impossible (past 2^51)");
		free(v);
		return NULL;
	}
	char name[64];
	snprintf(name, sizeof name, "partition %d", p->index);
	v->nd = nt_part_device(&v->io, name);
	if (!v->nd) {
		snprintf(why, whylen, "out of memory");
		free(v);
		return NULL;
	}
	nt_log_reset();
	if (!w) flags |= NTFS_MNT_RDONLY;
	errno = 0;
	v->vol = how == NTFS_MOUNT ? ntfs_device_mount(v->nd, (ntfs_mount_flags)flags)
				   : ntfs_volume_startup(v->nd, (ntfs_mount_flags)flags);
	if (!v->vol) {
		int err = errno;
		snprintf(why, whylen, "%s", *nt_log_text() ? nt_log_text() : strerror(err ? err : EIO));
		if (v->io.why[0]) {
			size_t l = strlen(why);
			snprintf(why + l, whylen - l, " (%s)", v->io.why);
		}
		ntfs_device_free(v->nd);
		free(v);
		errno = err;
		return NULL;
	}
	v->mounted = how == NTFS_MOUNT;
	return v;
}

int nt_vol_close(struct nt_vol *v, char *why, size_t whylen)
{
	return nt_vol_close_io(v, NULL, why, whylen);
}

int nt_vol_close_io(struct nt_vol *v, struct nt_part_io *io, char *why, size_t whylen)
{
	if (!v) return 0;
	nt_log_reset();
	/* ntfs_umount writes back dirty inodes, then frees the device too. For
	 * a startup-only volume it reports a stale errno for the system files
	 * it never opened: only a full mount's result means anything, and
	 * every write of either kind is judged by the device (io.write_failed). */
	int r = ntfs_umount(v->vol, FALSE);
	int failed = v->io.write_failed || (v->mounted && r != 0);
	if (io) *io = v->io;
	if (failed && why)
		snprintf(why, whylen, "%s%s%s", nt_log_text(), *nt_log_text() && v->io.why[0] ? "; " : "",
			 v->io.why[0] || *nt_log_text() ? v->io.why : "ntfs_umount failed");
	free(v);
	return failed ? -1 : 0;
}

/* What the scan's memo keeps per partition: the startup, or why it failed
 * (a volume that will not start fails the same way for every check), and
 * what the library said while starting it, which each reader's messages
 * then follow as they did when every reader started its own. */
struct shared {
	struct nt_vol *v;
	char why[512];
	char log[sizeof logbuf];
};

static void shared_drop(void *m)
{
	struct shared *s = m;
	nt_vol_close(s->v, NULL, 0);
	free(s);
}

struct nt_vol *nt_vol_get(struct disk *d, struct part *p, char *why, size_t whylen)
{
	struct shared *s = memo_find(p, "ntfs-startup");
	if (s) {
		nt_log_reset();
		loglen = (size_t)snprintf(logbuf, sizeof logbuf, "%s", s->log);
		if (!s->v) snprintf(why, whylen, "%s", s->why);
		return s->v;
	}
	struct nt_vol *v = nt_vol_open(d, p, NULL, NULL, NTFS_STARTUP, 0, why, whylen);
	s = xcalloc(1, sizeof *s);
	s->v = v;
	if (!v) snprintf(s->why, sizeof s->why, "%s", why);
	snprintf(s->log, sizeof s->log, "%s", logbuf);
	if (memo_keep(p, "ntfs-startup", s, shared_drop)) {
		if (v) v->shared = 1;
	} else {
		free(s);
	}
	return v;
}

void nt_vol_put(struct nt_vol *v)
{
	if (v && !v->shared) nt_vol_close(v, NULL, 0);	/* else memo_end closes it */
}
