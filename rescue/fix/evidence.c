/* Undo evidence (see evidence.h): collected by the writer for each change,
 * checked by `diskmedic undo` before it writes. */
#include "evidence.h"
#include "../lib/sha256.h"
#include "../lib/util.h"
#include "../parse/gpt.h"
#include "../parse/le.h"
#include "../parse/mbr.h"
#include "../parse/ntfs_bpb.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NTFS_SERIAL_OFF 0x48	/* volume serial, 8 bytes */
#define MAX_PARTS 256		/* GPT's usual 128 plus room; EBR chains are cut there too */

int view_read(const struct view *v, uint64_t off, void *buf, size_t len)
{
	if (dev_read(v->dev, off, buf, len) != 0) return -1;
	/* Newest first, so that the earliest change's before-bytes end on top. */
	for (int i = v->nov - 1; i >= 0; i--) {
		const struct overlay *o = &v->ov[i];
		uint64_t a = o->off > off ? o->off : off;
		uint64_t b = o->off + o->len < off + len ? o->off + o->len : off + len;
		if (a < b) memcpy((uint8_t *)buf + (a - off), o->bytes + (a - o->off), (size_t)(b - a));
	}
	return 0;
}

static uint8_t *view_alloc(const struct view *v, uint64_t off, size_t len)
{
	uint8_t *b = xmalloc(len ? len : 1);
	if (view_read(v, off, b, len) != 0) {
		free(b);
		return NULL;
	}
	return b;
}

struct span { uint64_t off, len; };

static void add_span(const struct view *v, struct span *s, int *n, uint64_t lba, uint64_t sectors)
{
	uint64_t ssz = v->dev->ssz, size = v->dev->size;
	if (*n >= MAX_PARTS || !sectors || lba >= size / ssz) return;
	uint64_t len = sectors * ssz;
	if (len > size - lba * ssz) len = size - lba * ssz;	/* a table may claim past the end */
	s[(*n)++] = (struct span){lba * ssz, len};
}

/* The usable GPT header: the primary when its CRC holds, else the backup. A
 * fix may be rewriting either, and the view shows them as before it. 1 found,
 * 0 none, -1 read error. */
static int gpt_find(const struct view *v, struct gpt_header *h)
{
	uint32_t ssz = v->dev->ssz;
	uint64_t last = v->dev->size / ssz - 1;
	uint64_t at[2] = {1, last};
	for (int i = 0; i < 2; i++) {
		uint8_t *sec = view_alloc(v, at[i] * ssz, ssz);
		if (!sec) return -1;
		int ok = gpt_header_parse(sec, ssz, h) == 0 && h->header_crc_ok;
		free(sec);
		if (ok) return 1;
	}
	return 0;
}

/* The partitions of the table as the view shows it: MBR primaries and the
 * EBR chain's logical partitions, or GPT entries (when their CRC holds).
 * *gpt is set when a GPT header was found (with its disk GUID). */
static int partitions(const struct view *v, struct span *s, int *n, int *gpt, uint8_t guid[16])
{
	uint32_t ssz = v->dev->ssz;
	*n = 0;
	*gpt = 0;
	if (v->dev->size < 2 * (uint64_t)ssz) return 0;
	uint8_t *sec = view_alloc(v, 0, ssz);
	if (!sec) return -1;
	struct mbr m;
	int r = mbr_parse(sec, ssz, &m);
	free(sec);
	if (r != 0 || !m.has_signature) return 0;
	if (m.is_protective) {
		struct gpt_header h;
		int g = gpt_find(v, &h);
		if (g <= 0) return g;
		*gpt = 1;
		memcpy(guid, h.disk_guid, 16);
		uint64_t bytes = gpt_entries_bytes(&h);
		if (h.entries_lba >= v->dev->size / ssz || bytes > v->dev->size - h.entries_lba * ssz) return 0;
		uint8_t *ent = view_alloc(v, h.entries_lba * ssz, (size_t)bytes);
		if (!ent) return -1;
		if (gpt_entries_crc_ok(&h, ent, (size_t)bytes))
			for (uint32_t i = 0; i < h.num_entries; i++) {
				struct gpt_entry e;
				if (gpt_entry_parse(&h, ent, (size_t)bytes, i, &e) == 1 && e.last_lba >= e.first_lba)
					add_span(v, s, n, e.first_lba, e.last_lba - e.first_lba + 1);
			}
		free(ent);
		return 0;
	}
	for (int i = 0; i < 4; i++) {
		const struct mbr_entry *e = &m.e[i];
		if (!e->type) continue;
		if (!mbr_type_is_extended(e->type)) {
			add_span(v, s, n, e->lba_first, e->sectors);
			continue;
		}
		/* Logical partitions: each EBR holds one and links the next. */
		uint64_t base = e->lba_first, ebr = base;
		for (int hop = 0; hop < MAX_PARTS && ebr && ebr < v->dev->size / ssz; hop++) {
			uint8_t *b = view_alloc(v, ebr * ssz, ssz);
			if (!b) return -1;
			struct mbr x;
			int ok = mbr_parse(b, ssz, &x) == 0 && x.has_signature;
			free(b);
			if (!ok) break;
			if (x.e[0].type && !mbr_type_is_extended(x.e[0].type))
				add_span(v, s, n, ebr + x.e[0].lba_first, x.e[0].sectors);
			if (!x.e[1].type || !mbr_type_is_extended(x.e[1].type) || !x.e[1].lba_first) break;
			ebr = base + x.e[1].lba_first;
		}
	}
	return 0;
}

