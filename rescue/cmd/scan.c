/* diskmedic scan: read-only examination of disks. */
static const char usage[] =
"usage: diskmedic scan [--json] [--verbose|--brief] [--bios auto|none|qemu|H/S]\n"
"                      [--controller auto|NAME] [--exclude DEV] [TARGET...]\n"
"\n"
"Examine each TARGET (a whole-disk block device or a raw disk image) and\n"
"report what is wrong with its partition table, boot sectors and volumes.\n"
"Never writes: targets are opened read-only. Without TARGET, every disk in\n"
"/sys/block except loop, ram, zram, optical drives and the boot medium.\n"
"\n"
"  --json          print the JSON report (CONTRACT.md) instead of text\n"
"  --brief         one line per finding, without evidence\n"
"  --bios MODE     where the BIOS geometry comes from: auto (EDD, else the\n"
"                  MBR's CHS entries), none, qemu (predict qemu+SeaBIOS), H/S\n"
"  --controller C  the storage controller Windows will boot from, for the\n"
"                  boot-driver checks: auto (the one the disk is on now, from\n"
"                  sysfs; none for an image file), ide, ahci, nvme, virtio-blk,\n"
"                  virtio-scsi, lsi-sas, lsi-scsi, pvscsi, megasas, hyper-v\n"
"  --exclude DEV   leave DEV out (the boot medium)\n"
"\n"
"Exit status: 0 no problems, 4 problems found, 8 a target could not be read,\n"
"16 usage error.\n";

#include "cmd.h"
#include "../checks/scan.h"
#include "../lib/util.h"
#include "../windows/windows.h"
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

/* Scan a list of targets into r; returns the exit status. */
int scan_targets(char **paths, int n, struct scan_result *r, struct dev ***devs_out)
{
	int status = EX_CLEAN;
	r->ndisks = n;
	r->disks = xcalloc((size_t)n + 1, sizeof *r->disks);
	r->errors = xcalloc((size_t)n + 1, sizeof *r->errors);
	r->paths = paths;
	struct dev **devs = xcalloc((size_t)n + 1, sizeof *devs);
	for (int i = 0; i < n; i++) {
		char why[512];
		if (!dm_quiet && n > 1) fprintf(stderr, "diskmedic: scanning %s (%d of %d)\n", paths[i], i + 1, n);
		r->disks[i] = scan_open(paths[i], DEV_RDONLY, scan_options(), &devs[i], why, sizeof why);
		if (!r->disks[i]) {
			r->errors[i] = xstrdup(why);
			status |= EX_OPERR;
		} else {
			if (count_problems(r->disks[i])) status |= EX_LEFT;
			if (devs[i]->read_errors) {
				msg("%s: %u read%s failed during the scan (first: %s); the findings may be incomplete or "
				    "mistake unreadable sectors for damage", paths[i], devs[i]->read_errors,
				    devs[i]->read_errors == 1 ? "" : "s", devs[i]->read_error);
				status |= EX_OPERR;
			}
		}
	}
	*devs_out = devs;
	return status;
}

int cmd_scan(int argc, char **argv)
{
	static const struct option opts[] = {
		{"json", no_argument, 0, 'j'},	 {"bios", required_argument, 0, 'b'},
		{"controller", required_argument, 0, 'C'},
		{"exclude", required_argument, 0, 'x'}, {"brief", no_argument, 0, 'B'},
		{"verbose", no_argument, 0, 'v'}, {"help", no_argument, 0, 'h'},
		{0, 0, 0, 0},
	};
	int json = 0, verbose = 1, c;
	while ((c = getopt_long(argc, argv, "jb:x:BvhC:", opts, NULL)) != -1) {
		switch (c) {
		case 'j': json = 1; break;
		case 'b':
			if (set_bios_option(optarg) != 0) return EX_OPERR;
			break;
		case 'C':
			if (set_controller_option(optarg) != 0) return EX_OPERR;
			break;
		case 'x': dev_set_boot_medium(optarg); break;
		case 'B': verbose = 0; break;
		case 'v': verbose = 1; break;
		case 'h': fputs(usage, stdout); return EX_CLEAN;
		default: fputs(usage, stderr); return EX_USAGE;
		}
	}
	char **paths = argv + optind;
	int n = argc - optind;
	if (n == 0) {
		n = list_disks(&paths);
		if (n == 0) {
			msg("no disks found in /sys/block");
			if (no_disk_hint()) msg("%s", no_disk_hint());
			return EX_OPERR;
		}
	}
	struct scan_result r;
	struct dev **devs;
	int status = scan_targets(paths, n, &r, &devs);
	if (json) report_json(stdout, &r);
	else report_text(stdout, &r, verbose);
	for (int i = 0; i < n; i++) {
		if (r.errors[i]) msg("%s", r.errors[i]);
		scan_free(r.disks[i]);
		dev_close(devs[i]);
		free(r.errors[i]);
	}
	free(r.disks);
	free(r.errors);
	free(devs);
	return status;
}
