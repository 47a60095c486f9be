/* See ntfsfile.h. */
#include "ntfsfile.h"
#include "../lib/util.h"
#include "../lib/ntfs3g.h"
#include "../ntfs/volume.h"
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ENTRIES 200000	/* a directory listing stops here: bounded time on a looping index */

struct listing {
	const char *want;	/* name to find (case-insensitive), or NULL: collect all */
	uint64_t mref;
	char found[256];
	char **names;
	int n;
	int seen;	/* entries looked at */
};

static int filldir(void *arg, const ntfschar *name, const int name_len, const int name_type, const s64 pos,
		   const MFT_REF mref, const unsigned dt_type)
{
	struct listing *l = arg;
	if (name_type == FILE_NAME_DOS) return 0;	/* the 8.3 alias of a long name seen already */
	char *s = NULL;
	if (ntfs_ucstombs(name, name_len, &s, 0) < 0 || !s) return 0;
	int stop = 0;
	if (l->want) {
		if (!strcasecmp(s, l->want)) {
			l->mref = MREF(mref);
			snprintf(l->found, sizeof l->found, "%s", s);
			stop = 1;
		}
	} else {
		for (char *c = s; *c; c++) *c = (char)tolower((unsigned char)*c);
		l->names = xrealloc(l->names, (size_t)(l->n + 2) * sizeof *l->names);
		l->names[l->n++] = xstrdup(s);
		l->names[l->n] = NULL;
	}
	free(s);
	if (++l->seen > MAX_ENTRIES) stop = 1;
	return stop;	/* non-zero ends ntfs_readdir */
}

/* Walk path from the root; returns the inode (to close) of the last part. */
static ntfs_inode *walk(ntfs_volume *vol, const char *path, char *real, size_t realn, int *absent)
{
	/* Hidden files too: the listing is how names are matched, not a view. */
	NVolSetShowHidFiles(vol);
	ntfs_inode *ni = ntfs_inode_open(vol, FILE_root);
	char buf[512];
	snprintf(buf, sizeof buf, "%s", path);
	if (real && realn) real[0] = 0;
	*absent = 0;
	for (char *save = NULL, *part = strtok_r(buf, "/", &save); ni && part; part = strtok_r(NULL, "/", &save)) {
		struct listing l = {.want = part};
		s64 pos = 0;
		/* A filldir that stops the listing (found) makes ntfs_readdir return -1. */
		int r = ntfs_readdir(ni, &pos, &l, filldir);
		ntfs_inode_close(ni);
		ni = NULL;
		if (!l.found[0]) {
			*absent = r == 0;
			break;
		}
		if (real) {
			size_t k = strlen(real);
			snprintf(real + k, realn - k, "%s%s", k ? "/" : "", l.found);
		}
		ni = ntfs_inode_open(vol, l.mref);
	}
	return ni;
}

int winfs_lookup(struct disk *d, struct part *p, const char *path, uint64_t *mref, char *real, size_t realn,
		 char *why, size_t whylen)
{
	struct nt_vol *v = nt_vol_get(d, p, why, whylen);
	if (!v) return -1;
	int absent;
	nt_log_reset();
	ntfs_inode *ni = walk(v->vol, path, real, realn, &absent);
	int r;
	if (ni) {
		*mref = (uint64_t)ni->mft_no;
		ntfs_inode_close(ni);
		r = 1;
	} else if (absent) {
		r = 0;
	} else {
		snprintf(why, whylen, "cannot look up %s: %s", path, nt_log_text());
		r = -1;
	}
	nt_vol_put(v);
	return r;
}

int winfs_read(struct disk *d, struct part *p, uint64_t mref, size_t max, uint8_t **buf, size_t *len, char *why,
	       size_t whylen)
{
	*buf = NULL;
	*len = 0;
	struct nt_vol *v = nt_vol_get(d, p, why, whylen);
	if (!v) return -1;
	int r = -1;
	nt_log_reset();
	ntfs_inode *ni = ntfs_inode_open(v->vol, (MFT_REF)mref);
	ntfs_attr *na = ni ? ntfs_attr_open(ni, AT_DATA, AT_UNNAMED, 0) : NULL;
	if (!na) {
		snprintf(why, whylen, "cannot open the file's data: %s", nt_log_text());
	} else if (na->data_size < 0 || (uint64_t)na->data_size > max) {
		snprintf(why, whylen, "the file is %lld bytes, more than the %zu diskmedic reads",
			 (long long)na->data_size, max);
	} else {
		size_t n = (size_t)na->data_size;
		uint8_t *b = xmalloc(n ? n : 1);
		s64 got = n ? ntfs_attr_pread(na, 0, (s64)n, b) : 0;
		if (got != (s64)n) {
			snprintf(why, whylen, "read %lld of %zu bytes: %s", (long long)got, n, nt_log_text());
			free(b);
		} else {
			*buf = b;
			*len = n;
			r = 0;
		}
	}
	if (na) ntfs_attr_close(na);
	if (ni) ntfs_inode_close(ni);
	nt_vol_put(v);
	return r;
}

char **winfs_list(struct disk *d, struct part *p, const char *path, char *why, size_t whylen)
{
	struct nt_vol *v = nt_vol_get(d, p, why, whylen);
	if (!v) return NULL;
	int absent;
	nt_log_reset();
	ntfs_inode *ni = walk(v->vol, path, NULL, 0, &absent);
	char **out = NULL;
	if (!ni) {
		snprintf(why, whylen, "%s: %s", path, absent ? "no such directory" : nt_log_text());
	} else {
		struct listing l = {0};
		s64 pos = 0;
		ntfs_readdir(ni, &pos, &l, filldir);
		ntfs_inode_close(ni);
		out = l.names ? l.names : xcalloc(1, sizeof *out);
	}
	nt_vol_put(v);
	return out;
}

void winfs_list_free(char **v)
{
	for (char **s = v; s && *s; s++) free(*s);
	free(v);
}