/* The serial of the NTFS volume in a partition: from its primary boot
 * sector when that one is valid, else from the backup in the partition's
 * last sector (a fix that restores the primary changes the primary). 1
 * found, 0 no NTFS volume, -1 read error. */
static int nt_serial(const struct view *v, uint64_t off, uint64_t len, uint8_t out[8])
{
	uint32_t ssz = v->dev->ssz;
	uint64_t at[2] = {off, off + len - ssz};
	for (int i = 0; i < 2 && len >= 2 * (uint64_t)ssz; i++) {
		uint8_t *sec = view_alloc(v, at[i], ssz);
		if (!sec) return -1;
		struct nt_bpb b;
		int ok = nt_bpb_parse(sec, ssz, &b) == NTFS_BPB_OK;
		if (ok) memcpy(out, sec + NTFS_SERIAL_OFF, 8);
		free(sec);
		if (ok) return 1;
	}
	return 0;
}

static int window_hash(const struct view *v, uint64_t off, uint64_t len, uint8_t out[32])
{
	uint8_t *b = view_alloc(v, off, (size_t)len);
	if (!b) return -1;
	sha256(b, (size_t)len, out);
	free(b);
	return 0;
}

static struct undo_ev *push(struct undo_ev **ev, int *nev, int kind, uint64_t off, uint64_t len)
{
	*ev = xrealloc(*ev, (*nev + 1) * sizeof **ev);
	struct undo_ev *e = &(*ev)[(*nev)++];
	memset(e, 0, sizeof *e);
	e->kind = kind;
	e->off = off;
	e->len = len;
	return e;
}

int undo_ev_collect(const struct view *v, uint64_t off, uint64_t len, struct undo_ev **ev, int *nev)
{
	/* The aligned windows around the change: on clones from one template
	 * the changed bytes match, what surrounds them (a serial, $MFT records,
	 * files) rarely does. */
	uint64_t w0 = off / UNDO_WINDOW * UNDO_WINDOW, w1 = (off + len + UNDO_WINDOW - 1) / UNDO_WINDOW * UNDO_WINDOW;
	if (w1 > v->dev->size) w1 = v->dev->size;
	if (w0 < w1) {
		struct undo_ev *e = push(ev, nev, UNDO_EV_WINDOW, w0, w1 - w0);
		if (window_hash(v, w0, w1 - w0, e->val) != 0) return -1;
	}
	struct span *s = xcalloc(MAX_PARTS, sizeof *s);
	int n, gpt;
	uint8_t guid[16];
	if (partitions(v, s, &n, &gpt, guid) != 0) {
		free(s);
		return -1;
	}
	int inside = 0;
	for (int i = 0; i < n; i++)
		inside |= off < s[i].off + s[i].len && s[i].off < off + len;
	for (int i = 0; i < n; i++) {
		if (inside && !(off < s[i].off + s[i].len && s[i].off < off + len)) continue;
		uint8_t ser[8];
		int r = nt_serial(v, s[i].off, s[i].len, ser);
		if (r < 0) {
			free(s);
			return -1;
		}
		if (r) memcpy(push(ev, nev, UNDO_EV_NTFS_SERIAL, s[i].off, s[i].len)->val, ser, 8);
	}
	free(s);
	if (gpt) memcpy(push(ev, nev, UNDO_EV_GPT_GUID, 0, 0)->val, guid, 16);
	return 0;
}

