/* The JSON report of CONTRACT.md. */
#include "report.h"
#include "../lib/util.h"
#include "../version.h"
#include "../windows/windows.h"
#include <stdlib.h>
#include <string.h>

void json_str(FILE *out, const char *s)
{
	fputc('"', out);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\') fprintf(out, "\\%c", c);
		else if (c == '\n') fputs("\\n", out);
		else if (c < 0x20 || c >= 0x7f) fprintf(out, "\\u%04x", c);
		else fputc(c, out);
	}
	fputc('"', out);
}

void json_fix(FILE *out, const struct fix *x)
{
	fputs("{\"id\":", out);
	json_str(out, x->id);
	fputs(",\"summary\":", out);
	json_str(out, x->summary);
	fprintf(out, ",\"safe\":%s,\"changes\":[", x->safe ? "true" : "false");
	for (int i = 0; i < x->nchanges; i++) {
		const struct change *c = &x->changes[i];
		char *b = hexstr(c->before, c->len), *a = hexstr(c->after, c->len);
		fprintf(out, "%s{\"offset\":%llu,\"before\":\"%s\",\"after\":\"%s\",\"what\":", i ? "," : "",
			(unsigned long long)c->offset, b, a);
		json_str(out, c->what);
		fputc('}', out);
		free(b);
		free(a);
	}
	fputs("]}", out);
}

static void json_finding(FILE *out, const struct finding *f)
{
	fputs("{\"code\":", out);
	json_str(out, f->code);
	fprintf(out, ",\"severity\":\"%s\",\"partition\":", severity_name(f->severity));
	if (f->partition >= 0) fprintf(out, "%d", f->partition);
	else fputs("null", out);
	fputs(",\"summary\":", out);
	json_str(out, f->summary);
	fputs(",\"evidence\":{", out);
	for (int i = 0; i < f->nevidence; i++) {
		fputs(i ? "," : "", out);
		json_str(out, f->evidence[i].key);
		fputc(':', out);
		if (f->evidence[i].is_number) fputs(f->evidence[i].value, out);
		else json_str(out, f->evidence[i].value);
	}
	fputs("},\"fixes\":[", out);
	for (int i = 0; i < f->nfixes; i++) {
		fputs(i ? "," : "", out);
		json_fix(out, &f->fixes[i]);
	}
	fputs("]}", out);
}

static void jstr_or_null(FILE *out, const char *s)
{
	if (s[0]) json_str(out, s);
	else fputs("null", out);
}

/* CONTRACT.md's content object: null when libblkid recognised nothing (or
 * was not asked); type and usage null when it found contradicting signatures. */
static void json_content(FILE *out, const struct content *c)
{
	if (c->state != CONTENT_FOUND && c->state != CONTENT_AMBIGUOUS) {
		fputs("null", out);
		return;
	}
	int found = c->state == CONTENT_FOUND;
	fputs("{\"type\":", out);
	jstr_or_null(out, found ? c->type : "");
	fputs(",\"usage\":", out);
	jstr_or_null(out, found ? c->usage : "");
	fputs(",\"version\":", out);
	jstr_or_null(out, c->version);
	fputs(",\"label\":", out);
	jstr_or_null(out, c->label);
	fputs(",\"uuid\":", out);
	jstr_or_null(out, c->uuid);
	fprintf(out, ",\"ambiguous\":%s,\"stale\":[", found ? "false" : "true");
	if (c->stale[0]) json_str(out, c->stale);
	fputs("]}", out);
}

/* docs/windows.md: a partition's Windows installation. */
static void json_windows(FILE *out, const struct win_install *w)
{
	fputs("{\"system_hive\":", out);
	json_str(out, w->path);
	fprintf(out, ",\"hive_bytes\":%zu,\"readable\":%s,\"error\":", w->len, w->readable ? "true" : "false");
	if (w->readable) fputs("null", out);
	else json_str(out, w->why);
	fputs(",\"version\":", out);
	if (w->readable) json_str(out, w->version);
	else fputs("null", out);
	fputs(",\"current_control_set\":", out);
	if (w->readable) json_str(out, w->ccs);
	else fputs("null", out);
	fprintf(out, ",\"hive_dirty\":%s,\"hive_sequence\":[%u,%u],\"hive_logs\":[", w->dirty ? "true" : "false",
		w->seq1, w->seq2);
	fputs(w->log1 ? "\"LOG1\"" : "", out);
	fputs(w->log2 ? (w->log1 ? ",\"LOG2\"" : "\"LOG2\"") : "", out);
	fputs("],\"boot_drivers\":{", out);
	for (int c = 0; w->readable && c < n_ctl_classes; c++) {
		fputs(c ? "," : "", out);
		json_str(out, ctl_classes[c].name);
		fputc(':', out);
		json_str(out, drv_state_name(w->cls[c]));
	}
	fputs("},\"services\":{", out);
	for (int i = 0; w->readable && i < w->nsvc; i++) {
		const struct win_svc *s = &w->svc[i];
		fputs(i ? "," : "", out);
		json_str(out, s->name);
		fprintf(out, ":{\"state\":\"%s\",\"key\":%s,\"file\":%s,\"start\":", drv_state_name(s->state),
			s->exists ? "true" : "false", s->file ? "true" : "false");
		if (s->start >= 0) fprintf(out, "%lld", (long long)s->start);
		else fputs("null", out);
		fputs(",\"start_override\":", out);
		if (s->override >= 0) fprintf(out, "%lld", (long long)s->override);
		else fputs("null", out);
		fputc('}', out);
	}
	fputs("}}", out);
}

