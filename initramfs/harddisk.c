/* "Boot from first hard disk" chosen in the running menu.
 *
 * A running Linux cannot hand the machine back to the firmware's disk boot.
 * On UEFI it can ask for it: BootNext names the boot entry the firmware
 * takes on the next start, once.  We pick the first active entry in
 * BootOrder that is not the one we booted from and is not a CD, network
 * or built-in application, set BootNext to it and reboot.
 * A BIOS has no such variable; there we say what to do and reboot. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <unistd.h>
#include "init.h"

/* From <linux/fs.h>, which musl-gcc does not see. */
#define FS_IOC_GETFLAGS _IOR('f', 1, long)
#define FS_IOC_SETFLAGS _IOW('f', 2, long)
#define FS_IMMUTABLE_FL 0x10

#define EFIVARS "/sys/firmware/efi/efivars"
#define GLOBAL "8be4df61-93ca-11d2-aa0d-00e098032b8c"

/* Read an EFI variable's data (after its 4 attribute bytes). */
static int var_read(const char *name, unsigned char *buf, int size)
{
	unsigned char tmp[4096];
	char path[160];
	int fd, n;

	snprintf(path, sizeof path, EFIVARS "/%s-" GLOBAL, name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	n = read(fd, tmp, sizeof tmp);
	close(fd);
	if (n < 4)
		return -1;
	n -= 4;
	if (n > size)
		n = size;
	memcpy(buf, tmp + 4, n);
	return n;
}

static int bootnext_write(unsigned num)
{
	unsigned char v[6] = { 7, 0, 0, 0, num & 255, num >> 8 };	/* NV|BS|RT */
	const char *path = EFIVARS "/BootNext-" GLOBAL;
	int fd, flags, ok;

	/* efivarfs makes existing variables immutable against stray writes. */
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		if (ioctl(fd, FS_IOC_GETFLAGS, &flags) == 0) {
			flags &= ~FS_IMMUTABLE_FL;
			ioctl(fd, FS_IOC_SETFLAGS, &flags);
		}
		close(fd);
	}
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		return -1;
	ok = write(fd, v, sizeof v) == sizeof v;
	return close(fd) == 0 && ok ? 0 : -1;
}

/* Is this load option a disk we may hand over to?  desc gets its name. */
static int disk_entry(unsigned num, char *desc, size_t dsize)
{
	unsigned char b[4096], *p, *end;
	char name[16];
	int n, i, plen;

	snprintf(name, sizeof name, "Boot%04X", num);
	n = var_read(name, b, sizeof b);
	if (n < 8 || !(b[0] & 1))	/* LOAD_OPTION_ACTIVE */
		return 0;
	plen = b[4] | b[5] << 8;
	/* The description is UCS-2; keep its ASCII. */
	for (i = 6, n = 0; i + 1 < (int)sizeof b && (b[i] | b[i + 1]); i += 2)
		if (n + 1 < (int)dsize)
			desc[n++] = b[i + 1] || b[i] < 32 || b[i] > 126 ? '?' : b[i];
	desc[n] = 0;
	p = b + i + 2;
	end = p + plen;
	if (end > b + sizeof b)
		return 0;
	while (p + 4 <= end) {
		int type = p[0], sub = p[1], len = p[2] | p[3] << 8;
		if (type == 0x7f || len < 4)
			break;
		if ((type == 4 && sub == 2) ||		/* CD-ROM */
		    (type == 4 && (sub == 6 || sub == 7)) ||	/* firmware app */
		    (type == 3 && (sub == 11 || sub == 12 ||
				   sub == 13 || sub == 24)))	/* network */
			return 0;
		p += len;
	}
	return 1;
}

static void efi_bootnext(void)
{
	unsigned char order[512], cur[2];
	char desc[128];
	int n, i, have_cur;

	mkdir(EFIVARS, 0755);
	mod_load("efivarfs");
	if (mount("efivarfs", EFIVARS, "efivarfs", 0, 0) < 0 && errno != EBUSY) {
		say("diskmedic: cannot reach the UEFI variables: %s", strerror(errno));
		return;
	}
	have_cur = var_read("BootCurrent", cur, 2) == 2;
	n = var_read("BootOrder", order, sizeof order);
	for (i = 0; i + 1 < n; i += 2) {
		unsigned num = order[i] | order[i + 1] << 8;
		if (have_cur && num == (unsigned)(cur[0] | cur[1] << 8))
			continue;
		if (!disk_entry(num, desc, sizeof desc))
			continue;
		if (bootnext_write(num) < 0) {
			say("diskmedic: cannot set BootNext: %s", strerror(errno));
			return;
		}
		say("diskmedic: the firmware will start Boot%04X \"%s\" next. Restarting.",
		    num, desc);
		sleep_ms(1000);
		power_off(RB_AUTOBOOT);
	}
	say("diskmedic: the firmware lists no hard disk entry to boot.");
}

void harddisk_boot(void)
{
	struct stat st;
	int k;

	if (stat("/sys/firmware/efi", &st) == 0) {
		efi_bootnext();
		say("Press a key to return to the menu.");
		consoles_getkey(-1);
		return;
	}
	say("");
	say("This PC started diskmedic through its BIOS, which offers no way to");
	say("choose the next boot device from a running system.");
	say("To start the hard disk, restart and then remove the diskmedic medium");
	say("or choose \"Boot from first hard disk\" in the menu that appears.");
	say("Press r to restart now, any other key to return to the menu.");
	k = consoles_getkey(-1);
	if (k == 'r' || k == 'R' || k == '\r' || k == '\n')
		power_off(RB_AUTOBOOT);
}
