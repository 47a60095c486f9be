/* The BIOS geometry as the firmware reported it, from the kernel's EDD
 * module: /sys/firmware/edd/int13_dev8N/ holds, per BIOS drive 0x8N,
 * mbr_signature (read by the kernel at boot through INT 13h),
 * legacy_max_head (heads - 1) and legacy_sectors_per_track (from INT 13h
 * AH=08h). A disk is matched by its MBR's NT disk signature. This does I/O,
 * unlike the parsers; it reads a few small files and nothing else. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "geometry.h"

/* Read one number from a sysfs file ("0x1a2b3c4d", "254"). -1 if missing
 * or not a number. */
static int read_num(const char *dir, const char *dev, const char *file, unsigned long *v)
{
	char path[512], buf[64];
	if ((size_t)snprintf(path, sizeof path, "%s/%s/%s", dir, dev, file) >= sizeof path)
		return -1;
	FILE *f = fopen(path, "r");
	if (!f)
		return -1;
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	char *end;
	errno = 0;
	*v = strtoul(buf, &end, 0);
	if (end == buf || errno || (*end && *end != '\n'))
		return -1;
	return 0;
}

int geom_from_edd(const char *sysroot, uint32_t sig, struct geometry *g)
{
	char dir[400];
	memset(g, 0, sizeof *g);
	if (sig == 0) {
		snprintf(g->note, sizeof g->note,
			 "edd: the MBR disk signature is 0, so EDD cannot tell this disk from others");
		return -1;
	}
	if ((size_t)snprintf(dir, sizeof dir, "%s/sys/firmware/edd", sysroot && *sysroot ? sysroot : "")
	    >= sizeof dir) {
		snprintf(g->note, sizeof g->note, "edd: sysroot path too long");
		return -1;
	}
	DIR *d = opendir(dir);
	if (!d) {
		snprintf(g->note, sizeof g->note,
			 "edd: no /sys/firmware/edd (edd module not loaded, or not booted by BIOS)");
		return -1;
	}

	int matches = 0, complete = 0;
	char first[32] = "", second[32] = "";
	unsigned long heads = 0, spt = 0;
	struct dirent *de;
	while ((de = readdir(d)) != NULL) {
		unsigned long v, mh, st;
		if (strncmp(de->d_name, "int13_dev8", 10) != 0)
			continue;
		if (read_num(dir, de->d_name, "mbr_signature", &v) < 0 || v != sig)
			continue;
		if (++matches == 1) {
			snprintf(first, sizeof first, "%.31s", de->d_name);
			/* The kernel only fills geometry for the first few drives. */
			if (read_num(dir, de->d_name, "legacy_max_head", &mh) == 0 &&
			    read_num(dir, de->d_name, "legacy_sectors_per_track", &st) == 0 &&
			    mh <= 255 && st >= 1 && st <= 63) {
				complete = 1;
				heads = mh + 1;
				spt = st;
			}
		} else if (matches == 2) {
			snprintf(second, sizeof second, "%.31s", de->d_name);
		}
	}
	closedir(d);

	if (matches == 0) {
		snprintf(g->note, sizeof g->note, "edd: no BIOS drive has MBR signature 0x%08x", sig);
		return -1;
	}
	if (matches > 1) {
		snprintf(g->note, sizeof g->note,
			 "edd: MBR signature 0x%08x is shared by %d BIOS drives (%s, %s...); cannot tell which",
			 sig, matches, first, second);
		return -1;
	}
	if (!complete) {
		snprintf(g->note, sizeof g->note,
			 "edd: %s matches signature 0x%08x but has no usable legacy geometry", first, sig);
		return -1;
	}
	g->source = GEOM_EDD;
	g->heads = (unsigned)heads;
	g->sectors = (unsigned)spt;
	snprintf(g->note, sizeof g->note, "edd: BIOS drive %s has MBR signature 0x%08x", first, sig);
	return 0;
}
