/* Legacy BIOS disk geometry: where it comes from and what it is. */
#ifndef DM_GEOMETRY_H
#define DM_GEOMETRY_H
#include <stdint.h>
#include "../parse/mbr.h"

enum geom_source { GEOM_NONE, GEOM_EDD, GEOM_MBR_CHS, GEOM_QEMU, GEOM_USER };

struct geometry {
	enum geom_source source;
	unsigned heads, sectors;	/* sectors per track, 1..63 */
	char note[256];			/* why this source, or why others were not used */
};

const char *geom_source_name(enum geom_source s);	/* "edd", "mbr-chs", "qemu", "user" */

/* Pure: the geometry implied by the MBR entries' CHS tuples, as sfdisk guesses
 * it (the end CHS of entries ending on a cylinder boundary). 0 on success. */
int geom_from_mbr_chs(const struct mbr *m, struct geometry *g);

/* Pure: predict what qemu (hw/block/hd-geometry.c) with SeaBIOS presents for an
 * IDE disk of nsectors 512-byte sectors whose first sector is sec0. */
int geom_predict_qemu(const uint8_t *sec0, uint64_t nsectors, struct geometry *g);

/* Read /sys/firmware/edd (or root/sys/firmware/edd, for tests) and match by
 * MBR signature. 0 on a match; -1 with g->note saying why not. */
int geom_from_edd(const char *sysroot, uint32_t mbr_signature, struct geometry *g);

/* Parse "H/S" (e.g. "128/63"). 0 on success. */
int geom_parse_user(const char *s, struct geometry *g);

/* LBA -> CHS under g; returns -1 if beyond the 1024-cylinder limit (then c is 1023/H-1/S). */
int lba_to_chs(uint64_t lba, const struct geometry *g, struct chs *c);
#endif
