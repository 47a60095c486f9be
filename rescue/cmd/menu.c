/* diskmedic menu: the one-key console UI that the ISO runs. */
static const char usage[] =
"usage: diskmedic menu [--mode menu|report|autofix] [--after reboot|poweroff|shell|menu]\n"
"                      [--undo-dir DIR] [--exclude DEV] [--action-file FILE] [--bios MODE]\n"
"                      [--undo-label LABEL]\n"
"\n"
"menu     lists disks and findings, most severe first. Keys: 1-9 open a\n"
"         finding (evidence and the fix's hex preview; 'y' applies it),\n"
"         a apply all safe fixes, r rescan, s shell, b reboot, p power off,\n"
"         h boot the first hard disk, w save the undo records and the\n"
"         report to a partition on a disk that is not being repaired (a USB\n"
"         stick, FAT/ext4/exFAT; you pick it; --save-dir DIR saves to DIR).\n"
"report   scans, prints the text report and the JSON report between\n"
"         -----BEGIN DISKMEDIC REPORT----- and -----END DISKMEDIC REPORT-----\n"
"autofix  applies every safe fix on every disk, then reports the same way.\n"
"         The report is followed by every undo record, between BEGIN/END\n"
"         DISKMEDIC UNDO RECORD lines ('diskmedic undo' takes the saved log).\n"
"         --undo-label LABEL (the ISO's diskmedic.undo=LABEL): the records\n"
"         and the reports are also saved to the partition with that label,\n"
"         whose disk is then neither scanned nor repaired.\n"
"\n"
"The chosen next step (reboot, poweroff, shell, harddisk, menu) is written to\n"
"the action file (default /run/diskmedic-action) for /init to carry out.\n"
"Works on a dumb terminal: single keypresses, no cursor control.\n";

#include "cmd.h"
#include "../probe/blockdevs.h"
#include "../report/save.h"
#include "../fix/context.h"
#include "../fix/fence.h"
#include "../fix/undo_log.h"
#include "../fix/writer.h"
#include "../lib/util.h"
#include <sys/stat.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#define REPORT_BEGIN "-----BEGIN DISKMEDIC REPORT-----"
#define REPORT_END "-----END DISKMEDIC REPORT-----"

struct menu {
	const char *undo_dir, *action_file, *after, *save_dir;
	char undo_part[64];	/* --undo-label's partition, or "" */
	int saved;	/* records saved since the last fix */
	int ndisks;
	char **paths;
	struct scan_result r;
	struct dev **devs;
};

static void write_action(const struct menu *m, const char *what)
{
	FILE *f = fopen(m->action_file, "w");
	if (f) {
		fprintf(f, "%s\n", what);
		fclose(f);
	} else {
		msg("cannot write %s", m->action_file);
	}
}

static void release(struct menu *m)
{
	for (int i = 0; i < m->r.ndisks; i++) {
		scan_free(m->r.disks[i]);
		dev_close(m->devs[i]);
		free(m->r.errors[i]);
	}
	free(m->r.disks);
	free(m->r.errors);
	free(m->devs);
	memset(&m->r, 0, sizeof m->r);
	m->devs = NULL;
}

static int scan_all(struct menu *m)
{
	release(m);
	puts("Scanning disks...");
	fflush(stdout);
	return scan_targets(m->paths, m->ndisks, &m->r, &m->devs);
}

static void print_report(struct menu *m)
{
	report_text(stdout, &m->r, 1);
	puts(REPORT_BEGIN);
	report_json(stdout, &m->r);
	puts(REPORT_END);
	/* The undo directory is a RAM disk in the ISO: an unattended run that
	 * powers off would lose the records, so the console log carries them
	 * too ('diskmedic undo --target DISK serial.log' takes it as it is). */
	undo_log_print(stdout, m->undo_dir);
	fflush(stdout);
}

/* One keypress, without waiting for Enter when stdin is a terminal. */
static int getkey(void)
{
	struct termios old, raw;
	int tty = tcgetattr(0, &old) == 0;
	if (tty) {
		raw = old;
		raw.c_lflag &= ~(ICANON | ECHO);
		raw.c_cc[VMIN] = 1;
		raw.c_cc[VTIME] = 0;
		tcsetattr(0, TCSANOW, &raw);
	}
	unsigned char c;
	int k;
	do {
		k = read(0, &c, 1) == 1 ? c : -1;
	} while (k == '\r' || k == '\n');
	if (tty) tcsetattr(0, TCSANOW, &old);
	if (k >= 0) printf("%c\n", k);
	return k;
}

/* The nth finding over all disks (1-based), in display order. */
static struct finding *nth_finding(struct menu *m, int n, int *disk_out)
{
	for (int k = 0; k < m->r.ndisks; k++) {
		struct disk *d = m->r.disks[k];
		if (!d) continue;
		if (n <= d->nfindings) {
			*disk_out = k;
			return d->findings[n - 1];
		}
		n -= d->nfindings;
	}
	return NULL;
}

