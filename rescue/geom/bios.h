#ifndef DM_BIOS_H
#define DM_BIOS_H
#include <stdint.h>
#include "geometry.h"
/* The geometry in force for a disk whose first sector is sec0 (its MBR m,
 * parsed) and whose size is size bytes. mode: auto | none | qemu | H/S.
 * sysroot: "" normally, a fake root in tests (environment DISKMEDIC_SYSROOT).
 * Fills g (the disk model's bios); source GEOM_NONE = skip. */
void bios_select(struct geometry *g, const uint8_t *sec0, uint64_t size, const struct mbr *m, const char *mode,
		 const char *sysroot);
int bios_mode_valid(const char *mode);
#endif
