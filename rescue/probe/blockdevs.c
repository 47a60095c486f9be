/* The system's partitions, from /sys/class/block: where the menu's save step
 * may put the undo records (report/save.c). Never a partition of a disk being
 * repaired, never the boot medium; identified by libblkid (content.c). */
#include "blockdevs.h"
#include "content.h"
#include "../io/dev.h"
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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
