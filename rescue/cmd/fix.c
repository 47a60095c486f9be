/* diskmedic fix: apply fix plans through the one writer. */
static const char usage[] =
"usage: diskmedic fix [--yes] [--dry-run] [--only CODE[,CODE...]] [--undo-dir DIR]\n"
"                     [--bios auto|none|qemu|H/S] [--controller auto|NAME] TARGET...\n"
"\n"
"Scan each TARGET and apply the fixes for what was found. Without --only,\n"
"every fix marked safe is applied; with --only, the fixes for the named\n"
"finding codes, safe or not. Each change is shown (what, why, hex before and\n"
"after) and confirmed unless --yes is given. Before writing, an undo record is\n"
"saved in DIR (default ./diskmedic-undo); after writing, the data is read\n"
"back and compared. After each fix the target is scanned again.\n"
"\n"
"  --yes           apply without asking\n"
"  --dry-run       show the changes, write nothing\n"
"  --only CODES    only fixes for these finding codes (comma separated, exact;\n"
"                  a code no check raises is a usage error)\n"
"  --undo-dir DIR  where undo records go (not on the disk being fixed)\n"
"  --bios MODE     as for scan\n"
"  --controller C  as for scan\n"
"  --exclude DEV   refuse DEV (the boot medium)\n"
"\n"
"Exit status (fsck): 0 nothing to fix, 1 problems corrected, 4 problems left,\n"
"8 operational error, 16 usage error; 1|4 = 5 when some were fixed and some left.\n";

#include "cmd.h"
#include "../checks/scan.h"
#include "../fix/context.h"
#include "../checks/check.h"
#include "../fix/fence.h"
#include "../fix/writer.h"
#include "../lib/util.h"
#include "../windows/windows.h"
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ROUNDS 64

static int code_listed(const char *list, const char *code)
{
	size_t n = strlen(code);
	for (const char *p = list; p && *p;) {
		const char *e = strchr(p, ',');
		size_t l = e ? (size_t)(e - p) : strlen(p);
		if (l == n && !strncmp(p, code, n)) return 1;
		p = e ? e + 1 : NULL;
	}
	return 0;
}

/* The fix this run would apply for f, or NULL. */
static const struct fix *chosen_fix(const struct fix_opts *o, const struct finding *f)
{
	if (o->only && !code_listed(o->only, f->code)) return NULL;
	return fix_choose(f->fixes, f->nfixes, o->only != NULL);
}

/* --only names codes that chosen_fix() compares byte for byte: a typo, a
 * capital or a stray space would match nothing and the fix would quietly do
 * nothing. Name every code the checks cannot raise; 0 when all are known. */
static int unknown_codes(const char *list)
{
	int bad = 0;
	for (const char *p = list;;) {
		const char *e = strchr(p, ',');
		size_t l = e ? (size_t)(e - p) : strlen(p);
		if (!check_code_known(p, l)) {
			msg("--only: '%.*s' is not a finding code (see docs/checks.md)", (int)l, p);
			bad++;
		}
		if (!e) break;
		p = e + 1;
	}
	return bad;
}

struct done { char key[80]; };

/* A scan that could not read everything may have taken an unreadable sector
 * for damage (a $LogFile read error looks like an unclean journal): write
 * nothing on its word. 1 (and says so) when the last scan had read errors. */
static int unreliable_scan(const char *path, struct dev *dev)
{
	if (!dev->read_errors) return 0;
	msg("%s: %u read%s failed during the scan (first: %s); a finding may come from an unreadable sector "
	    "rather than damage, so nothing more is written (copy the disk with ddrescue and fix the copy)",
	    path, dev->read_errors, dev->read_errors == 1 ? "" : "s", dev->read_error);
	return 1;
}

static int already(struct done *done, int n, const struct finding *f, const struct fix *x)
{
	char key[80];
	snprintf(key, sizeof key, "%s#%d", x->id, f->partition);
	for (int i = 0; i < n; i++)
		if (!strcmp(done[i].key, key)) return 1;
	return 0;
}

