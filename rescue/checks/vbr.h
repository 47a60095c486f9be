/* The VBR checks' helpers over the probe's VBR reader (probe/vbr.h). */
#ifndef DM_CHECKS_VBR_H
#define DM_CHECKS_VBR_H
#include "finding.h"
#include "../probe/vbr.h"

/* Add a change of n bytes at field offset off of both boot sectors (when the
 * backup is usable), to new_bytes. Both copies change together. */
void vbr_fix_field(struct fix *x, struct disk *d, const struct vbr *v, unsigned off, const uint8_t *new_bytes,
		   unsigned n, const char *field);
/* Hex dump of a boot sector's first 0x60 bytes for the report. */
void vbr_detail_dump(struct finding *f, const char *title, const uint8_t *sec);
#endif
