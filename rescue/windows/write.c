/* Writing the changed SYSTEM hive back (edit.h's win_write_attach): a fix
 * run that opens the volume read-write through the writer's journal
 * (ntfs/volume.h: every block the library writes is saved in the undo
 * record, written, read back), checks that the hive still holds exactly the
 * bytes the plan was made from, writes the places that differ (extending the
 * file first if the hive grew), and reads the whole file back. A failure
 * after the first write puts every recorded block back. */
#include "edit.h"
#include "../fix/writer.h"
#include "../lib/util.h"
#include "../lib/ntfs3g.h"
#include "../ntfs/volume.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct ctx {
	struct disk *d;
	int part;
	uint64_t inode;
	uint8_t *old, *neu;
	size_t nold, nneu;
	char fix_id[48];
};

static void ctx_free(void *arg)
{
	struct ctx *c = arg;
	free(c->old);
	free(c->neu);
	free(c);
}

/* After a failure: nothing written, or everything put back, or (-2) not even that. */
static int failed(struct writer *w, int touched, const char *what)
{
	if (!touched || !writer_undo_path(w)) {
		writer_set_why(w, "%.400s; nothing written", what);
		return -1;
	}
	char rec[300];
	snprintf(rec, sizeof rec, "%s", writer_undo_path(w));
	if (writer_revert(w) == 0) {
		writer_set_why(w, "%.300s; the blocks written were put back and verified: the hive is as it was",
			 what);
		return -1;
	}
	writer_set_why(w, "%.200s; putting back the blocks written failed too: restore them with "
		 "'diskmedic undo --force %.200s'", what, rec);
	return -2;
}

/* Read the whole data of na into a new buffer of exactly n bytes, or NULL. */
static uint8_t *read_all(ntfs_attr *na, size_t n)
{
	if (na->data_size != (s64)n) return NULL;
	uint8_t *b = xmalloc(n ? n : 1);
	if (n && ntfs_attr_pread(na, 0, (s64)n, b) != (s64)n) {
		free(b);
		return NULL;
	}
	return b;
}

static int run(struct writer *w, void *arg)
{
	struct ctx *c = arg;
	struct part *p = disk_part(c->d, c->part);
	char why[256], msg[400];
	if (!p) {
		writer_set_why(w, "the partition is gone from the disk model; nothing written");
		return -1;
	}
	/* A read-write mount: the library refuses hibernated Windows and an
	 * unclean journal by itself, and can extend the file. */
	struct nt_vol *v = nt_vol_open(c->d, p, w, c->fix_id, NTFS_MOUNT, 0, why, sizeof why);
	if (!v) {
		snprintf(msg, sizeof msg, "libntfs-3g cannot open the volume for writing: %s", why);
		return failed(w, 0, msg);
	}
	ntfs_inode *ni = ntfs_inode_open(v->vol, (MFT_REF)c->inode);
	ntfs_attr *na = ni ? ntfs_attr_open(ni, AT_DATA, AT_UNNAMED, 0) : NULL;
	const char *err = NULL;
	uint8_t *cur = na ? read_all(na, c->nold) : NULL;
	if (!na) err = "cannot open the SYSTEM hive's data";
	else if (!cur || memcmp(cur, c->old, c->nold)) err = "the SYSTEM hive changed since the scan";
	free(cur);
	if (!err && c->nneu != c->nold && ntfs_attr_truncate(na, (s64)c->nneu) != 0)
		err = "libntfs-3g cannot resize the SYSTEM hive";
	struct hive_range *rg = NULL;
	int nr = err ? 0 : hive_diff(c->old, c->nold, c->neu, c->nneu, 16, &rg);
	for (int i = 0; !err && i < nr; i++)
		if (ntfs_attr_pwrite(na, (s64)rg[i].off, (s64)rg[i].len, c->neu + rg[i].off) != (s64)rg[i].len)
			err = "libntfs-3g failed writing the SYSTEM hive";
	free(rg);
	if (!err) {
		uint8_t *back = read_all(na, c->nneu);
		if (!back || memcmp(back, c->neu, c->nneu)) err = "the SYSTEM hive read back differs from what was written";
		free(back);
	}
	if (na) ntfs_attr_close(na);
	if (ni && ntfs_inode_close(ni) != 0 && !err) err = "libntfs-3g failed writing the SYSTEM file's record";
	struct nt_part_io io = {0};
	int r = nt_vol_close_io(v, &io, why, sizeof why);
	if (r != 0 && !err) err = "libntfs-3g failed while writing back";
	if (err) {
		snprintf(msg, sizeof msg, "%s%s%s", err, why[0] && r ? ": " : "", r ? why : "");
		return failed(w, io.blocks_written || io.write_failed, msg);
	}
	if (!io.blocks_written) {
		writer_set_why(w, "libntfs-3g found nothing to change; nothing written");
		return -1;
	}
	writer_note(w, "  libntfs-3g wrote %d block%s; each that changed is in the undo record and was read back\n",
		    io.blocks_written, io.blocks_written == 1 ? "" : "s");
	return 0;
}

void win_write_attach(struct fix *x, struct disk *d, struct part *p, const struct win_install *w,
		      const uint8_t *neu, size_t nneu)
{
	struct ctx *c = xcalloc(1, sizeof *c);
	c->d = d;
	c->part = p->index;
	c->inode = w->inode;
	c->old = xmalloc(w->len ? w->len : 1);
	memcpy(c->old, w->hive, w->len);
	c->nold = w->len;
	c->neu = xmalloc(nneu ? nneu : 1);
	memcpy(c->neu, neu, nneu);
	c->nneu = nneu;
	snprintf(c->fix_id, sizeof c->fix_id, "%s", x->id);
	x->run = run;
	x->ctx = c;
	x->ctx_free = ctx_free;
}
