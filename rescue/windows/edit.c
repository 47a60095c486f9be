/* See edit.h. */
#include "edit.h"
#include "hive.h"
#include "../lib/sha256.h"
#include "../lib/util.h"
#include "../ntfs/spans.h"
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_NODES 2000000	/* a tree walk stops here: bounded time on a looping hive */
#define MAX_DEPTH 64
#define MAX_RANGES 256		/* a change touching more places than this is refused */

/* The keys and values the edit may change, lower-cased "path\tvalue"
 * ("path\t" for a key it adds). */
struct allowed {
	char **v;
	int n;
};

static void allow(struct allowed *a, const char *path, const char *value)
{
	char *s = xasprintf("%s\t%s", path, value ? value : "");
	for (char *c = s; *c; c++) *c = (char)tolower((unsigned char)*c);
	a->v = xrealloc(a->v, (size_t)(a->n + 1) * sizeof *a->v);
	a->v[a->n++] = s;
}

static int allowed(const struct allowed *a, const char *line)
{
	/* line: path \t value \t ... ; compare "path\tvalue" */
	const char *t1 = strchr(line, '\t');
	const char *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
	size_t n = t2 ? (size_t)(t2 - line) : strlen(line);
	for (int i = 0; i < a->n; i++) {
		size_t k = strlen(a->v[i]);
		if (a->v[i][k - 1] == '\t' && !strncasecmp(line, a->v[i], k)) return 1;	/* an added key's lines */
		if (k == n && !strncasecmp(line, a->v[i], n)) return 1;
	}
	return 0;
}

/* Every key and value of the hive as one line each: "path\tname\ttype\tdata"
 * (data in hex, or its SHA-256 when long). */
struct dump {
	char **v;
	int n, cap;
	int nodes;
	int truncated;
};

static void push(struct dump *d, char *s)
{
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 1024;
		d->v = xrealloc(d->v, (size_t)d->cap * sizeof *d->v);
	}
	d->v[d->n++] = s;
}

