/* See repair.h. */
#include "../lib/ntfs3g.h"
#include "repair.h"
#include "state.h"
#include "volume.h"
#include "../fix/writer.h"
#include "../lib/util.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct ctx {
	struct disk *d;
	int part;
	enum ntfs_repair what;
	char fix_id[48];
	int touched;	/* library writes attempted so far by this repair */
};

static int refuse(struct writer *w, const char *fmt, const char *arg)
{
	writer_set_why(w, fmt, arg);
	return -1;
}

/* A library repair that fails after some blocks were written must not leave
 * the volume half repaired: put every recorded block back (the writer
 * already restored the one whose write failed, and marked it in the record).
 * Only when that revert fails is the disk left for 'diskmedic undo'. */
static int failed_halfway(struct writer *w, struct ctx *c, const char *what, const char *why)
{
	char msg[400];
	snprintf(msg, sizeof msg, "%s: %s", what, why);
	if (!c->touched || !writer_undo_path(w)) {
		writer_set_why(w, "%s; nothing written", msg);
		return -1;
	}
	char rec[300];
	snprintf(rec, sizeof rec, "%s", writer_undo_path(w));
	if (writer_revert(w) == 0) {
		writer_set_why(w, "%s; the blocks written before the failure were put back and verified: "
			 "the volume is as it was", msg);
		return -1;
	}
	writer_set_why(w, "%.200s; putting back the blocks written before the failure failed too: "
		 "restore them with 'diskmedic undo --force %.200s'", msg, rec);
	return -2;	/* half written: fix.c stops touching the disk */
}

/* Open read-write through the journal. */
static struct nt_vol *open_rw(struct writer *w, struct ctx *c, struct part *p, enum ntfs_open_how how,
				unsigned long flags)
{
	char why[256];
	struct nt_vol *v = nt_vol_open(c->d, p, w, c->fix_id, how, flags, why, sizeof why);
	if (!v) failed_halfway(w, c, "libntfs-3g cannot open the volume for writing", why);
	return v;
}

static int close_rw(struct writer *w, struct ctx *c, struct nt_vol *v, int *blocks)
{
	char why[256] = "";
	/* Closing writes back and frees v: count the writes as it goes, through
	 * a copy of the counters taken by nt_vol_close. */
	struct nt_part_io io;
	int r = nt_vol_close_io(v, &io, why, sizeof why);
	*blocks += io.blocks_written;
	c->touched += io.blocks_written + io.write_failed;
	return r != 0 ? failed_halfway(w, c, "libntfs-3g failed while writing back", why) : 0;
}

/* Empty $LogFile (libntfs-3g's ntfs_logfile_reset), then set the dirty flag
 * so that Windows runs chkdsk at its next boot. The reset needs only the
 * startup volume: a full read-write mount refuses while the journal is
 * unclean, and ntfs_volume_write_flags needs the full mount afterwards. */
static int reset_journal(struct writer *w, struct ctx *c, struct part *p, int *blocks)
{
	struct nt_loginfo li;
	struct nt_hiberinfo hi;
	char why[256];
	/* Every refusal comes before the first write. */
	if (nt_read_hiber(c->d, p, &hi, why, sizeof why) == 0 && hi.hibernated)
		return refuse(w, "%s", "Windows is hibernated on this volume: boot it and shut it down fully; nothing written");
	if (nt_read_logfile(c->d, p, &li, why, sizeof why) != 0)
		return refuse(w, "cannot read $LogFile: %s; nothing written", why);
	if (li.major == 2 && c->what != NTFS_DISCARD_FAST_STARTUP)
		return refuse(w, "%s", "$LogFile holds Windows Fast Startup metadata: only 'fix --only ntfs-fast-startup' discards it; nothing written");
	struct nt_vol *v = open_rw(w, c, p, NTFS_STARTUP, 0);
	if (!v) return c->touched ? -2 : -1;
	nt_log_reset();
	if (ntfs_logfile_reset(v->vol) != 0) {
		snprintf(why, sizeof why, "%s", nt_log_text());
		int b = 0;
		close_rw(w, c, v, &b);
		return failed_halfway(w, c, "resetting $LogFile failed", why);
	}
	if (close_rw(w, c, v, blocks) != 0) return c->touched ? -2 : -1;
	v = open_rw(w, c, p, NTFS_MOUNT, 0);
	if (!v) return c->touched ? -2 : -1;
	int r = ntfs_volume_write_flags(v->vol, v->vol->flags | VOLUME_IS_DIRTY);
	snprintf(why, sizeof why, "%s", nt_log_text());
	if (close_rw(w, c, v, blocks) != 0) return c->touched ? -2 : -1;
	if (r != 0) return failed_halfway(w, c, "setting the dirty flag failed ($LogFile was reset)", why);
	return 0;
}

static int clear_dirty(struct writer *w, struct ctx *c, struct part *p, int *blocks)
{
	/* A read-write mount refuses hibernated and unclean volumes by itself:
	 * clearing the flag is only offered on an otherwise clean volume. */
	struct nt_vol *v = open_rw(w, c, p, NTFS_MOUNT, 0);
	if (!v) return c->touched ? -2 : -1;
	int r = ntfs_volume_write_flags(v->vol, v->vol->flags & ~VOLUME_IS_DIRTY);
	char why[256];
	snprintf(why, sizeof why, "%s", nt_log_text());
	if (close_rw(w, c, v, blocks) != 0) return c->touched ? -2 : -1;
	if (r != 0) return failed_halfway(w, c, "clearing the dirty flag failed", why);
	return 0;
}

static int run(struct writer *w, void *arg)
{
	struct ctx *c = arg;
	struct part *p = disk_part(c->d, c->part);
	if (!p) return refuse(w, "%s", "the partition is gone from the disk model; nothing written");
	int blocks = 0, r;
	r = c->what == NTFS_CLEAR_DIRTY ? clear_dirty(w, c, p, &blocks) : reset_journal(w, c, p, &blocks);
	if (r == 0 && !writer_undo_path(w)) return refuse(w, "%s", "libntfs-3g found nothing to change; nothing written");
	writer_note(w, "  libntfs-3g wrote %d block%s; each that changed is in the undo record and was read back\n",
		    blocks, blocks == 1 ? "" : "s");
	/* The result as the library now sees it. */
	int err;
	char why[256];
	if (nt_mount_check(c->d, p, &err, why, sizeof why) == 0)
		writer_note(w, "  read-only mount through libntfs-3g: ok\n");
	else
		writer_note(w, "  read-only mount through libntfs-3g: fails (%s)\n", why);
	return r;
}

void nt_repair_attach(struct fix *x, struct disk *d, struct part *p, enum ntfs_repair what)
{
	struct ctx *c = xcalloc(1, sizeof *c);
	c->d = d;
	c->part = p->index;
	c->what = what;
	snprintf(c->fix_id, sizeof c->fix_id, "%s", x->id);
	x->run = run;
	x->ctx = c;
	x->ctx_free = free;
}