static void apply_one(struct menu *m, int k, const struct finding *f, const struct fix *x)
{
	char why[512];
	/* As in fix: a finding from a scan that could not read everything may
	 * be an unreadable sector, not damage. */
	if (m->devs[k] && m->devs[k]->read_errors) {
		printf("cannot fix: %u read%s failed during the scan (first: %s); copy the disk first\n",
		       m->devs[k]->read_errors, m->devs[k]->read_errors == 1 ? "" : "s", m->devs[k]->read_error);
		return;
	}
	/* Scans hold targets read-only; a fix opens its target for writing,
	 * which also runs the mounted and boot-medium refusals. */
	struct dev *dev = dev_open(m->paths[k], DEV_WRITE, why, sizeof why);
	if (!dev) {
		printf("cannot fix: %s\n", why);
		return;
	}
	struct writer *w = NULL;
	if (writer_open(&w, dev, m->undo_dir) != 0) {
		printf("cannot fix: %s\n", writer_why(w));
		writer_close(w);
	} else {
		if (m->r.disks[k]) fence_foreign_content(w, m->r.disks[k]);
		int r = x->run ? x->run(w, x->ctx) : writer_apply(w, x);
		fputs(writer_notes(w), stdout);
		if (r == 0) printf("%s: applied and verified; undo record %s\n", f->code, writer_undo_path(w));
		else printf("%s: NOT applied: %s\n", f->code, writer_why(w));
		writer_close(w);
	}
	dev_close(dev);
}

static void open_finding(struct menu *m, int n)
{
	int k;
	struct finding *f = nth_finding(m, n, &k);
	if (!f) {
		puts("no such finding");
		return;
	}
	struct disk *d = m->r.disks[k];
	printf("\n%s: [%s] %s\n  %s\n", d->path, severity_name(f->severity), f->code, f->summary);
	if (f->detail) fputs(f->detail, stdout);
	for (int i = 0; i < f->nevidence; i++) printf("    %-28s %s\n", f->evidence[i].key, f->evidence[i].value);
	/* Picking the finding names it: its first fix, safe or not (fix/choose.c). */
	const struct fix *x = fix_choose(f->fixes, f->nfixes, 1);
	if (!x) {
		puts("  No automatic fix: see the explanation above.");
		return;
	}
	fix_read_context(d->dev, (struct fix *)x);
	report_fix_preview(stdout, d, f, x);
	if (!x->safe) {
		puts("  This fix is NOT marked safe. Press Y (capital) to apply it anyway, any other key to go back.");
		if (getkey() != 'Y') return;
		puts("  Second confirmation: this change may lose data. Press Y again to apply.");
		if (getkey() != 'Y') return;
	} else {
		puts("  Press y to apply this fix, any other key to go back.");
		if (getkey() != 'y') return;
	}
	apply_one(m, k, f, x);
}

static int autofix(struct menu *m)
{
	struct fix_opts o = {.yes = 1, .undo_dir = m->undo_dir};
	int status = 0;
	for (int i = 0; i < m->ndisks; i++) {
		printf("=== repairing %s\n", m->paths[i]);
		fflush(stdout);
		status |= fix_target(m->paths[i], &o);
	}
	return status;
}

static void save(struct menu *m)
{
	char why[700];
	int r;
	if (m->save_dir) {
		mkdir(m->save_dir, 0700);
		r = save_to_dir(m->save_dir, m->undo_dir, &m->r, why, sizeof why);
	} else {
		char cand[9][64];
		int n = save_candidates(m->paths, m->ndisks, cand, 9);
		if (!n) {
			puts("No partition outside the disks being repaired. Plug in a USB stick, wait a few seconds, press w again.");
			return;
		}
		puts("Save undo records and the report to:");
		for (int i = 0; i < n; i++) printf("  %d  %s\n", i + 1, cand[i]);
		puts("  any other key: cancel");
		int k = getkey();
		if (k < '1' || k >= '1' + n) return;
		r = save_to_partition(cand[k - '1'], m->undo_dir, &m->r, why, sizeof why);
	}
	puts(why);
	if (r >= 0) m->saved = 1;
}

/* Reboot and power off lose the RAM disk: say so once, and let w come first. */
static int leaving_ok(struct menu *m, int key)
{
	/* The undo directory is a RAM disk in the ISO. */
	if (m->saved || !count_undo_records(m->undo_dir)) return 1;
	printf("The undo records are in RAM and are lost at %s. Press w to save them first,\n"
	       "or %c again to go on without them.\n", key == 'p' ? "power off" : "reboot", key);
	int k = getkey();
	if (k == 'w') save(m);
	return k == key || m->saved;
}

