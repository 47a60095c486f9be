/* diskmedic edit: the sector editor Linux lacks (seed 000), through the
 * same writer as every fix: preview, confirmation, undo record, verify. */
static const char usage[] =
"usage: diskmedic edit [--yes] [--undo-dir DIR] TARGET OFFSET HEXBYTES\n"
"\n"
"Write HEXBYTES (e.g. '80 00' or 8000) at OFFSET of TARGET. Shows the bytes\n"
"before and after, asks (unless --yes), saves an undo record in DIR (default\n"
"./diskmedic-undo), writes, and reads back to verify. OFFSET as for show.\n"
"\n"
"Exit status: 0 written, 4 declined or nothing to change, 8 error, 16 usage.\n";

#include "cmd.h"
#include "../fix/writer.h"
#include "../lib/util.h"
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

int parse_offset(const char *s, uint32_t ssz, uint64_t *v);

int cmd_edit(int argc, char **argv)
{
	static const struct option opts[] = {
		{"yes", no_argument, 0, 'y'}, {"undo-dir", required_argument, 0, 'u'},
		{"exclude", required_argument, 0, 'x'}, {"help", no_argument, 0, 'h'}, {0, 0, 0, 0},
	};
	int yes = 0, c;
	const char *undo_dir = "./diskmedic-undo";
	while ((c = getopt_long(argc, argv, "yu:x:h", opts, NULL)) != -1) {
		switch (c) {
		case 'y': yes = 1; break;
		case 'u': undo_dir = optarg; break;
		case 'x': dev_set_boot_medium(optarg); break;
		case 'h': fputs(usage, stdout); return EX_CLEAN;
		default: fputs(usage, stderr); return EX_USAGE;
		}
	}
	if (argc - optind != 3) {
		usage_error(usage, "edit needs TARGET OFFSET HEXBYTES");
		return EX_USAGE;
	}
	const char *path = argv[optind];
	uint8_t *bytes;
	size_t n;
	if (hexparse(argv[optind + 2], &bytes, &n) != 0) {
		usage_error(usage, "HEXBYTES: '%s' is not an even number of hex digits", argv[optind + 2]);
		return EX_USAGE;
	}
	char why[512];
	int status = EX_OPERR;
	struct dev *d = dev_open(path, DEV_WRITE, why, sizeof why);
	uint64_t off;
	uint8_t *before = NULL;
	if (!d) {
		msg("%s", why);
		goto out;
	}
	if (parse_offset(argv[optind + 1], d->ssz, &off) != 0) {
		usage_error(usage, "bad OFFSET '%s'", argv[optind + 1]);
		status = EX_USAGE;
		goto out;
	}
	if (off >= d->size || n > d->size - off) {
		msg("%s: %zu bytes at offset %llu would go past the end", path, n, (unsigned long long)off);
		goto out;
	}
	if (!(before = dev_read_alloc(d, off, n))) {
		msg("%s: %s", path, d->why);
		goto out;
	}
	struct fix x = {.nchanges = 0};
	snprintf(x.id, sizeof x.id, "edit");
	snprintf(x.summary, sizeof x.summary, "write %zu byte%s at offset %llu", n, n == 1 ? "" : "s",
		 (unsigned long long)off);
	if (!fix_change(&x, off, before, bytes, (uint32_t)n, "edited bytes")) {
		puts("the disk already holds these bytes; nothing to change");
		status = EX_LEFT;
		goto out;
	}
	struct disk fake = {.path = path};
	struct finding f = {.code = "edit"};
	snprintf(f.summary, sizeof f.summary, "requested on the command line");
	report_fix_preview(stdout, &fake, &f, &x);
	if (!yes && !confirm("Write these bytes?")) {
		status = EX_LEFT;
	} else {
		struct writer *w = NULL;
		if (writer_open(&w, d, undo_dir) == 0 && writer_apply(w, &x) == 0) {
			printf("written and verified; undo record: %s\n", writer_undo_path(w));
			status = EX_CLEAN;
		} else {
			msg("%s: %s", path, writer_why(w));
		}
		writer_close(w);
	}
	free(x.changes[0].before);
	free(x.changes[0].after);
	free(x.changes);
out:
	free(before);
	free(bytes);
	dev_close(d);
	return status;
}
