/* The human report: disk by disk, partition by partition, each finding with
 * the evidence a technician needs. Plain ASCII for serial consoles. */
#include "report.h"
#include "../lib/hexdump.h"
#include "../fix/context.h"
#include "../windows/windows.h"
#include "../lib/util.h"
#include <stdlib.h>
#include <string.h>

static const char *sev_tag(enum severity s)
{
	return s == SEV_ERROR ? "ERROR  " : s == SEV_WARNING ? "WARNING" : "info   ";
}

static void print_finding(FILE *out, const struct finding *f, int n, int verbose)
{
	fprintf(out, "  [%d] %s %s: %s\n", n, sev_tag(f->severity), f->code, f->summary);
	if (!verbose) return;
	if (f->detail) fputs(f->detail, out);
	for (int i = 0; i < f->nevidence; i++)
		fprintf(out, "      %-28s %s\n", f->evidence[i].key, f->evidence[i].value);
	for (int i = 0; i < f->nfixes; i++)
		fprintf(out, "      fix %-24s %s%s\n", f->fixes[i].id, f->fixes[i].summary,
			f->fixes[i].safe ? " (safe)" : " (needs --only)");
}

/* What a partition holds, in a few words: the volume diskmedic examines, or
 * libblkid's name for the content, and what else is there. */
static void print_content(FILE *out, const struct part *p)
{
	const struct content *c = &p->content;
	if (p->is_extended) fputs("extended", out);
	else if (c->state == CONTENT_AMBIGUOUS) fputs("content ambiguous (more than one live signature)", out);
	else if (p->fs) fputs(p->fs, out);
	else if (c->state == CONTENT_FOUND) fprintf(out, "%s%s", c->type, !strcmp(c->usage, "crypto") ? " (encrypted)" : "");
	else fputs("no filesystem recognised", out);
	if (c->state == CONTENT_FOUND && c->label[0]) fprintf(out, ", label \"%s\"", c->label);
	if (c->stale[0]) fprintf(out, "; stale %s remnants", c->stale);
	fputc('\n', out);
}

/* A Windows installation: what its SYSTEM hive says (docs/windows.md). */
static void print_windows(FILE *out, const struct win_install *w)
{
	if (!w->readable) {
		fprintf(out, "    Windows (%s): not read: %s\n", w->path, w->why);
		return;
	}
	fprintf(out, "    Windows %s, %s, SYSTEM hive %s%s; boot drivers:", w->version, w->ccs,
		w->dirty ? "dirty" : "clean", w->log1 || w->log2 ? " (with logs)" : "");
	for (int c = 0; c < n_ctl_classes; c++)
		fprintf(out, "%s %s %s", c ? "," : "", ctl_classes[c].name, drv_state_name(w->cls[c]));
	fputc('\n', out);
}

void report_text(FILE *out, const struct scan_result *r, int verbose)
{
	for (int k = 0; k < r->ndisks; k++) {
		const struct disk *d = r->disks[k];
		if (!d) {
			fprintf(out, "%s: ERROR: %s\n\n", r->paths[k], r->errors[k]);
			continue;
		}
		fprintf(out, "%s: %llu bytes (%.1f GiB), %u-byte sectors, %s\n", d->path, (unsigned long long)d->size,
			d->size / 1073741824.0, d->ssz,
			d->table == TABLE_GPT ? "GPT" : d->table == TABLE_MBR ? "MBR" : "no partition table");
		if (d->nchain) {
			fprintf(out, "  image: %s, read through qemu-nbd", d->chain_format[0]);
			for (int i = 1; i < d->nchain; i++)
				fprintf(out, "%s%s (%s)", i == 1 ? "; backing chain: " : " <- ", d->chain[i],
					d->chain_format[i]);
			fputc('\n', out);
		}
		if (d->bios.source != GEOM_NONE)
			fprintf(out, "  BIOS geometry: %u heads, %u sectors/track (source: %s)%s%s\n", d->bios.heads,
				d->bios.sectors, geom_source_name(d->bios.source), d->bios.note[0] ? "; " : "",
				d->bios.note);
		else
			fprintf(out, "  BIOS geometry: none (%s)\n", d->bios.note[0] ? d->bios.note : "not determined");
		if (d->table == TABLE_MBR)
			fprintf(out, "  MBR boot code: %s (reads the start CHS: %s)\n", bootcode_kind_name(d->mbr_code.kind),
				bootcode_chs_name(d->mbr_code.chs_use));
		if (d->ebr_truncated) fprintf(out, "  note: %s\n", d->ebr_note);
		if (d->read_errors)
			fprintf(out, "  WARNING: %u read%s failed (first: %s); the findings may be incomplete\n",
				d->read_errors, d->read_errors == 1 ? "" : "s", d->read_error);
		for (int i = 0; i < d->nparts; i++) {
			const struct part *p = &d->parts[i];
			fprintf(out, "  partition %d: start %llu, %llu sectors, type %s%s, ", p->index,
				(unsigned long long)p->start, (unsigned long long)p->sectors, p->type,
				p->active ? " (active)" : "");
			print_content(out, p);
			if (p->win && p->win->found) print_windows(out, p->win);
		}
		/* Info findings are not problems (exit status): say so plainly. */
		int problems = count_problems(d);
		if (!problems) fputs("  no problems found\n", out);
		if (d->nfindings) fputs(problems ? "  findings:\n" : "  for information:\n", out);
		for (int i = 0; i < d->nfindings; i++) print_finding(out, d->findings[i], i + 1, verbose);
		fputc('\n', out);
	}
}

/* Dump one change as whole 16-byte lines: the bytes around it come from the
 * disk (read by the fix layer, fix/context.c), so a technician sees the field
 * in context. */
static void preview_change(struct sb *b, const struct disk *d, const struct change *c)
{
	uint64_t lo, hi;
	uint32_t k, show;
	change_window(c, d->dev ? d->dev->size : 0, &lo, &hi, &k, &show);
	uint64_t off = c->offset + k;
	size_t n = (size_t)(hi - lo);
	uint8_t *bef = xcalloc(1, n ? n : 1), *aft = xcalloc(1, n ? n : 1);
	if (c->ctx && c->ctx_off == lo && c->ctx_len == n) {
		memcpy(bef, c->ctx, n);
	} else {
		/* No disk bytes around it: show the change alone. */
		lo = off;
		n = show;
	}
	memcpy(bef + (off - lo), c->before + k, show);
	memcpy(aft, bef, n);
	memcpy(aft + (off - lo), c->after + k, show);
	sb_add(b, "    before:\n");
	hexdump_sb(b, bef, n, lo, aft);
	sb_add(b, "    after:\n");
	hexdump_sb(b, aft, n, lo, bef);
	if (show < c->len) sb_addf(b, "    (%u of %u bytes shown)\n", show, c->len);
	free(bef);
	free(aft);
}

void report_fix_preview(FILE *out, const struct disk *d, const struct finding *f, const struct fix *x)
{
	fprintf(out, "%s: %s\n  why:  %s\n  what: %s\n", d->path, f->code, f->summary, x->summary);
	for (int i = 0; i < x->nchanges; i++) {
		const struct change *c = &x->changes[i];
		struct sb b = {0};
		fprintf(out, "  change %d: %s, %u byte%s at offset %llu (0x%llx)\n", i + 1, c->what, c->len,
			c->len == 1 ? "" : "s", (unsigned long long)c->offset, (unsigned long long)c->offset);
		preview_change(&b, d, c);
		fputs(b.s, out);
		sb_free(&b);
	}
	fputs("  ('<' marks a changed byte)\n", out);
}