int fix_target(const char *path, const struct fix_opts *o)
{
	char why[512];
	struct dev *dev;
	struct disk *d = scan_open(path, o->dry_run ? DEV_RDONLY : DEV_WRITE, scan_options(), &dev, why, sizeof why);
	if (!d) {
		msg("%s", why);
		return EX_OPERR;
	}
	int status = 0, applied = 0, ndone = 0;
	struct done done[MAX_ROUNDS];
	struct writer *w = NULL;
	if (!o->dry_run && unreliable_scan(path, dev)) {
		status = EX_OPERR | (count_problems(d) ? EX_LEFT : 0);
		scan_free(d);
		dev_close(dev);
		return status;
	}
	if (!o->dry_run && writer_open(&w, dev, o->undo_dir) != 0) {
		msg("%s: %s", path, writer_why(w));
		writer_close(w);
		scan_free(d);
		dev_close(dev);
		return EX_OPERR;
	}
	if (!o->dry_run) fence_foreign_content(w, d);
	for (int round = 0; round < MAX_ROUNDS; round++) {
		const struct finding *f = NULL;
		const struct fix *x = NULL;
		for (int i = 0; i < d->nfindings && !x; i++) {
			const struct fix *c = chosen_fix(o, d->findings[i]);
			if (c && !already(done, ndone, d->findings[i], c)) f = d->findings[i], x = c;
		}
		if (!x) break;
		snprintf(done[ndone++].key, sizeof done[0].key, "%s#%d", x->id, f->partition);
		fix_read_context(d->dev, (struct fix *)x);
		report_fix_preview(stdout, d, f, x);
		if (o->dry_run) {
			puts("  dry run: not written\n");
			continue;
		}
		if (!x->nchanges && !x->run) continue;
		if (!o->yes && !confirm("Apply this change?")) {
			puts("  skipped\n");
			continue;
		}
		int r = x->run ? x->run(w, x->ctx) : writer_apply(w, x);
		fputs(writer_notes(w), stdout);
		writer_notes_clear(w);
		if (r != 0) {
			msg("%s: %s not applied: %s", path, x->id, writer_why(w));
			status |= EX_OPERR;
			if (r == -2) break;	/* the disk may be half written: stop touching it */
			continue;
		}
		applied++;
		printf("  applied and verified; undo record: %s\n\n", writer_undo_path(w));
		/* Rescan: later fixes are planned from the disk as it is now. */
		scan_free(d);
		d = scan_disk(dev, scan_options(), why, sizeof why);
		if (!d) {
			msg("%s: rescan failed: %s", path, why);
			status |= EX_OPERR;
			break;
		}
		if (unreliable_scan(path, dev)) {
			status |= EX_OPERR;
			break;
		}
		fence_foreign_content(w, d);
	}
	if (d) {
		int left = count_problems(d);
		if (applied || left) {
			printf("%s: %d fix%s applied; %d problem%s left\n", path, applied, applied == 1 ? "" : "es", left,
			       left == 1 ? "" : "s");
			for (int i = 0; i < d->nfindings; i++)
				if (d->findings[i]->severity != SEV_INFO)
					printf("  left: %s: %s\n", d->findings[i]->code, d->findings[i]->summary);
		} else {
			printf("%s: no problems found\n", path);
		}
		if (applied) status |= EX_FIXED;
		if (left) status |= EX_LEFT;
	}
	if (!o->dry_run) writer_close(w);
	scan_free(d);
	dev_close(dev);
	return status;
}

int cmd_fix(int argc, char **argv)
{
	static const struct option opts[] = {
		{"yes", no_argument, 0, 'y'},	       {"dry-run", no_argument, 0, 'n'},
		{"only", required_argument, 0, 'o'},   {"undo-dir", required_argument, 0, 'u'},
		{"bios", required_argument, 0, 'b'},
		{"controller", required_argument, 0, 'C'},   {"exclude", required_argument, 0, 'x'},
		{"help", no_argument, 0, 'h'},	       {0, 0, 0, 0},
	};
	struct fix_opts o = {.undo_dir = "./diskmedic-undo"};
	int c;
	while ((c = getopt_long(argc, argv, "yno:u:b:x:hC:", opts, NULL)) != -1) {
		switch (c) {
		case 'y': o.yes = 1; break;
		case 'n': o.dry_run = 1; break;
		case 'o': o.only = optarg; break;
		case 'u': o.undo_dir = optarg; break;
		case 'b':
			if (set_bios_option(optarg) != 0) return EX_OPERR;
			break;
		case 'C':
			if (set_controller_option(optarg) != 0) return EX_OPERR;
			break;
		case 'x': dev_set_boot_medium(optarg); break;
		case 'h': fputs(usage, stdout); return EX_CLEAN;
		default: fputs(usage, stderr); return EX_USAGE;
		}
	}
	if (optind >= argc) {
		usage_error(usage, "fix needs at least one TARGET");
		return EX_USAGE;
	}
	if (o.only && unknown_codes(o.only)) {
		fputs(usage, stderr);
		return EX_USAGE;
	}
	int status = 0;
	for (int i = optind; i < argc; i++) status |= fix_target(argv[i], &o);
	return status;
}
