/* Windows installations on NTFS volumes, as their SYSTEM hive tells: the
 * current control set, the generation (how the hive disables boot drivers)
 * and, for each storage controller class, whether its boot driver is ready,
 * disabled or not installed (docs/windows.md). Probed once per partition,
 * on demand (windows_get), kept in the disk model for the checks and the
 * reports; the hive itself is read through libntfs-3g, read-only. */
#ifndef DM_WINDOWS_H
#define DM_WINDOWS_H
#include <stddef.h>
#include <stdint.h>
#include "../probe/disk.h"

#define WIN_HIVE_MAX (256u << 20)	/* a larger SYSTEM file is refused, not read */
#define WIN_MAX_ALTS 4

enum drv_state { DRV_NOT_INSTALLED, DRV_DISABLED, DRV_READY };

/* One controller class: groups of services that must all be ready; within a
 * group any one alternative will do (ide: intelide or pciide, plus atapi). */
struct ctl_class {
	const char *name;		/* --controller NAME, and the boot_drivers key */
	const char *groups[2][WIN_MAX_ALTS];
	const char *needs;		/* what to install when nothing is there */
};
extern const struct ctl_class ctl_classes[];
extern const int n_ctl_classes;
const struct ctl_class *ctl_class_find(const char *name);

/* What the hive says about one service. */
struct win_svc {
	char name[32];		/* as the table names it */
	int exists;		/* Services\NAME is a key */
	int file;		/* its driver file is under System32\drivers */
	char file_name[64];	/* the file looked for (ImagePath's last part) */
	int64_t start;		/* Start, or -1 */
	int64_t override;	/* StartOverride "0", or -1 */
	int cddb_missing;	/* legacy: a CriticalDeviceDatabase entry it needs is absent */
	enum drv_state state;
};

enum win_gen { WIN_GEN_UNKNOWN, WIN_GEN_LEGACY, WIN_GEN_8 };

/* A MountedDevices value of an MBR volume: 12 bytes, the disk signature and
 * the partition's byte offset. */
struct win_mount {
	char name[64];		/* "\DosDevices\C:", "\??\Volume{...}" */
	uint32_t sig;
	uint64_t off;
};
#define WIN_MAX_MOUNTS 64

struct win_install {
	int found;		/* \Windows\System32\config\SYSTEM exists */
	int readable;		/* and hivex read it; else why */
	char why[256];
	char path[96];		/* the SYSTEM file's path as found on the volume */
	uint64_t inode;		/* its MFT reference */
	uint8_t *hive;		/* its bytes (len) */
	size_t len;
	uint32_t seq1, seq2;	/* base block sequence numbers */
	int dirty;		/* seq1 != seq2: changes only in the logs */
	int log1, log2;		/* SYSTEM.LOG1/.LOG2 exist */
	int current;		/* Select\Current */
	char ccs[16];		/* "ControlSet001" */
	enum win_gen gen;
	char version[64];	/* what the SYSTEM hive tells */
	int nsvc;
	struct win_svc *svc;
	enum drv_state cls[16];	/* per ctl_classes[] entry */
	int nmounts;
	struct win_mount mounts[WIN_MAX_MOUNTS];
	/* The signature MountedDevices gives the disk holding this volume (the
	 * entries whose offset is this partition's), when they agree. */
	int own_sig_known;
	uint32_t own_sig;
	int own_sig_entries;
};

/* The installation on p, probing it on first use (NULL when p is no NTFS
 * volume libntfs-3g may read). Owned by p, freed by windows_free. */
const struct win_install *windows_get(struct disk *d, struct part *p);
void windows_free(struct win_install *w);
/* What the hive in w->hive says (w->readable, or w->why): drivers are the
 * lower-cased names in System32\drivers, self the partition's byte offset
 * (for MountedDevices). Pure: the fuzzer calls it on any bytes. */
void windows_read_hive(struct win_install *w, char **drivers, uint64_t self);
const char *drv_state_name(enum drv_state s);
const struct win_svc *win_svc_find(const struct win_install *w, const char *name);
/* The class's state from its services' (the worst group's best alternative). */
enum drv_state win_class_state(const struct win_install *w, const struct ctl_class *c);
/* Group g's service to enable (installed, table order; legacy IDE prefers pciide). */
const struct win_svc *win_group_pick(const struct win_install *w, const struct ctl_class *c, int g);

/* --controller: auto (default, from sysfs), or a class name. */
extern const char *opt_controller;
int set_controller_option(const char *arg);
/* The class the disk will boot from, or NULL (auto on an image file, or a
 * driver diskmedic does not know); *source says "user" or "sysfs:DRIVER". */
const struct ctl_class *controller_for(const struct disk *d, char *source, size_t n);
/* The class of the first known host driver above $DISKMEDIC_SYSROOT/sys/block/NAME/device. */
const struct ctl_class *controller_of_block(const char *name, char *source, size_t n);

/* Windows 7 and older: the CriticalDeviceDatabase entries (KB314082's)
 * that bind a controller to a service at boot, hdc class. */
struct cddb_rule {
	const char *service;
	const char *key;	/* under Control\CriticalDeviceDatabase */
};
extern const struct cddb_rule cddb_rules[];
#define HDC_CLASS_GUID "{4D36E96A-E325-11CE-BFC1-08002BE10318}"

#endif
