/* Coldplug: load the driver of every device the kernel found.
 *
 * Each device with a driver-relevant identity has a "modalias" file under
 * /sys/devices.  modules.alias maps shell patterns over those strings to
 * module names, which is what udev would do with modprobe.  Loading a bus
 * driver (PCI USB host, virtio, SCSI host) reveals new devices, so passes
 * repeat until nothing changes for a while. */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>
#include "init.h"

struct alias {
	char *pat;
	size_t lit;	/* length of the pattern before its first wildcard */
	char *mod;
};
static struct alias *al;
static int nal;

/* Modaliases already handled, so later passes only look at new devices. */
static char **seen;
static int nseen, capseen;

static void read_alias(void)
{
	struct utsname u;
	char path[192], line[512];
	FILE *f;

	uname(&u);
	snprintf(path, sizeof path, "/lib/modules/%s/modules.alias", u.release);
	f = fopen(path, "re");
	if (!f)
		return;
	while (fgets(line, sizeof line, f)) {
		char pat[400], mod[64];
		if (sscanf(line, "alias %399s %63s", pat, mod) != 2)
			continue;
		if (!(nal & 255))
			al = realloc(al, (nal + 256) * sizeof *al);
		al[nal].pat = strdup(pat);
		al[nal].lit = strcspn(pat, "*?[\\");
		al[nal].mod = strdup(mod);
		nal++;
	}
	fclose(f);
}

static int is_seen(const char *s)
{
	int i;
	for (i = 0; i < nseen; i++)
		if (!strcmp(seen[i], s))
			return 1;
	if (nseen == capseen) {
		capseen = capseen ? 2 * capseen : 256;
		seen = realloc(seen, capseen * sizeof *seen);
	}
	seen[nseen++] = strdup(s);
	return 0;
}

static void match(const char *ma)
{
	int i;
	for (i = 0; i < nal; i++)
		/* Comparing the literal head first keeps fnmatch, slow under
		 * an emulated CPU, off nearly every pair. */
		if (!strncmp(al[i].pat, ma, al[i].lit) &&
		    fnmatch(al[i].pat, ma, 0) == 0)
			mod_load(al[i].mod);
}

static void walk(char *path, size_t len, int depth)
{
	DIR *d;
	struct dirent *e;

	if (depth > 32 || !(d = opendir(path)))
		return;
	while ((e = readdir(d))) {
		size_t n = strlen(e->d_name);
		if (e->d_name[0] == '.' || len + n + 2 >= 4096)
			continue;
		/* sysfs links go sideways and up; only real directories lead
		 * to devices not seen yet. */
		if (e->d_type == DT_DIR) {
			path[len] = '/';
			memcpy(path + len + 1, e->d_name, n + 1);
			walk(path, len + 1 + n, depth + 1);
			path[len] = 0;
		} else if (e->d_type == DT_REG && !strcmp(e->d_name, "modalias")) {
			char buf[512];
			int fd;
			ssize_t r;
			path[len] = '/';
			memcpy(path + len + 1, e->d_name, n + 1);
			fd = open(path, O_RDONLY | O_CLOEXEC);
			path[len] = 0;
			if (fd < 0)
				continue;
			r = read(fd, buf, sizeof buf - 1);
			close(fd);
			if (r <= 0)
				continue;
			buf[r] = 0;
			buf[strcspn(buf, "\n")] = 0;
			if (buf[0] && !is_seen(buf))
				match(buf);
		}
	}
	closedir(d);
}

/* One pass; returns how many modules it loaded. */
int coldplug_pass(void)
{
	static char path[4096];
	int before = mod_loaded_count();

	if (!al)
		read_alias();
	strcpy(path, "/sys/devices");
	walk(path, strlen(path), 0);
	return mod_loaded_count() - before;
}

/* A fingerprint of the block devices present and their sizes. */
static unsigned long blocks(void)
{
	unsigned long h = 5381;
	DIR *d = opendir("/sys/block");
	struct dirent *e;

	if (!d)
		return 0;
	while ((e = readdir(d))) {
		char p[300], buf[32] = "";
		const char *c;
		int fd;
		if (e->d_name[0] == '.')
			continue;
		snprintf(p, sizeof p, "/sys/block/%s/size", e->d_name);
		if ((fd = open(p, O_RDONLY)) >= 0) {
			if (read(fd, buf, sizeof buf - 1) < 0)
				buf[0] = 0;
			close(fd);
		}
		for (c = e->d_name; *c; c++)
			h = h * 33 + *c;
		for (c = buf; *c; c++)
			h = h * 33 + *c;
	}
	closedir(d);
	return h;
}

/* Entries of a sysfs directory whose names contain `mark` ("" for any). */
static int count(const char *dir, const char *mark)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	if (!d)
		return 0;
	while ((e = readdir(d)))
		if (e->d_name[0] != '.' && strstr(e->d_name, mark))
			n++;
	closedir(d);
	return n;
}

/* Buses whose disks appear from a work queue after the driver loaded, so
 * that finit_module does not wait for them: usb-storage waits (delay_use,
 * 1 s) before it scans a stick; a SAS HBA's firmware reports its end
 * devices in events (mptsas); Hyper-V and Xen disks come through their
 * host's channel. */
static int slow_bus(void)
{
	return count("/sys/bus/usb/drivers/usb-storage", ":") ||
	       count("/sys/class/sas_host", "") ||
	       count("/sys/bus/vmbus/devices", "") ||
	       count("/sys/bus/xen/devices", "");
}

/* An NVMe controller finds its namespaces in a work queue after probing,
 * so its disks come later than its driver: wait while one is not live. */
static int nvme_pending(void)
{
	DIR *d = opendir("/sys/class/nvme");
	struct dirent *e;
	int n = 0;

	if (!d)
		return 0;
	while ((e = readdir(d))) {
		char p[300], st[32] = "";
		int fd;
		if (e->d_name[0] == '.')
			continue;
		snprintf(p, sizeof p, "/sys/class/nvme/%s/state", e->d_name);
		if ((fd = open(p, O_RDONLY)) < 0)
			continue;
		if (read(fd, st, sizeof st - 1) < 0)
			st[0] = 0;
		close(fd);
		if (!strncmp(st, "new", 3) || !strncmp(st, "connecting", 10) ||
		    !strncmp(st, "resetting", 9))
			n++;
	}
	closedir(d);
	return n;
}

/* Load drivers until devices and disks stop appearing, and never longer
 * than diskmedic.settle= seconds (10 by default), so a broken controller
 * cannot hang the boot.  finit_module returns only after the asynchronous
 * work the module's init started (ATA port probes, SCSI scans, disk
 * probes), so a short quiet time suffices, except for the slow buses
 * (above) and NVMe. */
void coldplug_settle(void)
{
	double start = now(), last = start;
	double max = atof(cmdline_get("diskmedic.settle", "10"));
	unsigned long h = blocks(), h2;
	int debug = cmdline_get("diskmedic.debug", 0) != 0;

	for (;;) {
		double quiet = slow_bus() ? 2.0 : 0.3;
		int n = coldplug_pass();
		h2 = blocks();
		if (debug)
			say("coldplug: %.2f s: %d modules loaded, disks %s", now() - start,
			    n, h2 != h ? "changed" : "same");
		if (n > 0 || h2 != h)
			last = now();
		h = h2;
		if (nvme_pending())
			last = now();
		if (now() - last >= quiet || now() - start >= max)
			break;
		sleep_ms(100);
	}
}