static void walk(hive_h *h, hive_node_h node, const char *path, int depth, struct dump *d)
{
	if (depth > MAX_DEPTH || ++d->nodes > MAX_NODES) {
		d->truncated = 1;
		return;
	}
	push(d, xasprintf("%s\t\tKEY", path));
	hive_value_h *vals = hivex_node_values(h, node);
	for (size_t i = 0; vals && vals[i]; i++) {
		char *key = hivex_value_key(h, vals[i]);
		hive_type t = 0;
		size_t len = 0;
		char *data = hivex_value_value(h, vals[i], &t, &len);
		char *hex;
		if (data && len <= 64) {
			hex = hexstr((const uint8_t *)data, len);
		} else {
			uint8_t sum[32];
			sha256((const uint8_t *)(data ? data : ""), data ? len : 0, sum);
			char *x = hexstr(sum, sizeof sum);
			hex = xasprintf("sha256:%s", x);
			free(x);
		}
		push(d, xasprintf("%s\t%s\t%d\t%s", path, key ? key : "?", (int)t, hex));
		free(hex);
		free(key);
		free(data);
	}
	free(vals);
	hive_node_h *kids = hivex_node_children(h, node);
	for (size_t i = 0; kids && kids[i] && !d->truncated; i++) {
		char *name = hivex_node_name(h, kids[i]);
		char *sub = xasprintf("%s%s%s", path, *path ? "\\" : "", name ? name : "?");
		walk(h, kids[i], sub, depth + 1, d);
		free(sub);
		free(name);
	}
	free(kids);
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void dump_free(struct dump *d)
{
	for (int i = 0; i < d->n; i++) free(d->v[i]);
	free(d->v);
}

/* 0 when new differs from old only in allowed places (and differs at all);
 * else -1 with why. */
static int verify(const uint8_t *old, size_t nold, const uint8_t *neu, size_t nneu, const struct allowed *a,
		  char *why, size_t whylen)
{
	char w2[256];
	hive_h *ho = hive_open_bytes(old, nold, 0, w2, sizeof w2);
	hive_h *hn = hive_open_bytes(neu, nneu, 0, w2, sizeof w2);
	if (!ho || !hn) {
		snprintf(why, whylen, "the changed hive does not open again: %s", w2);
		if (ho) hivex_close(ho);
		if (hn) hivex_close(hn);
		return -1;
	}
	struct dump dold = {0}, dnew = {0};
	walk(ho, hivex_root(ho), "", 0, &dold);
	walk(hn, hivex_root(hn), "", 0, &dnew);
	hivex_close(ho);
	hivex_close(hn);
	int r = 0, diffs = 0;
	if (dold.truncated || dnew.truncated) {
		snprintf(why, whylen, "the hive is too large or too deep to compare key by key");
		r = -1;
	}
	qsort(dold.v, (size_t)dold.n, sizeof *dold.v, cmp_str);
	qsort(dnew.v, (size_t)dnew.n, sizeof *dnew.v, cmp_str);
	for (int i = 0, j = 0; !r && (i < dold.n || j < dnew.n);) {
		int c = i >= dold.n ? 1 : j >= dnew.n ? -1 : strcmp(dold.v[i], dnew.v[j]);
		if (!c) {
			i++, j++;
			continue;
		}
		const char *line = c < 0 ? dold.v[i++] : dnew.v[j++];
		diffs++;
		if (!allowed(a, line)) {
			snprintf(why, whylen, "libhivex changed more than intended: %.200s", line);
			r = -1;
		}
	}
	if (!r && !diffs) {
		snprintf(why, whylen, "the changed hive has the same keys and values as before");
		r = -1;
	}
	dump_free(&dold);
	dump_free(&dnew);
	return r;
}

int hive_diff(const uint8_t *a, size_t na, const uint8_t *b, size_t nb, size_t gap, struct hive_range **out)
{
	int n = 0;
	struct hive_range *v = NULL;
	for (size_t i = 0; i < nb;) {
		if (i < na && a[i] == b[i]) {
			i++;
			continue;
		}
		size_t j = i + 1;
		for (size_t same = 0; j < nb && same <= gap; j++) {
			if (j < na && a[j] == b[j]) same++;
			else same = 0;
			if (same > gap) break;
		}
		/* j is past the last difference plus up to gap+1 equal bytes: trim them. */
		size_t end = j;
		while (end > i + 1 && end - 1 < na && end - 1 < nb && a[end - 1] == b[end - 1]) end--;
		if (n && v[n - 1].off + v[n - 1].len + gap >= i) {
			v[n - 1].len = end - v[n - 1].off;
		} else {
			v = xrealloc(v, (size_t)(n + 1) * sizeof *v);
			v[n++] = (struct hive_range){i, end - i};
		}
		i = end;
	}
	*out = v;
	return n;
}

static void set_dword(hive_h *h, hive_node_h node, const char *name, uint32_t val)
{
	char b[4] = {(char)val, (char)(val >> 8), (char)(val >> 16), (char)(val >> 24)};
	hive_set_value sv = {.key = (char *)name, .t = hive_t_REG_DWORD, .len = 4, .value = b};
	hivex_node_set_value(h, node, &sv, 0);
}

static void set_sz(hive_h *h, hive_node_h node, const char *name, const char *s)
{
	/* REG_SZ: UTF-16LE with its terminating NUL; the strings here are ASCII. */
	size_t n = strlen(s) + 1;
	char *u = xcalloc(n, 2);
	for (size_t i = 0; i < n; i++) u[2 * i] = s[i];
	hive_set_value sv = {.key = (char *)name, .t = hive_t_REG_SZ, .len = 2 * n, .value = u};
	hivex_node_set_value(h, node, &sv, 0);
	free(u);
}

/* Delete value name of node: hivex sets a node's values as a whole. */
static int delete_value(hive_h *h, hive_node_h node, const char *name)
{
	hive_value_h *vals = hivex_node_values(h, node);
	if (!vals) return -1;
	size_t n = 0, k = 0;
	while (vals[n]) n++;
	hive_set_value *sv = xcalloc(n + 1, sizeof *sv);
	for (size_t i = 0; i < n; i++) {
		char *key = hivex_value_key(h, vals[i]);
		if (key && !strcasecmp(key, name)) {
			free(key);
			continue;
		}
		hive_type t;
		size_t len;
		char *data = hivex_value_value(h, vals[i], &t, &len);
		sv[k++] = (hive_set_value){.key = key, .t = t, .len = len, .value = data};
	}
	int r = hivex_node_set_values(h, node, k, sv, 0);
	for (size_t i = 0; i < k; i++) {
		free(sv[i].key);
		free(sv[i].value);
	}
	free(sv);
	free(vals);
	return r;
}

/* Make the change on the open hive h; the registry terms go to t, the
 * places allowed to differ to a. */
static int edit(hive_h *h, const struct win_install *w, const struct ctl_class *c, struct sb *t, struct allowed *a,
		struct sb *names, struct sb *brief)
{
	hive_node_h root = hivex_root(h);
	hive_node_h ccs = hivex_node_get_child(h, root, w->ccs);
	hive_node_h services = ccs ? hivex_node_get_child(h, ccs, "Services") : 0;
	hive_node_h cddb = ccs ? hive_path(h, ccs, "Control\\CriticalDeviceDatabase") : 0;
	char *ccsname = ccs ? hivex_node_name(h, ccs) : NULL;
	int changes = 0;
	for (int g = 0; g < 2 && c->groups[g][0] && services; g++) {
		int ready = 0;
		for (int k = 0; k < WIN_MAX_ALTS && c->groups[g][k]; k++) {
			const struct win_svc *s = win_svc_find(w, c->groups[g][k]);
			ready |= s && s->state == DRV_READY;
		}
		if (ready) continue;
		const struct win_svc *s = win_group_pick(w, c, g);
		hive_node_h n = s ? hivex_node_get_child(h, services, s->name) : 0;
		if (!n) continue;
		char *sname = hivex_node_name(h, n);
		char *path = xasprintf("%s\\Services\\%s", ccsname, sname);
		sb_addf(names, "%s%s", names->len ? ", " : "", sname);
		if (s->start != 0) {
			set_dword(h, n, "Start", 0);
			sb_addf(t, "  %s: value \"Start\" REG_DWORD %lld -> 0\n", path, (long long)s->start);
			sb_addf(brief, "%s%s Start %lld -> 0", brief->len ? "; " : "", sname, (long long)s->start);
			allow(a, path, "Start");
			changes++;
		}
		hive_node_h so = hivex_node_get_child(h, n, "StartOverride");
		if (w->gen != WIN_GEN_LEGACY && so && s->override > 0) {
			char *sop = xasprintf("%s\\StartOverride", path);
			if (delete_value(h, so, "0") == 0) {
				sb_addf(t, "  %s: value \"0\" REG_DWORD %lld -> deleted\n", sop, (long long)s->override);
				sb_addf(brief, "%s%s\\StartOverride \"0\" %lld -> deleted", brief->len ? "; " : "", sname,
					(long long)s->override);
				allow(a, sop, "0");
				changes++;
			}
			free(sop);
		}
		for (const struct cddb_rule *r = cddb_rules; w->gen == WIN_GEN_LEGACY && cddb && r->service; r++) {
			if (strcasecmp(r->service, s->name) || hivex_node_get_child(h, cddb, r->key)) continue;
			hive_node_h k = hivex_node_add_child(h, cddb, r->key);
			if (!k) continue;
			set_sz(h, k, "Service", s->name);
			set_sz(h, k, "ClassGUID", HDC_CLASS_GUID);
			char *kp = xasprintf("%s\\Control\\CriticalDeviceDatabase\\%s", ccsname, r->key);
			sb_addf(t, "  %s: new key, \"Service\" REG_SZ \"%s\", \"ClassGUID\" REG_SZ \"%s\"\n", kp, s->name,
				HDC_CLASS_GUID);
			sb_addf(brief, "%snew CriticalDeviceDatabase\\%s -> %s", brief->len ? "; " : "", r->key, s->name);
			allow(a, kp, NULL);	/* the new key and its values; its parent's lines do not change */
			free(kp);
			changes++;
		}
		free(path);
		free(sname);
	}
	free(ccsname);
	return changes;
}

void win_edit_free(struct win_edit *e)
{
	free(e->neu);
	sb_free(&e->terms);
	sb_free(&e->names);
	sb_free(&e->brief);
	memset(e, 0, sizeof *e);
}

int win_edit(const struct win_install *w, const struct ctl_class *c, struct win_edit *e, char *why, size_t whylen)
{
	memset(e, 0, sizeof *e);
	hive_h *h = hive_open_bytes(w->hive, w->len, HIVEX_OPEN_WRITE, why, whylen);
	if (!h) return -1;
	struct allowed a = {0};
	e->n = edit(h, w, c, &e->terms, &a, &e->names, &e->brief);
	int ok = e->n > 0 && hive_commit_bytes(h, &e->neu, &e->nneu, why, whylen) == 0;
	hivex_close(h);
	if (e->n <= 0) snprintf(why, whylen, "libhivex found nothing to change");
	/* The base block changes too: hivex writes new sequence numbers and checksum. */
	if (ok && verify(w->hive, w->len, e->neu, e->nneu, &a, why, whylen) != 0) ok = 0;
	for (int i = 0; i < a.n; i++) free(a.v[i]);
	free(a.v);
	if (!ok) win_edit_free(e);
	return ok ? 0 : -1;
}

void win_plan_enable(struct proposal *f, struct disk *d, struct part *p, const struct win_install *w,
		     const struct ctl_class *c)
{
	char why[320];
	struct win_edit e;
	if (win_edit(w, c, &e, why, sizeof why) != 0) {
		proposal_detail(f, "  (no fix offered: %s)\n", why);
		return;
	}
	struct hive_range *rg = NULL;
	int nr = hive_diff(w->hive, w->len, e.neu, e.nneu, 16, &rg);
	if (nr > MAX_RANGES) {
		proposal_detail(f, "  (no fix offered: the change touches %d places in the hive file)\n", nr);
		goto out;
	}
	proposal_detail(f, "  The registry change (SYSTEM hive, %s):\n%s", w->path, e.terms.s);
	struct fix *x = proposal_fix(f, "windows-boot-driver-disabled/enable", !w->dirty,
				"enable %s for %s: %s\\Services: %.140s (SYSTEM hive; %d place%s in the file)", e.names.s,
				c->name, w->ccs, e.brief.s, nr, nr == 1 ? "" : "s");
	/* The preview: the hive bytes that change, where they lie on the disk. */
	for (int i = 0; i < nr; i++) {
		if (rg[i].off >= w->len) continue;	/* growth: new bytes, written by the library */
		size_t len = rg[i].len;
		if (rg[i].off + len > w->len) len = w->len - rg[i].off;
		struct disk_span *s;
		int ns = nt_file_spans(d, p, NULL, w->inode, rg[i].off, len, &s, why, sizeof why);
		for (int k = 0; k < ns; k++) {
			char what[96];
			snprintf(what, sizeof what, "SYSTEM hive bytes 0x%llx..0x%llx%s",
				 (unsigned long long)s[k].file_off, (unsigned long long)(s[k].file_off + s[k].len - 1),
				 s[k].file_off < 4096 ? " (base block)" : "");
			fix_change(x, s[k].disk_off, w->hive + s[k].file_off, e.neu + s[k].file_off, (uint32_t)s[k].len,
				   what);
		}
		free(s);
	}
	if (e.nneu != w->len)
		proposal_detail(f, "  The hive file grows from %zu to %zu bytes (libntfs-3g extends it).\n", w->len, e.nneu);
	win_write_attach(x, d, p, w, e.neu, e.nneu);
out:
	free(rg);
	win_edit_free(&e);
}
