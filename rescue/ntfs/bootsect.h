/* Compose an NTFS boot sector from evidence (probe/ntfs_evidence.h) for a volume
 * whose two boot sectors are both lost. */
#ifndef DM_NTFS_BOOTSECT_H
#define DM_NTFS_BOOTSECT_H
#include <stdint.h>
#include "../probe/ntfs_evidence.h"

struct rebuilt_boot {
	uint64_t total_sectors;	/* the partition's sectors minus the backup's */
	const char *serial_from;	/* "primary", "backup" or NULL (then 0) */
	const char *code_from;	/* the same for the boot code */
	uint64_t serial;
};

/* 0 when sec is an NTFS boot sector whose sector count libntfs-3g cannot
 * take: it shifts the count by the sector size's bits in a signed 64-bit
 * integer (bootsect.c), undefined behaviour for a count past 2^51. The fuzz
 * target found it; such a boot sector is never handed to the library. */
int nt_boot_count_sane(const uint8_t *sec);

/* Write the new sector (d->ssz bytes) into out. old_pri/old_bak are what the
 * two locations hold now (old_bak may be NULL): serial number and boot code
 * are kept from them where they survive, unlike TestDisk, which zeroes the
 * one and drops the other. 0, or -1 when the result does not parse. */
int nt_compose_boot(const struct disk *d, const struct part *p, const struct nt_evidence *ev,
		      const uint8_t *old_pri, const uint8_t *old_bak, uint8_t *out, struct rebuilt_boot *rb);
#endif
