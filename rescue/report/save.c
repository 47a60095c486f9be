/* The menu's "save" step: undo records live on a RAM disk in the ISO and
 * vanish at reboot. Copy them, with the text and JSON reports, to a writable
 * partition the user picked (probe/blockdevs.c lists them): never one on a
 * disk being repaired, never the boot medium, and never chosen silently.
 * Writes files on that partition only; reads no target. */
#include "save.h"
#include "../fix/undo_log.h"
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define SAVE_MNT "/run/diskmedic-save"

int count_undo_records(const char *dir)
{
	DIR *dp = opendir(dir);
	struct dirent *e;
	int n = 0;
	while (dp && (e = readdir(dp))) n += undo_record_name(e->d_name);
	if (dp) closedir(dp);
	return n;
}

static int copy_file(const char *from, const char *to)
{
	int in = open(from, O_RDONLY | O_CLOEXEC), out = -1, ok = 0;
	if (in >= 0) out = open(to, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (out >= 0) {
		char buf[65536];
		ssize_t r;
		ok = 1;
		while ((r = read(in, buf, sizeof buf)) > 0)
			if (write(out, buf, (size_t)r) != r) ok = 0;
		if (r < 0 || fsync(out) != 0) ok = 0;
		close(out);
	}
	if (in >= 0) close(in);
	return ok ? 0 : -1;
}

int save_to_dir(const char *dir, const char *undo_dir, const struct scan_result *r, char *why, size_t whylen)
{
	char sub[600], stamp[32];
	time_t now = time(NULL);
	strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", gmtime(&now));
	snprintf(sub, sizeof sub, "%s/diskmedic-%s", dir, stamp);
	if (mkdir(sub, 0700) != 0 && errno != EEXIST) {
		snprintf(why, whylen, "cannot create %s: %s", sub, strerror(errno));
		return -1;
	}
	int n = 0;
	DIR *dp = opendir(undo_dir);
	struct dirent *e;
	while (dp && (e = readdir(dp))) {
		if (!undo_record_name(e->d_name)) continue;
		char from[1024], to[1024];
		snprintf(from, sizeof from, "%s/%s", undo_dir, e->d_name);
		snprintf(to, sizeof to, "%s/%s", sub, e->d_name);
		if (copy_file(from, to) != 0) {
			snprintf(why, whylen, "cannot copy %s", from);
			closedir(dp);
			return -1;
		}
		n++;
	}
	if (dp) closedir(dp);
	char path[700];
	FILE *f;
	snprintf(path, sizeof path, "%s/report.txt", sub);
	if (!(f = fopen(path, "w"))) goto fail;
	report_text(f, r, 1);
	if (fclose(f) != 0) goto fail;
	snprintf(path, sizeof path, "%s/report.json", sub);
	if (!(f = fopen(path, "w"))) goto fail;
	report_json(f, r);
	if (fclose(f) != 0) goto fail;
	sync();
	snprintf(why, whylen, "saved %d undo record%s and the report in %s", n, n == 1 ? "" : "s", sub);
	return n;
fail:
	snprintf(why, whylen, "cannot write %s: %s", path, strerror(errno));
	return -1;
}

int save_to_partition(const char *part, const char *undo_dir, const struct scan_result *r, char *why,
		      size_t whylen)
{
	static const char *const types[] = {"vfat", "ext4", "exfat", NULL};
	mkdir(SAVE_MNT, 0700);
	int mounted = 0;
	for (int i = 0; types[i] && !mounted; i++) mounted = mount(part, SAVE_MNT, types[i], 0, NULL) == 0;
	if (!mounted) {
		snprintf(why, whylen, "cannot mount %s (FAT, ext4 or exFAT): %s", part, strerror(errno));
		return -1;
	}
	int n = save_to_dir(SAVE_MNT, undo_dir, r, why, whylen);
	if (umount(SAVE_MNT) != 0 && n >= 0) {
		size_t l = strlen(why);
		snprintf(why + l, whylen - l, " (unmount failed: %s; do not unplug yet)", strerror(errno));
	}
	return n;
}