/* diskmedic.undo=LABEL: find the partition, and keep its disk out of the
 * scan, so that the records never land on a disk being repaired. */
static void keep_undo_disk_out(struct menu *m, const char *label)
{
	char disk[64];
	if (save_find_label(label, m->undo_part, disk) != 0) {
		m->undo_part[0] = 0;
		printf("diskmedic: no partition labelled '%s'; the undo records are only on the console\n", label);
		return;
	}
	dev_set_boot_medium(disk);
	printf("diskmedic: undo records go to %s (label '%s'); %s is not scanned\n", m->undo_part, label, disk);
}

static void show_menu(struct menu *m)
{
	report_text(stdout, &m->r, 0);
	puts("Keys: 1-9 open a finding   a apply all safe fixes   r rescan   w save undo records");
	puts("      s shell   b reboot   p power off   h boot first hard disk");
	fflush(stdout);
}

int cmd_menu(int argc, char **argv)
{
	static const struct option opts[] = {
		{"mode", required_argument, 0, 'm'},	 {"after", required_argument, 0, 'A'},
		{"undo-dir", required_argument, 0, 'u'}, {"exclude", required_argument, 0, 'x'},
		{"action-file", required_argument, 0, 'f'}, {"bios", required_argument, 0, 'b'},
		{"save-dir", required_argument, 0, 'S'}, {"help", no_argument, 0, 'h'},
		{"undo-label", required_argument, 0, 'L'},
		{0, 0, 0, 0},
	};
	struct menu m = {.undo_dir = "/run/diskmedic-undo", .action_file = "/run/diskmedic-action"};
	const char *mode = "menu", *undo_label = NULL;
	int c;
	while ((c = getopt_long(argc, argv, "m:A:u:x:f:b:S:L:h", opts, NULL)) != -1) {
		switch (c) {
		case 'm': mode = optarg; break;
		case 'A': m.after = optarg; break;
		case 'u': m.undo_dir = optarg; break;
		case 'x': dev_set_boot_medium(optarg); break;
		case 'f': m.action_file = optarg; break;
		case 'S': m.save_dir = optarg; break;
		case 'L': undo_label = optarg; break;
		case 'b':
			if (set_bios_option(optarg) != 0) return EX_OPERR;
			break;
		case 'h': fputs(usage, stdout); return EX_CLEAN;
		default: fputs(usage, stderr); return EX_USAGE;
		}
	}
	if (strcmp(mode, "menu") && strcmp(mode, "report") && strcmp(mode, "autofix")) {
		usage_error(usage, "--mode: '%s' is not menu, report or autofix", mode);
		return EX_USAGE;
	}
	if (undo_label) keep_undo_disk_out(&m, undo_label);
	m.paths = argv + optind;
	m.ndisks = argc - optind;
	if (!m.ndisks) m.ndisks = list_disks(&m.paths);
	printf("diskmedic: %d disk%s found\n", m.ndisks, m.ndisks == 1 ? "" : "s");
	if (!m.ndisks && no_disk_hint()) printf("diskmedic: %s\n", no_disk_hint());
	if (strcmp(mode, "menu")) {
		int status = 0;
		if (!strcmp(mode, "autofix")) status = autofix(&m);
		status |= scan_all(&m);
		print_report(&m);
		if (m.undo_part[0] && count_undo_records(m.undo_dir)) {
			char why[700];
			save_to_partition(m.undo_part, m.undo_dir, &m.r, why, sizeof why);
			printf("diskmedic: %s\n", why);
		}
		printf("diskmedic: %s finished, status %d\n", mode, status);
		write_action(&m, m.after ? m.after : !strcmp(mode, "autofix") ? "reboot" : "menu");
		release(&m);
		return EX_CLEAN;
	}
	scan_all(&m);
	for (;;) {
		show_menu(&m);
		int k = getkey();
		const char *act = NULL;
		switch (k) {
		case -1: act = "menu"; break;	/* console gone: let /init restart us */
		case 'a': autofix(&m); m.saved = 0; scan_all(&m); break;
		case 'r': scan_all(&m); break;
		case 'w': save(&m); break;
		case 's': act = "shell"; break;
		case 'b': act = leaving_ok(&m, k) ? "reboot" : NULL; break;
		case 'p': act = leaving_ok(&m, k) ? "poweroff" : NULL; break;
		case 'h': act = "harddisk"; break;
		default:
			if (k >= '1' && k <= '9') {
				open_finding(&m, k - '0');
				m.saved = 0;
				scan_all(&m);	/* show the result of any fix */
			}
		}
		if (act) {
			write_action(&m, act);
			release(&m);
			return EX_CLEAN;
		}
	}
}
