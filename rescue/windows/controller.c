/* Which controller the disk will boot from (--controller, CONTRACT.md):
 * named by the user, or, with auto, the driver Linux bound to the disk's
 * host adapter, found by walking up the disk's sysfs device path (the first
 * driver on the way that is a storage host driver diskmedic knows). An
 * image file sits on no controller: auto then knows none. */
#include "windows.h"
#include "../lib/util.h"
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *opt_controller = "auto";

static const struct {
	const char *driver, *cls;
} host_drivers[] = {
	{"ata_piix", "ide"},	  {"pata_oldpiix", "ide"},   {"ata_generic", "ide"},	 {"pata_acpi", "ide"},
	{"ahci", "ahci"},	  {"nvme", "nvme"},	     {"virtio_blk", "virtio-blk"}, {"virtio_scsi", "virtio-scsi"},
	{"mptsas", "lsi-sas"},	  {"mpt3sas", "lsi-sas"},    {"mptspi", "lsi-scsi"},	 {"sym53c8xx", "lsi-scsi"},
	{"vmw_pvscsi", "pvscsi"}, {"megaraid_sas", "megasas"}, {"hv_storvsc", "hyper-v"},
};

int set_controller_option(const char *arg)
{
	if (strcmp(arg, "auto") && !ctl_class_find(arg)) {
		struct sb b = {0};
		for (int i = 0; i < n_ctl_classes; i++) sb_addf(&b, "%s%s", i ? ", " : "", ctl_classes[i].name);
		msg("--controller: '%s' is not auto or one of %s", arg, b.s);
		sb_free(&b);
		return -1;
	}
	opt_controller = arg;
	return 0;
}

static const char *sysroot(void)
{
	const char *s = getenv("DISKMEDIC_SYSROOT");
	return s ? s : "";
}

const struct ctl_class *controller_of_block(const char *name, char *source, size_t n)
{
	char link[PATH_MAX], real[PATH_MAX];
	snprintf(link, sizeof link, "%s/sys/block/%s/device", sysroot(), name);
	if (!realpath(link, real)) return NULL;
	for (int depth = 0; depth < 32; depth++) {
		char drv[PATH_MAX + 16], target[PATH_MAX];
		snprintf(drv, sizeof drv, "%s/driver", real);
		ssize_t k = readlink(drv, target, sizeof target - 1);
		if (k > 0) {
			target[k] = 0;
			const char *base = strrchr(target, '/');
			base = base ? base + 1 : target;
			for (size_t i = 0; i < sizeof host_drivers / sizeof host_drivers[0]; i++)
				if (!strcmp(base, host_drivers[i].driver)) {
					snprintf(source, n, "sysfs:%s", base);
					return ctl_class_find(host_drivers[i].cls);
				}
		}
		char *slash = strrchr(real, '/');
		if (!slash || slash == real) break;
		*slash = 0;
	}
	return NULL;
}

const struct ctl_class *controller_for(const struct disk *d, char *source, size_t n)
{
	if (strcmp(opt_controller, "auto")) {
		snprintf(source, n, "user");
		return ctl_class_find(opt_controller);
	}
	struct stat st;
	if (!d->path || stat(d->path, &st) != 0 || !S_ISBLK(st.st_mode)) {
		snprintf(source, n, "none: an image file is on no controller");
		return NULL;
	}
	char real[PATH_MAX];
	const char *name = realpath(d->path, real) ? strrchr(real, '/') + 1 : NULL;
	const struct ctl_class *c = name ? controller_of_block(name, source, n) : NULL;
	if (!c) snprintf(source, n, "none: no known host driver in sysfs");
	return c;
}
