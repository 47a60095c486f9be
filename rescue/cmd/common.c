/* Shared by the subcommands: scanning a target, listing disks, prompts. */
#include "cmd.h"
#include "../checks/check.h"
#include "../checks/scan.h"
#include "../lib/util.h"
#include "../geom/bios.h"
#include "../probe/probe.h"
#include "../windows/windows.h"
#include <dirent.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char *bios_mode = "auto";	/* --bios, checked by set_bios_option */

static const char *sysroot(void)
{
	const char *s = getenv("DISKMEDIC_SYSROOT");
	return s ? s : "";
}

/* The scan options the command line chose (--bios) and where /sys is. */
const struct scan_opts *scan_options(void)
{
	static struct scan_opts o;
	o.bios = bios_mode;
	o.sysroot = sysroot();
	return &o;
}

static int read_sys(const char *dev, const char *file, char *buf, size_t n)
{
	char p[512];
	snprintf(p, sizeof p, "%s/sys/block/%s/%s", sysroot(), dev, file);
	FILE *f = fopen(p, "r");
	if (!f) return -1;
	int ok = fgets(buf, (int)n, f) != NULL;
	fclose(f);
	if (ok) buf[strcspn(buf, "\n")] = 0;
	return ok ? 0 : -1;
}

int list_disks(char ***out)
{
	int n = 0;
	char **v = xcalloc(1, sizeof *v);
	char dir[512];
	snprintf(dir, sizeof dir, "%s/sys/block", sysroot());
	DIR *dp = opendir(dir);
	struct dirent *e;
	while (dp && (e = readdir(dp))) {
		const char *s = e->d_name;
		if (s[0] == '.' || !strncmp(s, "loop", 4) || !strncmp(s, "ram", 3) || !strncmp(s, "zram", 4) ||
		    !strncmp(s, "sr", 2) || !strncmp(s, "fd", 2) || !strncmp(s, "dm-", 3) || !strncmp(s, "md", 2))
			continue;
		char buf[64];
		/* Optical drives by type, whatever their name; empty slots by size. */
		if (read_sys(s, "device/type", buf, sizeof buf) == 0 && atoi(buf) == 5) continue;
		if (read_sys(s, "size", buf, sizeof buf) == 0 && atoll(buf) == 0) continue;
		char *path = xasprintf("/dev/%s", s);
		if (dev_is_boot_medium(path)) {
			free(path);
			continue;
		}
		v = xrealloc(v, (size_t)(n + 2) * sizeof *v);
		v[n++] = path;
		v[n] = NULL;
	}
	if (dp) closedir(dp);
	*out = v;
	return n;
}

static int entries(const char *sub)
{
	char dir[512];
	snprintf(dir, sizeof dir, "%s/sys/class/%s", sysroot(), sub);
	DIR *dp = opendir(dir);
	struct dirent *e;
	int n = 0;
	while (dp && (e = readdir(dp))) n += e->d_name[0] != '.';
	if (dp) closedir(dp);
	return n;
}

const char *no_disk_hint(void)
{
	/* qemu's scsi-hd has SAS address 0 unless given wwn=, and Linux's
	 * mptsas makes no disk of an end device at address 0: behind qemu's
	 * mptsas1068 (libvirt's lsisas1068, what a VMware "LSI Logic SAS" VM
	 * becomes) a disk is then invisible. A real HBA with nothing attached
	 * looks the same, hence "if". */
	if (entries("sas_host") && !entries("sas_end_device"))
		return "a SAS controller is present but no SAS disk appeared behind it. If this is a qemu VM "
		       "with an mptsas1068 (lsisas1068) controller, give each disk a SAS address: "
		       "-device scsi-hd,...,wwn=0x5000c50000000001 (libvirt: <wwn> in the disk)";
	return NULL;
}

int confirm(const char *question)
{
	printf("%s [y/N] ", question);
	fflush(stdout);
	char line[64];
	if (!fgets(line, sizeof line, stdin)) {
		puts("\n(no answer: taken as no)");
		return 0;
	}
	return line[0] == 'y' || line[0] == 'Y';
}

void usage_error(const char *usage, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmsg(fmt, ap);
	va_end(ap);
	fputs(usage, stderr);
}

int set_bios_option(const char *arg)
{
	if (!bios_mode_valid(arg)) {
		/* A well-formed call with a bad value: CONTRACT.md's "bad arguments", 8. */
		msg("--bios: '%s' is not auto, none, qemu or H/S (heads 1-255, sectors 1-63)", arg);
		return -1;
	}
	bios_mode = arg;
	return 0;
}