int undo_ev_check(const struct view *v, const struct undo_ev *e, char *why, size_t whylen)
{
	if (e->kind == UNDO_EV_WINDOW) {
		uint8_t h[32];
		if (e->off + e->len > v->dev->size || window_hash(v, e->off, e->len, h) != 0) {
			snprintf(why, whylen, "cannot read the %llu bytes at offset %llu: %s", (unsigned long long)e->len,
				 (unsigned long long)e->off, v->dev->why);
			return -1;
		}
		if (memcmp(h, e->val, 32) == 0) return 1;
		snprintf(why, whylen, "the %llu bytes at offset %llu around a change differ from the disk the record "
			 "was made on (sha256, with the record's changes taken back)",
			 (unsigned long long)e->len, (unsigned long long)e->off);
		return 0;
	}
	if (e->kind == UNDO_EV_NTFS_SERIAL) {
		uint8_t ser[8];
		int r = e->off + e->len <= v->dev->size ? nt_serial(v, e->off, e->len, ser) : 0;
		if (r < 0) {
			snprintf(why, whylen, "cannot read the NTFS boot sectors at offset %llu: %s",
				 (unsigned long long)e->off, v->dev->why);
			return -1;
		}
		if (r && memcmp(ser, e->val, 8) == 0) return 1;
		if (r)
			snprintf(why, whylen, "the NTFS volume at offset %llu has serial %016llX, the record's had %016llX",
				 (unsigned long long)e->off, (unsigned long long)le64(ser),
				 (unsigned long long)le64(e->val));
		else
			snprintf(why, whylen, "no NTFS volume at offset %llu, where the record's had serial %016llX",
				 (unsigned long long)e->off, (unsigned long long)le64(e->val));
		return 0;
	}
	struct span *s = xcalloc(MAX_PARTS, sizeof *s);
	int n, gpt;
	uint8_t guid[16];
	int r = partitions(v, s, &n, &gpt, guid);
	free(s);
	if (r != 0) {
		snprintf(why, whylen, "cannot read the partition table: %s", v->dev->why);
		return -1;
	}
	if (gpt && memcmp(guid, e->val, 16) == 0) return 1;
	char want[37], got[37];
	gpt_guid_str(e->val, want);
	gpt_guid_str(guid, got);
	if (gpt) snprintf(why, whylen, "the GPT disk GUID is %s, the record's was %s", got, want);
	else snprintf(why, whylen, "no usable GPT, where the record's disk had GUID %s", want);
	return 0;
}

char *undo_ev_body(const struct undo_ev *e)
{
	char *h = hexstr(e->val, e->kind == UNDO_EV_WINDOW ? 32 : e->kind == UNDO_EV_NTFS_SERIAL ? 8 : 16), *s;
	if (e->kind == UNDO_EV_WINDOW)
		s = xasprintf("window %llu %llu %s", (unsigned long long)e->off, (unsigned long long)e->len, h);
	else if (e->kind == UNDO_EV_NTFS_SERIAL)
		s = xasprintf("ntfs-serial %llu %llu %s", (unsigned long long)e->off, (unsigned long long)e->len, h);
	else
		s = xasprintf("gpt-disk-guid %s", h);
	free(h);
	return s;
}

static const char *const keys[] = {"window ", "ntfs-serial ", "gpt-disk-guid "};

int undo_ev_is(const char *line)
{
	for (int k = 0; k < 3; k++)
		if (strncmp(line, keys[k], strlen(keys[k])) == 0) return 1;
	return 0;
}

int undo_ev_parse(const char *line, size_t n, struct undo_ev *e)
{
	char *s = strndup(line, n);
	if (!s) return -1;
	memset(e, 0, sizeof *e);
	int k = 0;
	while (k < 3 && strncmp(s, keys[k], strlen(keys[k])) != 0) k++;
	char *p = s + (k < 3 ? strlen(keys[k]) : 0), *end;
	size_t want = k == UNDO_EV_WINDOW ? 32 : k == UNDO_EV_NTFS_SERIAL ? 8 : 16;
	int ok = k < 3;
	if (ok && k != UNDO_EV_GPT_GUID) {
		e->off = strtoull(p, &end, 10);
		ok = end != p && *end == ' ';
		if (ok) {
			p = end + 1;
			e->len = strtoull(p, &end, 10);
			/* A window spans at most a change (64 MiB) and its alignment. */
			ok = end != p && *end == ' ' && e->len > 0 &&
			     (k != UNDO_EV_WINDOW || e->len <= (64u << 20) + 2 * UNDO_WINDOW);
			p = end + 1;
		}
	}
	uint8_t *b = NULL;
	size_t bn = 0;
	ok = ok && strlen(p) == 2 * want && hexparse(p, &b, &bn) == 0 && bn == want;
	if (ok) memcpy(e->val, b, want);
	e->kind = k;
	free(b);
	free(s);
	return ok ? 0 : -1;
}
