/* The menu's "save" step: undo records live on a RAM disk in the ISO and
 * vanish at reboot. Offer to copy them, with the text and JSON reports, to a
 * writable partition the user picks: never one on a disk being repaired,
 * never the boot medium, and never chosen silently. */
#include "cmd.h"
#include "save.h"
#include "../fix/undo_log.h"
#include "../probe/content.h"
#include "../lib/util.h"
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define SAVE_MNT "/run/diskmedic-save"

/* The parent disk of partition NAME in /sys/class/block, as /dev/DISK. */
static int parent_disk(const char *name, char *out, size_t outlen)
{
	char p[512];
	snprintf(p, sizeof p, "/sys/class/block/%s/..", name);
	char *rp = realpath(p, NULL);
	if (!rp) return -1;
	snprintf(out, outlen, "/dev/%s", strrchr(rp, '/') + 1);
	free(rp);
	return 0;
}

int save_find_label(const char *label, char part[64], char disk[64])
{
	DIR *dp = opendir("/sys/class/block");
	struct dirent *e;
	int found = 0;
	while (dp && !found && (e = readdir(dp))) {
		char p[512];
		snprintf(p, sizeof p, "/sys/class/block/%s/partition", e->d_name);
		if (access(p, F_OK) != 0 || parent_disk(e->d_name, disk, 64) != 0) continue;
		snprintf(part, 64, "/dev/%.58s", e->d_name);
		int fd = open(part, O_RDONLY | O_CLOEXEC);
		if (fd < 0) continue;
		off_t size = lseek(fd, 0, SEEK_END);
		struct content c;
		content_identify(fd, 0, size > 0 ? (uint64_t)size : 0, &c);
		close(fd);
		found = c.state == CONTENT_FOUND && !strcmp(c.label, label);
	}
	if (dp) closedir(dp);
	return found ? 0 : -1;
}

/* Partitions in /sys/class/block whose parent disk is not in `disks`. */
int save_candidates(char **disks, int ndisks, char out[][64], int max)
{
	int n = 0;
	DIR *dp = opendir("/sys/class/block");
	struct dirent *e;
	while (dp && (e = readdir(dp)) && n < max) {
		char p[512], parent[512];
		snprintf(p, sizeof p, "/sys/class/block/%s/partition", e->d_name);
		if (access(p, F_OK) != 0) continue;
		/* The parent disk is the directory above the partition's. */
		if (parent_disk(e->d_name, parent, sizeof parent) != 0) continue;
		int busy = dev_is_boot_medium(parent);
		for (int i = 0; i < ndisks && !busy; i++) busy = !strcmp(disks[i], parent);
		if (busy) continue;
		snprintf(out[n++], 64, "/dev/%.58s", e->d_name);
	}
	if (dp) closedir(dp);
	return n;
}

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
