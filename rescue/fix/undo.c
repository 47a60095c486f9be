#define _GNU_SOURCE
#include "undo.h"
#include "../io/image.h"
#include "../lib/sha256.h"
#include "../lib/util.h"
#include "../parse/crc32.h"
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <time.h>
#include <unistd.h>

struct undo_file {
	FILE *f;
	char path[4200];
	char dir[4096];
};

int undo_identity(struct dev *dev, uint8_t out[32])
{
	size_t n = dev->size < UNDO_IDENTITY_BYTES ? (size_t)dev->size : UNDO_IDENTITY_BYTES;
	uint8_t *b = dev_read_alloc(dev, 0, n);
	if (!b) return -1;
	sha256(b, n, out);
	free(b);
	return 0;
}

static int mkdir_p(const char *dir)
{
	char tmp[4096];
	snprintf(tmp, sizeof tmp, "%s", dir);
	for (char *p = tmp + 1; *p; p++)
		if (*p == '/') {
			*p = 0;
			if (mkdir(tmp, 0700) != 0 && errno != EEXIST) return -1;
			*p = '/';
		}
	return mkdir(tmp, 0700) != 0 && errno != EEXIST ? -1 : 0;
}

struct undo_file *undo_create(const char *dir, struct dev *dev, const uint8_t identity[32], char *why,
			      size_t whylen)
{
	if (mkdir_p(dir) != 0) {
		snprintf(why, whylen, "cannot create undo directory %s: %s", dir, strerror(errno));
		return NULL;
	}
	/* The record must not live on the disk being changed. */
	struct stat ds, ts;
	if (dev->is_blockdev && stat(dir, &ds) == 0 && stat(dev->path, &ts) == 0 &&
	    (ds.st_dev == ts.st_rdev || (major(ds.st_dev) == major(ts.st_rdev) &&
					 minor(ds.st_dev) > minor(ts.st_rdev) && minor(ds.st_dev) < minor(ts.st_rdev) + 16))) {
		snprintf(why, whylen, "undo directory %s is on the disk being repaired; choose another with --undo-dir", dir);
		return NULL;
	}
	struct undo_file *u = xcalloc(1, sizeof *u);
	snprintf(u->dir, sizeof u->dir, "%s", dir);
	char base[4096], stamp[32];
	snprintf(base, sizeof base, "%s", dev->path);
	time_t now = time(NULL);
	strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", gmtime(&now));
	int fd = -1;
	for (int seq = 1; seq < 1000 && fd < 0; seq++) {
		snprintf(u->path, sizeof u->path, "%s/%s-%s-%03d.undo", dir, basename(base), stamp, seq);
		fd = open(u->path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		if (fd < 0 && errno != EEXIST) break;
	}
	if (fd < 0 || !(u->f = fdopen(fd, "w"))) {
		snprintf(why, whylen, "cannot create undo record in %s: %s", dir, strerror(errno));
		if (fd >= 0) close(fd);
		free(u);
		return NULL;
	}
	char *id = hexstr(identity, 32), created[40];
	strftime(created, sizeof created, "%Y-%m-%dT%H:%M:%SZ", gmtime(&now));
	fprintf(u->f, "diskmedic-undo 2\ntarget %s\nsize %llu\nsector-size %u\nidentity %s\ncreated %s\n", dev->path,
		(unsigned long long)dev->size, dev->ssz, id, created);
	/* A VM disk image: the offsets are in the disk qemu presents, not in
	 * the file, so the record names the format it was made through. */
	if (dev->img) fprintf(u->f, "image-format %s\n", image_format(dev));
	free(id);
	return u;
}

int undo_add(struct undo_file *u, const char *fix_id, uint64_t off, const uint8_t *before, const uint8_t *after,
	     uint32_t len)
{
	char *b = hexstr(before, len), *a = hexstr(after, len);
	char *body = xasprintf("%llu %u %s %s", (unsigned long long)off, len, b, a);
	fprintf(u->f, "fix %s\nchange %s %08x\n", fix_id, body, crc32_ieee((const uint8_t *)body, strlen(body)));
	free(b);
	free(a);
	free(body);
	return ferror(u->f) ? -1 : 0;
}

int undo_add_evidence(struct undo_file *u, const char *body)
{
	fprintf(u->f, "%s %08x\n", body, crc32_ieee((const uint8_t *)body, strlen(body)));
	return ferror(u->f) ? -1 : 0;
}

int undo_add_rollback(struct undo_file *u, int n)
{
	char body[32];
	snprintf(body, sizeof body, "%d", n);
	fprintf(u->f, "rolledback %s %08x\n", body, crc32_ieee((const uint8_t *)body, strlen(body)));
	return ferror(u->f) ? -1 : 0;
}

/* Evidence belongs to the change after it: none left (rolled back, or a
 * record cut short before its change line) means it describes nothing. */
static void drop_orphan_evidence(struct undo_doc *doc)
{
	int k = 0;
	for (int i = 0; i < doc->nev; i++)
		if (doc->ev[i].change < doc->nchanges) doc->ev[k++] = doc->ev[i];
	doc->nev = k;
}

static int parse_evidence(const char *line, struct undo_doc *doc)
{
	const char *sp = strrchr(line, ' ');
	if (!sp) return -1;
	char *end;
	unsigned long crc = strtoul(sp + 1, &end, 16);
	if (*end || end == sp + 1 || crc32_ieee((const uint8_t *)line, (size_t)(sp - line)) != (uint32_t)crc)
		return -1;
	struct undo_ev e;
	if (undo_ev_parse(line, (size_t)(sp - line), &e) != 0) return -1;
	e.change = doc->nchanges;
	doc->ev = xrealloc(doc->ev, (doc->nev + 1) * sizeof *doc->ev);
	doc->ev[doc->nev++] = e;
	return 0;
}

static int parse_rollback(const char *v, struct undo_doc *doc)
{
	char *end;
	long n = strtol(v, &end, 10);
	if (end == v || *end != ' ' || n < 0 || n > doc->nchanges) return -1;
	unsigned long crc = strtoul(end + 1, NULL, 16);
	if (crc32_ieee((const uint8_t *)v, (size_t)(end - v)) != (uint32_t)crc) return -1;
	while (n-- > 0) {
		struct undo_change *c = &doc->changes[--doc->nchanges];
		free(c->before);
		free(c->after);
	}
	drop_orphan_evidence(doc);
	return 0;
}

int undo_commit(struct undo_file *u)
{
	if (fflush(u->f) != 0 || fsync(fileno(u->f)) != 0) return -1;
	int dfd = open(u->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	return 0;
}

const char *undo_path(const struct undo_file *u) { return u->path; }

void undo_close(struct undo_file *u)
{
	if (!u) return;
	if (u->f) fclose(u->f);
	free(u);
}

/* ---- parsing ---------------------------------------------------------- */

static int field(const char *line, const char *key, const char **val)
{
	size_t n = strlen(key);
	if (strncmp(line, key, n) != 0 || line[n] != ' ') return 0;
	*val = line + n + 1;
	return 1;
}

static int parse_change(const char *v, const char *fix, struct undo_doc *doc)
{
	/* OFFSET LEN BEFORE AFTER CRC */
	const char *sp = strrchr(v, ' ');
	if (!sp) return -1;
	char *end;
	unsigned long crc = strtoul(sp + 1, &end, 16);
	if (*end || end == sp + 1) return -1;
	if (crc32_ieee((const uint8_t *)v, (size_t)(sp - v)) != (uint32_t)crc) return -1;
	unsigned long long off = strtoull(v, &end, 10);
	if (*end != ' ') return -1;
	unsigned long len = strtoul(end + 1, &end, 10);
	if (*end != ' ' || len == 0 || len > (64u << 20)) return -1;
	const char *bh = end + 1, *ah = strchr(bh, ' ');
	if (!ah || (size_t)(ah - bh) != 2 * len || (size_t)(sp - ah - 1) != 2 * len) return -1;
	char *bs = strndup(bh, 2 * len), *as = strndup(ah + 1, 2 * len);
	uint8_t *b = NULL, *a = NULL;
	size_t bn = 0, an = 0;
	int ok = bs && as && hexparse(bs, &b, &bn) == 0 && hexparse(as, &a, &an) == 0 && bn == len && an == len;
	free(bs);
	free(as);
	if (!ok) {
		free(b);
		free(a);
		return -1;
	}
	doc->changes = xrealloc(doc->changes, (doc->nchanges + 1) * sizeof *doc->changes);
	struct undo_change *c = &doc->changes[doc->nchanges++];
	c->offset = off;
	c->len = (uint32_t)len;
	c->before = b;
	c->after = a;
	snprintf(c->fix, sizeof c->fix, "%s", fix);
	return 0;
}

int undo_parse(const char *text, size_t len, struct undo_doc *doc, char *why, size_t whylen)
{
	memset(doc, 0, sizeof *doc);
	const char *p = text, *end = text + len;
	char fix[48] = "";
	int have_id = 0, lineno = 0, last_line = 0, ev_bad_at = 0;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		char *line = strndup(p, n);
		if (!line) { snprintf(why, whylen, "out of memory"); goto fail; }
		p += n + (nl ? 1 : 0);
		lineno++;
		const char *v;
		int bad = 0;
		if (lineno == 1) {
			bad = strcmp(line, "diskmedic-undo 1") != 0 && strcmp(line, "diskmedic-undo 2") != 0;
			doc->version = bad ? 0 : line[15] - '0';
		} else if (doc->version >= 2 && undo_ev_is(line)) {
			if (parse_evidence(line, doc) != 0) {
				doc->bad_lines++;
				ev_bad_at = lineno;
			}
		} else if (field(line, "target", &v)) snprintf(doc->target, sizeof doc->target, "%s", v);
		else if (field(line, "size", &v)) doc->size = strtoull(v, NULL, 10);
		else if (field(line, "sector-size", &v)) doc->ssz = (uint32_t)strtoul(v, NULL, 10);
		else if (field(line, "created", &v)) snprintf(doc->created, sizeof doc->created, "%s", v);
		else if (field(line, "image-format", &v)) snprintf(doc->format, sizeof doc->format, "%s", v);
		else if (field(line, "identity", &v)) {
			uint8_t *b = NULL;
			size_t bn = 0;
			if (hexparse(v, &b, &bn) == 0) {
				if (bn == 32) {
					memcpy(doc->identity, b, 32);
					have_id = 1;
				}
				free(b);
			}
		} else if (field(line, "fix", &v)) snprintf(fix, sizeof fix, "%s", v);
		else if (field(line, "change", &v)) {
			if (parse_change(v, fix, doc) != 0) doc->bad_lines++;
		} else if (field(line, "rolledback", &v)) {
			if (parse_rollback(v, doc) != 0) doc->bad_lines++;
		} else if (*line) bad = 1;
		if (*line) last_line = lineno;
		free(line);
		if (bad) {
			snprintf(why, whylen, "not a diskmedic undo record (line %d)", lineno);
			goto fail;
		}
	}
	if (!doc->target[0] || !doc->size || !have_id) {
		snprintf(why, whylen, "undo record is incomplete: missing target, size or identity");
		goto fail;
	}
	if (doc->bad_lines > 1 || (doc->bad_lines && !doc->nchanges)) {
		snprintf(why, whylen, "undo record is damaged: %d lines fail their checksum", doc->bad_lines);
		goto fail;
	}
	/* A torn last line is a crash; a bad evidence line with more after it is
	 * damage, and dropping it would weaken the check of the disk. */
	if (ev_bad_at && ev_bad_at != last_line) {
		snprintf(why, whylen, "undo record is damaged: line %d fails its checksum or does not parse", ev_bad_at);
		goto fail;
	}
	drop_orphan_evidence(doc);
	return 0;
fail:
	undo_doc_free(doc);
	return -1;
}

void undo_doc_free(struct undo_doc *doc)
{
	for (int i = 0; i < doc->nchanges; i++) {
		free(doc->changes[i].before);
		free(doc->changes[i].after);
	}
	free(doc->changes);
	doc->changes = NULL;
	doc->nchanges = 0;
	free(doc->ev);
	doc->ev = NULL;
	doc->nev = 0;
}

int undo_load(const char *path, struct undo_doc *doc, char *why, size_t whylen)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		snprintf(why, whylen, "%s: %s", path, strerror(errno));
		return -1;
	}
	struct sb b = {0};
	char buf[65536];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0) sb_addn(&b, buf, n);
	fclose(f);
	if (!b.s) {
		snprintf(why, whylen, "%s: empty file, not an undo record", path);
		return -1;
	}
	char perr[256];
	int r = undo_parse(b.s, b.len, doc, perr, sizeof perr);
	sb_free(&b);
	if (r != 0) snprintf(why, whylen, "%s: %s", path, perr);
	return r;
}

void undo_reverse_plan(const struct undo_doc *doc, struct fix *x, const char *what_fmt)
{
	x->nchanges = doc->nchanges;
	x->changes = xcalloc((size_t)doc->nchanges + 1, sizeof *x->changes);
	for (int i = 0; i < doc->nchanges; i++) {
		const struct undo_change *c = &doc->changes[doc->nchanges - 1 - i];
		struct change *t = &x->changes[i];
		t->offset = c->offset;
		t->len = c->len;
		t->before = c->after;
		t->after = c->before;
		snprintf(t->what, sizeof t->what, what_fmt, c->fix);
	}
}
