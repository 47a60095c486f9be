/* Find the medium diskmedic booted from, so the scan leaves it alone.
 *
 * Whether it is a CD (sr0) or the hybrid image dd'ed to a USB stick (sdb),
 * the whole device starts with the ISO: its ISO9660 primary volume
 * descriptor, at byte 32768, carries our volume id. */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "init.h"

#define VOLID "DISKMEDIC"

static int has_volid(const char *name)
{
	unsigned char pvd[2048];
	char path[300];
	int fd, ok;

	snprintf(path, sizeof path, "/dev/%s", name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	ok = pread(fd, pvd, sizeof pvd, 16 * 2048) == sizeof pvd &&
	     pvd[0] == 1 && !memcmp(pvd + 1, "CD001", 5) &&
	     !memcmp(pvd + 40, VOLID, sizeof VOLID - 1) &&
	     pvd[40 + sizeof VOLID - 1] == ' ';
	close(fd);
	return ok;
}

const char *bootdev_find(void)
{
	static char found[256];
	DIR *d = opendir("/sys/block");
	struct dirent *e;

	if (!d)
		return 0;
	found[0] = 0;
	while ((e = readdir(d))) {
		const char *n = e->d_name;
		if (n[0] == '.' || !strncmp(n, "loop", 4) ||
		    !strncmp(n, "ram", 3) || !strncmp(n, "zram", 4))
			continue;
		if (has_volid(n)) {
			snprintf(found, sizeof found, "%s", n);
			break;
		}
	}
	closedir(d);
	return found[0] ? found : 0;
}
