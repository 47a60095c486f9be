/* diskmedic search: find lost partitions and rebuild the table. */
static const char usage[] =
"usage: diskmedic search [--deep] [--json] [--yes] [--dry-run] [--boot-code]\n"
"                        [--undo-dir DIR] [--quiet] [--read-holes] TARGET\n"
"\n"
"Look for the volumes of a disk whose partition table is gone or wrong, show\n"
"what was found and the table they imply, and write that table through the\n"
"writer (with an undo record) once confirmed.\n"
"\n"
"Without --deep, the quick search reads a few sectors at every 1 MiB and\n"
"cylinder boundary, the first and last 9 MiB, and skips the inside of every\n"
"volume it confirms. --deep reads the whole disk sequentially and looks at\n"
"every sector; it shows percent, MB/s and ETA on stderr, and any key (stdin a\n"
"terminal) or Ctrl-C stops it, keeping what was found so far. The holes of a\n"
"sparse image file read as zeros and are skipped (SEEK_DATA).\n"
"\n"
"The table is GPT when the disk was GPT (a GPT header or entry array, or a\n"
"protective MBR, survives) or is larger than 2 TiB, else MBR. MBR boot code\n"
"and disk signature are kept; so are the GPT disk GUID and partition GUIDs,\n"
"types and names where a header or entry array still holds them.\n"
"\n"
"  --deep          read every sector instead of the usual alignments\n"
"  --json          print what was found as JSON; writes only with --yes\n"
"  --yes           write the proposed table without asking\n"
"  --dry-run       show the proposed table and changes, write nothing\n"
"  --boot-code     also install SYSLINUX's mbr.bin when the MBR code area is empty\n"
"  --undo-dir DIR  where undo records go (default ./diskmedic-undo)\n"
"  --quiet         no progress lines\n"
"  --read-holes    --deep: read a sparse image's holes too (to measure throughput)\n"
"\n"
"Exit status: 0 the table is fine (or nothing was found), 1 a table was\n"
"written, 4 a lost table was found and not written, 8 operational error,\n"
"16 usage error.\n";

#include "cmd.h"
#include "../checks/scan.h"
#include "../checks/table_lost.h"
#include "../fix/context.h"
#include "../fix/writer.h"
#include "../lib/util.h"
#include "../probe/probe.h"
#include "../search/search.h"
#include "../version.h"
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

struct search_opts {
	int deep, json, yes, dry_run, boot_code, read_holes;
	const char *undo_dir;
};

static void print_volumes(FILE *out, const struct search_result *r)
{
	fprintf(out, "  %-3s %-6s %-12s %-12s %-6s %-12s %-12s %s\n", "use", "fs", "start", "sectors", "score", "primary",
		"backup", "label");
	for (int i = 0; i < r->nvols; i++) {
		const struct volume *v = &r->vols[i];
		char p[24] = "-", b[24] = "-";
		if (v->primary_lba != UINT64_MAX) snprintf(p, sizeof p, "%llu", (unsigned long long)v->primary_lba);
		if (v->backup_lba != UINT64_MAX) snprintf(b, sizeof b, "%llu", (unsigned long long)v->backup_lba);
		fprintf(out, "  %-3s %-6s %-12llu %-12llu %-6d %-12s %-12s %s\n", v->chosen ? "yes" : "no",
			fs_kind_name(v->fs), (unsigned long long)v->start, (unsigned long long)v->sectors, v->score, p, b,
			v->label);
	}
}

static void print_json(const struct disk *d, const struct search_result *r, const struct finding *f, int lost,
		       const char *how)
{
	FILE *o = stdout;
	fprintf(o, "{ \"tool\": \"diskmedic\", \"version\": ");
	json_str(o, DISKMEDIC_VERSION);
	fprintf(o, ", \"path\": ");
	json_str(o, d->path);
	fprintf(o, ", \"size_bytes\": %llu, \"sector_size\": %u, \"search\": \"%s\", \"seconds\": %.3f, "
		   "\"bytes_read\": %llu, \"holes_skipped\": %llu, \"interrupted\": %s, \"table\": \"%s\", \"table_lost\": %s,\n  \"volumes\": [",
		(unsigned long long)d->size, d->ssz, how, r->seconds, (unsigned long long)r->bytes_read,
		(unsigned long long)r->holes_skipped,
		r->interrupted ? "true" : "false",
		d->table == TABLE_GPT ? "gpt" : d->table == TABLE_MBR ? "mbr" : "none", lost ? "true" : "false");
	for (int i = 0; i < r->nvols; i++) {
		const struct volume *v = &r->vols[i];
		fprintf(o, "%s\n    { \"start_lba\": %llu, \"sectors\": %llu, \"filesystem\": \"%s\", \"score\": %d, "
			   "\"chosen\": %s, \"primary_lba\": ",
			i ? "," : "", (unsigned long long)v->start, (unsigned long long)v->sectors, fs_kind_name(v->fs),
			v->score, v->chosen ? "true" : "false");
		if (v->primary_lba == UINT64_MAX) fputs("null", o);
		else fprintf(o, "%llu", (unsigned long long)v->primary_lba);
		fputs(", \"backup_lba\": ", o);
		if (v->backup_lba == UINT64_MAX) fputs("null", o);
		else fprintf(o, "%llu", (unsigned long long)v->backup_lba);
		fputs(", \"label\": ", o);
		json_str(o, v->label);
		fputs(", \"content\": ", o);
		if (v->content[0]) json_str(o, v->content);
		else fputs("null", o);
		fputs(", \"stale\": ", o);
		if (v->stale[0]) json_str(o, v->stale);
		else fputs("null", o);
		fprintf(o, ", \"boot_code\": \"%s\" }", v->bootcode[0] ? v->bootcode : "unknown");
	}
	fputs(" ],\n  \"fixes\": [", o);
	for (int i = 0; f && i < f->nfixes; i++) {
		fputs(i ? ",\n    " : "\n    ", o);
		json_fix(o, &f->fixes[i]);
	}
	fputs(" ] }\n", o);
}

