/* One scan of one target: the pipeline every command that scans runs, in one
 * place. probe the disk model -> the BIOS geometry in force (--bios) -> the
 * controller Windows must boot from -> the checks and the evidence rules ->
 * the findings in report order, with this scan's read errors kept on the
 * model. */
#ifndef DM_SCAN_H
#define DM_SCAN_H
#include "../io/dev.h"
#include "../probe/disk.h"
#include <stddef.h>

struct scan_opts {
	const char *bios;	/* --bios: auto, none, qemu or H/S (geom/bios.h) */
	const char *sysroot;	/* where /sys and /proc are: "" for this system */
};

/* The model of the disk behind dev, checked; NULL with why set when it cannot
 * be probed. The device's read-error count starts again at zero. */
struct disk *scan_disk(struct dev *dev, const struct scan_opts *o, char *why, size_t whylen);

/* Open, then scan_disk. On an operational error NULL with why set and *devp
 * NULL; the caller owns both results (scan_free, dev_close). */
struct disk *scan_open(const char *path, int mode, const struct scan_opts *o, struct dev **devp,
		       char *why, size_t whylen);
#endif
