/* The evidence rules (docs/checks.md), in one place. A check proposes a fix
 * and says what it rests on; rules_judge decides whether it is safe, that
 * is, applied by `fix` without --only and by the ISO's autofix. A fix is
 * safe only when all of these hold:
 *  (a) every byte it changes lies in content identified as diskmedic's to
 *      change (NTFS, FAT, or nothing libblkid names), never in content
 *      libblkid named as something else, encrypted or ambiguous;
 *  (b) a geometry it applies was measured (EDD, --bios H/S, the qemu model),
 *      not read back from the MBR's CHS entries;
 *  (c) the boot code that reads the field it changes is known to use it;
 *  (d) it throws away nothing the volume's own system would still use. */
#ifndef DM_RULES_H
#define DM_RULES_H
#include "../probe/disk.h"
#include "plan.h"

enum {
	RESTS_GEOMETRY = 1 << 0,	/* (b): it writes what the BIOS geometry implies */
	RESTS_BOOT_CODE = 1 << 1,	/* (c): it matters only to boot code that reads the field */
	DISCARDS_OS_STATE = 1 << 2,	/* (d): it throws away state the volume's system would use */
};

/* (b): EDD, the user's --bios H/S, or the qemu model; never mbr-chs. */
int geometry_measured(const struct disk *d);
/* (a): a partition whose live content is not NTFS or FAT (libblkid named
 * something else), or that carries contradicting signatures. */
int part_is_foreign(const struct part *p);
/* (a): the partition index of the first change of x inside a partition whose
 * content is not diskmedic's to change, or -1 when there is none. */
int rules_foreign_change(const struct disk *d, const struct fix *x);
/* 1 when x may stay safe: (a)-(d) all hold. run_checks (checks/registry.c)
 * asks this of every fix of every finding. */
int rules_safe(const struct disk *d, const struct fix *x);
#endif
