#ifndef DM_BIOS_H
#define DM_BIOS_H
#include "disk.h"
/* mode: auto | none | qemu | H/S. sysroot: "" normally, a fake root in tests
 * (environment DISKMEDIC_SYSROOT). Sets d->bios; source GEOM_NONE = skip. */
void bios_select(struct disk *d, const char *mode, const char *sysroot);
int bios_mode_valid(const char *mode);
#endif