/* Write the chosen fixes through the writer on a freshly opened writable
 * target: the writer re-reads every `before`, so a disk that changed since
 * the search is refused. */
static int apply(const char *path, const struct finding *f, const struct search_opts *o)
{
	char why[512];
	struct dev *dev = dev_open(path, DEV_WRITE, why, sizeof why);
	if (!dev) {
		msg("%s", why);
		return EX_OPERR;
	}
	struct writer *w = NULL;
	if (writer_open(&w, dev, o->undo_dir) != 0) {
		msg("%s: %s", path, writer_why(w));
		dev_close(dev);
		return EX_OPERR;
	}
	int status = 0;
	for (int i = 0; i < f->nfixes; i++) {
		const struct fix *x = &f->fixes[i];
		if (i > 0 && !(o->boot_code && strstr(x->id, "install-syslinux-mbr"))) continue;
		if (writer_apply(w, x) != 0) {
			msg("%s: %s not applied: %s", path, x->id, writer_why(w));
			status |= EX_OPERR;
			break;
		}
		printf("%s: %s applied and verified; undo record: %s\n", path, x->id, writer_undo_path(w));
		status |= EX_FIXED;
	}
	writer_close(w);
	dev_close(dev);
	return status;
}

static int search_target(const char *path, const struct search_opts *o)
{
	char why[512];
	struct dev *dev;
	struct disk *d = scan_open(path, DEV_RDONLY, scan_options(), &dev, why, sizeof why);
	if (!d) {
		msg("%s", why);
		return EX_OPERR;
	}
	const char *how = o->deep ? "deep" : "quick";
	struct search_result r = {0};
	if (o->deep) search_deep(d, dm_quiet || o->json, o->read_holes, &r);
	else search_quick(d, 0, &r);
	int lost = search_table_lost(d, &r);
	struct finding *f = lost ? table_lost_finding(d, &r, how) : NULL;
	int status = EX_CLEAN;
	if (o->json) {
		print_json(d, &r, f, lost, how);
	} else {
		printf("%s: %s search, %.2f s, %llu reads, %.1f MiB read", d->path, how, r.seconds,
		       (unsigned long long)r.reads, r.bytes_read / 1048576.0);
		if (r.holes_skipped) printf(", %.1f MiB of image-file holes skipped", r.holes_skipped / 1048576.0);
		puts(r.interrupted ? " (interrupted)" : "");
		if (r.c.dropped) printf("  %llu further structures not kept (memory bound)\n", (unsigned long long)r.c.dropped);
		if (r.nvols) print_volumes(stdout, &r);
		else puts("  no filesystem structures found");
		if (!lost)
			printf("  %s\n", d->table != TABLE_NONE ? "the partition table is in use and matches what was found; nothing to rebuild"
							: "nothing to rebuild");
		else {
			printf("  %s: %s\n", f->code, f->summary);
			if (f->detail) fputs(f->detail, stdout);
		}
	}
	if (lost && f->nfixes) {
		if (!o->json) {
			for (int k = 0; k < f->nfixes; k++) fix_read_context(d->dev, &f->fixes[k]);
			report_fix_preview(stdout, d, f, &f->fixes[0]);
			if (o->boot_code && f->nfixes > 1) report_fix_preview(stdout, d, f, &f->fixes[1]);
		}
		int go = !o->dry_run && (o->yes || (!o->json && confirm("Write this partition table?")));
		scan_free(d);
		dev_close(dev);
		d = NULL;
		status = go ? apply(path, f, o) : EX_LEFT;
		if (!go && !o->json) puts(o->dry_run ? "  dry run: not written" : "  not written");
	} else if (lost) {
		status = EX_LEFT;
	}
	if (d) {
		scan_free(d);
		dev_close(dev);
	}
	if (f) finding_free(f);
	search_result_free(&r);
	return status;
}

int cmd_search(int argc, char **argv)
{
	static const struct option opts[] = {
		{"deep", no_argument, 0, 'D'},	     {"json", no_argument, 0, 'j'},
		{"yes", no_argument, 0, 'y'},	     {"dry-run", no_argument, 0, 'n'},
		{"boot-code", no_argument, 0, 'B'},  {"undo-dir", required_argument, 0, 'u'},
		{"quiet", no_argument, 0, 'q'},	     {"help", no_argument, 0, 'h'},
		{"read-holes", no_argument, 0, 'H'},
		{0, 0, 0, 0},
	};
	struct search_opts o = {.undo_dir = "./diskmedic-undo"};
	int c;
	while ((c = getopt_long(argc, argv, "DjynBu:qHh", opts, NULL)) != -1) {
		switch (c) {
		case 'D': o.deep = 1; break;
		case 'j': o.json = 1; break;
		case 'y': o.yes = 1; break;
		case 'n': o.dry_run = 1; break;
		case 'B': o.boot_code = 1; break;
		case 'u': o.undo_dir = optarg; break;
		case 'q': dm_quiet = 1; break;
		case 'H': o.read_holes = 1; break;
		case 'h': fputs(usage, stdout); return EX_CLEAN;
		default: fputs(usage, stderr); return EX_USAGE;
		}
	}
	if (optind != argc - 1) {
		usage_error(usage, "search needs exactly one TARGET");
		return EX_USAGE;
	}
	return search_target(argv[optind], &o);
}
