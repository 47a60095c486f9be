/* Geometry basics shared by every source: names, the user's "H/S", and
 * LBA -> CHS under a geometry. */
#include <stdio.h>
#include <string.h>
#include "geometry.h"

const char *geom_source_name(enum geom_source s)
{
	switch (s) {
	case GEOM_EDD: return "edd";
	case GEOM_MBR_CHS: return "mbr-chs";
	case GEOM_QEMU: return "qemu";
	case GEOM_USER: return "user";
	case GEOM_NONE: break;
	}
	return "none";
}

/* Strict decimal: digits only, no sign, no spaces, at most 3 digits (so no
 * overflow is possible and "0128" style input is still accepted). */
static int parse_num(const char **s, unsigned *v)
{
	unsigned n = 0;
	int digits = 0;
	while (**s >= '0' && **s <= '9') {
		if (++digits > 3)
			return -1;
		n = n * 10 + (unsigned)(**s - '0');
		(*s)++;
	}
	if (!digits)
		return -1;
	*v = n;
	return 0;
}

int geom_parse_user(const char *s, struct geometry *g)
{
	unsigned h, spt;
	memset(g, 0, sizeof *g);
	if (!s || parse_num(&s, &h) || *s++ != '/' || parse_num(&s, &spt) || *s)
		return -1;
	/* The INT 13h CHS interface carries heads in 8 bits (0..254 as H-1, 255
	 * is an old DOS limit) and sectors in 6 bits (1..63). */
	if (h < 1 || h > 255 || spt < 1 || spt > 63)
		return -1;
	g->source = GEOM_USER;
	g->heads = h;
	g->sectors = spt;
	snprintf(g->note, sizeof g->note, "given as --bios %u/%u", h, spt);
	return 0;
}

int lba_to_chs(uint64_t lba, const struct geometry *g, struct chs *c)
{
	if (!g->heads || !g->sectors) {
		c->cyl = c->head = c->sect = 0;
		return -1;
	}
	uint64_t per_cyl = (uint64_t)g->heads * g->sectors;
	uint64_t cyl = lba / per_cyl, rem = lba % per_cyl;
	if (cyl > 1023) {
		/* The conventional "beyond CHS" tuple: the last addressable one. */
		c->cyl = 1023;
		c->head = g->heads - 1;
		c->sect = g->sectors;
		return -1;
	}
	c->cyl = (unsigned)cyl;
	c->head = (unsigned)(rem / g->sectors);
	c->sect = (unsigned)(rem % g->sectors) + 1;
	return 0;
}
