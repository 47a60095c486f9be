/* Subcommands and what they share. Each subcommand's usage text sits at the
 * top of its own file. */
#ifndef DM_CMD_H
#define DM_CMD_H
#include <stdio.h>
#include "../checks/check.h"
#include "../checks/scan.h"
#include "../probe/disk.h"
#include "../report/report.h"

int cmd_scan(int argc, char **argv);
int cmd_fix(int argc, char **argv);
int cmd_undo(int argc, char **argv);
int cmd_show(int argc, char **argv);
int cmd_edit(int argc, char **argv);
int cmd_menu(int argc, char **argv);
int cmd_search(int argc, char **argv);
int cmd_checks(int argc, char **argv);

/* The options every scan of this run uses (checks/scan.h): --bios, /sys. */
const struct scan_opts *scan_options(void);
/* Every whole disk in /sys/block except loop, ram, zram, optical drives and
 * the boot medium. Returns the count; *out is a NULL-terminated array. */
int list_disks(char ***out);
/* When no disk was found: a sentence about a likely cause the user can
 * remedy (a SAS controller with no disk behind it), or NULL. */
const char *no_disk_hint(void);
/* Ask a yes/no question on stdin; EOF means no. */
int confirm(const char *question);
void usage_error(const char *usage, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
struct fix_opts {
	int yes, dry_run;
	const char *only;	/* finding codes, comma separated, or NULL = every safe fix */
	const char *undo_dir;
};
/* Scan TARGET and apply fixes, rescanning after each; fsck-style status. */
int fix_target(const char *path, const struct fix_opts *o);
int scan_targets(char **paths, int n, struct scan_result *r, struct dev ***devs_out);

/* --bios MODE (default auto): checks and keeps it for scan_options(); -1
 * with a message when MODE is not auto, none, qemu or H/S. */
int set_bios_option(const char *arg);
#endif
