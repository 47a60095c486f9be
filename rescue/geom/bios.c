/* Choose the BIOS geometry in force for a disk, per --bios (CONTRACT.md). */
#include "bios.h"
#include <stdio.h>
#include <string.h>

int bios_mode_valid(const char *mode)
{
	struct geometry g;
	return !strcmp(mode, "auto") || !strcmp(mode, "none") || !strcmp(mode, "qemu") ||
	       geom_parse_user(mode, &g) == 0;
}

void bios_select(struct geometry *g, const uint8_t *sec0, uint64_t size, const struct mbr *m, const char *mode,
		 const char *sysroot)
{
	memset(g, 0, sizeof *g);
	if (!strcmp(mode, "none")) {
		snprintf(g->note, sizeof g->note, "geometry checks skipped (--bios none)");
		return;
	}
	if (!strcmp(mode, "qemu")) {
		if (geom_predict_qemu(sec0, size / 512, g) != 0) g->source = GEOM_NONE;
		else g->source = GEOM_QEMU;
		return;
	}
	if (strcmp(mode, "auto") != 0) {
		geom_parse_user(mode, g);
		g->source = GEOM_USER;
		return;
	}
	char edd_note[256] = "";
	if (m->has_signature) {
		if (geom_from_edd(sysroot, m->disk_signature, g) == 0) {
			g->source = GEOM_EDD;
			return;
		}
		memcpy(edd_note, g->note, sizeof edd_note);
	} else {
		snprintf(edd_note, sizeof edd_note, "no MBR signature to match against EDD");
	}
	memset(g, 0, sizeof *g);
	if (geom_from_mbr_chs(m, g) == 0) {
		g->source = GEOM_MBR_CHS;
		snprintf(g->note, sizeof g->note, "EDD: %.180s; using the MBR's CHS entries", edd_note);
		return;
	}
	memset(g, 0, sizeof *g);
	snprintf(g->note, sizeof g->note, "EDD: %.160s; the MBR's CHS entries imply no geometry; geometry checks skipped",
		 edd_note);
}
