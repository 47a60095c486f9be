/* What the VBR checks build on a boot sector (vbr.h): its fields' changes
 * and its dump in a finding's detail. */
#include "vbr.h"
#include "../lib/hexdump.h"
#include "../lib/util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void vbr_fix_field(struct fix *x, struct disk *d, const struct vbr *v, unsigned off, const uint8_t *new_bytes,
		   unsigned n, const char *field)
{
	char what[96];
	snprintf(what, sizeof what, "%s boot sector: %s (0x%02X)", v->is_ntfs ? "NTFS" : "FAT", field, off);
	fix_change(x, v->p->start * d->ssz + off, v->pri + off, new_bytes, n, what);
	if (v->bak_ok) {
		snprintf(what, sizeof what, "backup %s boot sector: %s (0x%02X)", v->is_ntfs ? "NTFS" : "FAT", field,
			 off);
		fix_change(x, v->bak_lba * d->ssz + off, v->bak + off, new_bytes, n, what);
	}
}

void vbr_detail_dump(struct finding *f, const char *title, const uint8_t *sec)
{
	struct sb b = {0};
	sb_addf(&b, "%s:\n", title);
	hexdump_sb(&b, sec, 0x60, 0, NULL);
	finding_detail(f, "%s", b.s);
	sb_free(&b);
}