static void json_disk(FILE *out, const struct disk *d)
{
	fputs("{\"path\":", out);
	json_str(out, d->path);
	fprintf(out, ",\"size_bytes\":%llu,\"sector_size\":%u,\"table\":\"%s\",\"bios_geometry\":",
		(unsigned long long)d->size, d->ssz,
		d->table == TABLE_GPT ? "gpt" : d->table == TABLE_MBR ? "mbr" : "none");
	if (d->bios.source == GEOM_NONE) fputs("null", out);
	else {
		fprintf(out, "{\"heads\":%u,\"sectors_per_track\":%u,\"source\":\"%s\"}", d->bios.heads,
			d->bios.sectors, geom_source_name(d->bios.source));
	}
	/* Only for a VM disk image (docs/images.md): raw targets' reports stay as they were. */
	if (d->nchain) {
		fputs(",\"image\":{\"format\":", out);
		json_str(out, d->chain_format[0]);
		fputs(",\"chain\":[", out);
		for (int i = 0; i < d->nchain; i++) {
			fputs(i ? ",{\"file\":" : "{\"file\":", out);
			json_str(out, d->chain[i]);
			fputs(",\"format\":", out);
			json_str(out, d->chain_format[i]);
			fputc('}', out);
		}
		fputs("]}", out);
	}
	fputs(",\"bios_geometry_note\":", out);
	json_str(out, d->bios.note);
	fprintf(out, ",\"mbr_boot_code\":{\"kind\":\"%s\",\"reads_chs\":\"%s\",\"evidence\":",
		bootcode_kind_name(d->mbr_code.kind), bootcode_chs_name(d->mbr_code.chs_use));
	json_str(out, d->mbr_code.evidence);
	fputc('}', out);
	fprintf(out, ",\"read_errors\":%u,\"read_error\":", d->read_errors);
	if (d->read_errors) json_str(out, d->read_error);
	else fputs("null", out);
	fputs(",\"controller\":", out);
	if (d->controller) {
		fputs("{\"name\":", out);
		json_str(out, d->controller->name);
		fputs(",\"source\":", out);
		json_str(out, d->controller_source);
		fputc('}', out);
	} else {
		fputs("null", out);
	}
	fputs(",\"partitions\":[", out);
	for (int i = 0; i < d->nparts; i++) {
		const struct part *p = &d->parts[i];
		fprintf(out, "%s{\"index\":%d,\"start_lba\":%llu,\"sectors\":%llu,\"type\":", i ? "," : "", p->index,
			(unsigned long long)p->start, (unsigned long long)p->sectors);
		json_str(out, p->type);
		/* filesystem: the NTFS/FAT volume diskmedic examines, else
		 * whatever libblkid says is there (exfat, ext4, crypto_LUKS...). */
		fputs(",\"filesystem\":", out);
		if (p->fs) json_str(out, p->fs);
		else if (p->content.state == CONTENT_FOUND) json_str(out, p->content.type);
		else fputs("null", out);
		fputs(",\"content\":", out);
		json_content(out, &p->content);
		fprintf(out, ",\"active\":%s", p->active ? "true" : "false");
		if (p->win && p->win->found) {
			fputs(",\"windows\":", out);
			json_windows(out, p->win);
		}
		fputc('}', out);
	}
	fputs("],\"findings\":[", out);
	for (int i = 0; i < d->nfindings; i++) {
		fputs(i ? "," : "", out);
		json_finding(out, d->findings[i]);
	}
	fputs("]}", out);
}

void report_json(FILE *out, const struct scan_result *r)
{
	fputs("{\"tool\":\"diskmedic\",\"version\":", out);
	json_str(out, DISKMEDIC_VERSION);
	/* The exact libntfs-3g source built, which may lack a newer version's
	 * fixes when the archive did not serve it (docs/ntfs-3g-build.md). */
	fputs(",\"libntfs3g\":", out);
	if (ntfs3g_version()) json_str(out, ntfs3g_version());
	else fputs("null", out);
	fputs(",\"libhivex\":", out);
	json_str(out, hivex_version());
	fputs(",\"disks\":[", out);
	int first = 1;
	for (int k = 0; k < r->ndisks; k++) {
		fputs(first ? "" : ",", out);
		first = 0;
		if (r->disks[k]) json_disk(out, r->disks[k]);
		else {
			/* An unreadable target still appears, with its error. */
			fputs("{\"path\":", out);
			json_str(out, r->paths[k]);
			fputs(",\"size_bytes\":null,\"sector_size\":null,\"bios_geometry\":null,\"partitions\":[],"
			      "\"findings\":[],\"error\":", out);
			json_str(out, r->errors[k]);
			fputc('}', out);
		}
	}
	fputs("]}\n", out);
}
