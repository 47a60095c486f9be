/* Is a target in use by the running system? A disk counts as mounted when it
 * or any of its partitions appears in /proc/self/mountinfo or /proc/swaps;
 * an image file counts when a loop device backed by it is. */
#define _GNU_SOURCE
#include "dev.h"
#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

/* Collect dev_t of a whole disk and its partitions from /sys/dev/block. */
static int collect_devs(dev_t disk, dev_t *out, int max)
{
	int n = 0;
	out[n++] = disk;
	char dir[PATH_MAX];
	snprintf(dir, sizeof dir, "/sys/dev/block/%u:%u", major(disk), minor(disk));
	DIR *dp = opendir(dir);
	if (!dp) return n;
	struct dirent *e;
	while ((e = readdir(dp)) && n < max) {
		char p[PATH_MAX + 300];
		unsigned ma, mi;
		snprintf(p, sizeof p, "%s/%s/dev", dir, e->d_name);
		FILE *f = fopen(p, "r");
		if (!f) continue;
		if (fscanf(f, "%u:%u", &ma, &mi) == 2) out[n++] = makedev(ma, mi);
		fclose(f);
	}
	closedir(dp);
	return n;
}

static int in_mountinfo(const dev_t *devs, int n, char *why, size_t whylen, const char *path)
{
	FILE *f = fopen("/proc/self/mountinfo", "r");
	if (!f) return 0;
	char line[4096];
	int hit = 0;
	while (!hit && fgets(line, sizeof line, f)) {
		unsigned ma, mi;
		char mnt[2048];
		if (sscanf(line, "%*s %*s %u:%u %*s %2047s", &ma, &mi, mnt) != 3) continue;
		for (int i = 0; i < n; i++)
			if (devs[i] == makedev(ma, mi)) {
				snprintf(why, whylen, "%s: refusing to write: %s is mounted at %s", path,
					 i ? "a partition of it" : "it", mnt);
				hit = 1;
				break;
			}
	}
	fclose(f);
	return hit;
}

static int in_swaps(const dev_t *devs, int n, char *why, size_t whylen, const char *path)
{
	FILE *f = fopen("/proc/swaps", "r");
	if (!f) return 0;
	char line[4096], name[4096];
	int hit = 0;
	while (!hit && fgets(line, sizeof line, f)) {
		struct stat st;
		if (sscanf(line, "%4095s", name) != 1 || stat(name, &st) != 0 || !S_ISBLK(st.st_mode)) continue;
		for (int i = 0; i < n; i++)
			if (devs[i] == st.st_rdev) {
				snprintf(why, whylen, "%s: refusing to write: it holds active swap (%s)", path, name);
				hit = 1;
			}
	}
	fclose(f);
	return hit;
}

static int disk_in_use(dev_t disk, char *why, size_t whylen, const char *path)
{
	dev_t devs[512];
	int n = collect_devs(disk, devs, 512);
	return in_mountinfo(devs, n, why, whylen, path) || in_swaps(devs, n, why, whylen, path);
}

/* For an image file: any loop device whose backing file is this file. */
static int image_in_use(const struct stat *img, char *why, size_t whylen, const char *path)
{
	DIR *dp = opendir("/sys/block");
	if (!dp) return 0;
	struct dirent *e;
	int hit = 0;
	while (!hit && (e = readdir(dp))) {
		if (strncmp(e->d_name, "loop", 4) != 0) continue;
		char p[PATH_MAX], back[PATH_MAX];
		snprintf(p, sizeof p, "/sys/block/%s/loop/backing_file", e->d_name);
		FILE *f = fopen(p, "r");
		if (!f) continue;
		struct stat st;
		int ok = fgets(back, sizeof back, f) != NULL;
		fclose(f);
		if (!ok) continue;
		back[strcspn(back, "\n")] = 0;
		if (stat(back, &st) != 0 || st.st_dev != img->st_dev || st.st_ino != img->st_ino) continue;
		snprintf(p, sizeof p, "/sys/block/%s/dev", e->d_name);
		f = fopen(p, "r");
		unsigned ma, mi;
		if (f && fscanf(f, "%u:%u", &ma, &mi) == 2 && disk_in_use(makedev(ma, mi), why, whylen, path)) {
			size_t l = strlen(why);
			snprintf(why + l, whylen - l, " (through /dev/%s)", e->d_name);
			hit = 1;
		}
		if (f) fclose(f);
	}
	closedir(dp);
	return hit;
}

int dev_is_mounted(const char *path, char *why, size_t whylen)
{
	struct stat st;
	if (stat(path, &st) != 0) return 0;
	if (S_ISBLK(st.st_mode)) return disk_in_use(st.st_rdev, why, whylen, path);
	if (S_ISREG(st.st_mode)) return image_in_use(&st, why, whylen, path);
	return 0;
}
