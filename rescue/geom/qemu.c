/* Predict the INT 13h geometry that qemu's IDE disk plus SeaBIOS present.
 * Pure: first sector and size in, geometry out.
 *
 * The chain of decisions, as read in the sources (no code copied):
 *
 * 1. qemu hw/block/hd-geometry.c, hd_geometry_guess(): picks the drive's
 *    "physical" CHS (what ATA IDENTIFY reports) and a BIOS translation mode.
 *    a. guess_disk_lchs(): if sector 0 ends in 55 AA, take the first of the
 *       four entries whose sector count and end head are both non-zero;
 *       heads = end head + 1, sectors = end sector & 63 (skip the entry if
 *       that is 0); cylinders = disk sectors / (heads * sectors), and the
 *       entry is accepted only if that is 1..16383.
 *    b. No guess: guess_chs_for_size(): 16 heads, 63 sectors, cylinders =
 *       disk sectors / 1008 clamped to 2..16383; translation from
 *       hd_bios_chs_auto_trans(): NONE if cylinders <= 1024 (and heads <= 16,
 *       sectors <= 63, always true here), otherwise LBA.
 *    c. Guess with heads > 16 (a BIOS translated the disk that partitioned
 *       it): physical CHS again from guess_chs_for_size(), translation LARGE
 *       if cylinders * heads <= 131072, otherwise LBA.
 *    d. Guess with heads <= 16: the guess becomes the physical CHS,
 *       translation NONE.
 * 2. qemu hw/i386/pc.c passes the translation to the BIOS in CMOS byte 0x39
 *    (two bits per IDE drive, qemu's mode minus one: 0 none, 1 LBA, 2 LARGE).
 * 3. SeaBIOS src/block.c: get_translation() reads that CMOS value for ATA
 *    drives under qemu, and setup_translation() derives the logical CHS that
 *    INT 13h reports from the physical one:
 *    - NONE: unchanged.
 *    - LBA: 63 sectors; if the disk has more than 63*255*1024 sectors, 255
 *      heads; otherwise heads = (sectors / 63) / 1024 rounded up to the next
 *      of 16, 32, 64, 128, 255.
 *    - LARGE: halve cylinders and double heads while cylinders > 1024,
 *      stopping once heads exceed 127.
 *    Cylinders are finally clipped to 1024; heads and sectors are what the
 *    NTFS/FAT boot code must agree with.
 * Result for the measured cases (qemu 7.2): a 2 GiB disk whose MBR says 255
 * heads -> 1c, 4161/16/63, LARGE -> 128/63; a 40 GiB one -> 1c, 16383/16/63,
 * 16383*16 > 131072 -> LBA -> more than 63*255*1024 sectors -> 255/63.
 *
 * Not modelled: -drive ...,cyls=/heads=/secs=/trans= overrides, and the
 * geometry probe that only succeeds on s390 DASDs. */
#include <stdio.h>
#include <string.h>
#include "geometry.h"
#include "../parse/le.h"

enum trans { T_NONE, T_LBA, T_LARGE };

/* Step 1a. Returns 0 with heads/secs set when the MBR implies a geometry. */
static int guess_lchs(const uint8_t *sec0, uint64_t nsect, unsigned *heads, unsigned *secs, int *slot)
{
	if (!sec0 || sec0[510] != 0x55 || sec0[511] != 0xAA)
		return -1;
	for (int i = 0; i < 4; i++) {
		const uint8_t *p = sec0 + 446 + 16 * i;
		uint8_t end_head = p[5];
		if (!le32(p + 12) || !end_head)
			continue;
		unsigned h = end_head + 1u, s = p[6] & 63u;
		if (!s)
			continue;
		uint64_t cyl = nsect / (h * s);
		if (cyl < 1 || cyl > 16383)
			continue;
		*heads = h;
		*secs = s;
		*slot = i + 1;
		return 0;
	}
	return -1;
}

/* Step 1b's size-based physical geometry: 16 heads, 63 sectors. */
static unsigned size_cyls(uint64_t nsect)
{
	uint64_t c = nsect / (16 * 63);
	return c > 16383 ? 16383 : c < 2 ? 2 : (unsigned)c;
}

int geom_predict_qemu(const uint8_t *sec0, uint64_t nsectors, struct geometry *g)
{
	unsigned lh = 0, ls = 0, pc, ph, ps;
	int slot = 0;
	enum trans tr;
	char why[64];

	memset(g, 0, sizeof *g);
	if (nsectors == 0) {
		snprintf(g->note, sizeof g->note, "qemu: empty disk");
		return -1;
	}
	if (guess_lchs(sec0, nsectors, &lh, &ls, &slot) < 0) {
		pc = size_cyls(nsectors), ph = 16, ps = 63;
		tr = pc <= 1024 ? T_NONE : T_LBA;
		snprintf(why, sizeof why, "MBR implies no geometry");
	} else if (lh > 16) {
		pc = size_cyls(nsectors), ph = 16, ps = 63;
		tr = (uint64_t)pc * ph <= 131072 ? T_LARGE : T_LBA;
		snprintf(why, sizeof why, "MBR entry %d implies %u/%u", slot, lh, ls);
	} else {
		pc = (unsigned)(nsectors / (lh * ls)), ph = lh, ps = ls;
		tr = T_NONE;
		snprintf(why, sizeof why, "MBR entry %d implies %u/%u", slot, lh, ls);
	}

	/* Step 3: SeaBIOS's logical geometry. */
	unsigned c = pc, h = ph, s = ps;
	const char *tname = "none";
	if (tr == T_LBA) {
		tname = "lba";
		s = 63;
		if (nsectors > 63ull * 255 * 1024) {
			h = 255;
			c = 1024;
		} else {
			unsigned q = (unsigned)(nsectors / 63), need = q / 1024;
			h = need > 128 ? 255 : need > 64 ? 128 : need > 32 ? 64 : need > 16 ? 32 : 16;
			c = q / h;
		}
	} else if (tr == T_LARGE) {
		tname = "large";
		while (c > 1024) {
			c >>= 1;
			h <<= 1;
			if (h > 127)
				break;
		}
	}
	if (c > 1024)
		c = 1024;

	g->source = GEOM_QEMU;
	g->heads = h;
	g->sectors = s;
	snprintf(g->note, sizeof g->note,
		 "qemu+SeaBIOS prediction: %s; IDE CHS %u/%u/%u, %s translation, INT 13h %u/%u/%u",
		 why, pc, ph, ps, tname, c, h, s);
	return 0;
}
