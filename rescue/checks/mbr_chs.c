/* mbr-chs-inconsistent: the CHS tuples of an MBR entry disagree with its LBA
 * fields under the geometry in force. Old MBR boot code (DOS, NT 4; NT
 * 2000/XP below cylinder 1024) loads the active partition's VBR from the
 * *start* tuple, so a wrong start tuple of the active entry breaks boot when
 * the MBR code is one that reads it, or one nobody identified (error, safe
 * fix). Anything else no boot code reads: an end tuple, an entry that is not
 * active, a disk whose MBR code is empty or reads by LBA (Vista and later,
 * syslinux, GRUB). That only confuses tools (info; the rewrite needs --only). */
#include "check.h"
#include "../fix/rules.h"
#include "../lib/util.h"
#include <stdio.h>

static int chs_equal(struct chs a, struct chs b) { return a.cyl == b.cyl && a.head == b.head && a.sect == b.sect; }

static void run(struct disk *d)
{
	if (d->table != TABLE_MBR || d->bios.source == GEOM_NONE) return;
	/* Geometry read back from these same tuples proves nothing about the
	 * ones that agree on it, but it does about a tuple the others out-voted
	 * (geom/mbrchs.c): that one is reported. Its fix rests on a majority of
	 * tuples, not on the BIOS, so it waits for the user's word (--only). */
	int from_tuples = d->bios.source == GEOM_MBR_CHS;
	for (int i = 0; i < 4; i++) {
		const struct mbr_entry *e = &d->mbr.e[i];
		if (!e->type || !e->sectors) continue;
		struct chs want_s, want_e;
		int over_s = lba_to_chs(e->lba_first, &d->bios, &want_s) < 0;
		int over_e = lba_to_chs((uint64_t)e->lba_first + e->sectors - 1, &d->bios, &want_e) < 0;
		/* Past the CHS limit any tuple with cylinder 1023 is the usual
		 * "use LBA" marker, whatever heads/sectors the tool wrote. */
		int bad_s = over_s ? e->chs_first.cyl != 1023 : !chs_equal(want_s, e->chs_first);
		int bad_e = over_e ? e->chs_last.cyl != 1023 : !chs_equal(want_e, e->chs_last);
		/* Sector 0: a tuple not filled in, which took no part in the vote. */
		if (from_tuples) {
			bad_s &= e->chs_first.sect != 0;
			bad_e &= e->chs_last.sect != 0;
		}
		if (!bad_s && !bad_e) continue;
		int read_at_boot = bad_s && e->status == 0x80 && d->mbr_code.chs_use != CHS_NEVER;
		struct finding *f = finding_new("mbr-chs-inconsistent", read_at_boot ? SEV_ERROR : SEV_INFO, i + 1,
						"entry %d's %s CHS %u/%u/%u disagrees with its LBA under %u/%u geometry (%s); expected %u/%u/%u",
						i + 1, bad_s ? "start" : "end", bad_s ? e->chs_first.cyl : e->chs_last.cyl,
						bad_s ? e->chs_first.head : e->chs_last.head,
						bad_s ? e->chs_first.sect : e->chs_last.sect, d->bios.heads, d->bios.sectors,
						geom_source_name(d->bios.source), bad_s ? want_s.cyl : want_e.cyl,
						bad_s ? want_s.head : want_e.head, bad_s ? want_s.sect : want_e.sect);
		ev_str(f, "start_chs", "%u/%u/%u", e->chs_first.cyl, e->chs_first.head, e->chs_first.sect);
		ev_str(f, "expected_start_chs", "%u/%u/%u", want_s.cyl, want_s.head, want_s.sect);
		ev_str(f, "end_chs", "%u/%u/%u", e->chs_last.cyl, e->chs_last.head, e->chs_last.sect);
		ev_str(f, "expected_end_chs", "%u/%u/%u", want_e.cyl, want_e.head, want_e.sect);
		ev_num(f, "start_lba", e->lba_first);
		ev_num(f, "sectors", e->sectors);
		ev_str(f, "bios_source", "%s", geom_source_name(d->bios.source));
		ev_str(f, "active", "%s", e->status == 0x80 ? "yes" : "no");
		ev_str(f, "mbr_boot_code", "%s", bootcode_kind_name(d->mbr_code.kind));
		ev_str(f, "mbr_boot_code_reads_chs", "%s", bootcode_chs_name(d->mbr_code.chs_use));
		/* Under an mbr-chs geometry the fix rests on a majority of the
		 * tuples, not on the BIOS: offered, never applied without --only. */
		struct fix *x = fix_add(f, "mbr-chs-inconsistent/rewrite-chs", 1,
					"rewrite entry %d's CHS tuples for %u/%u geometry%s", i + 1, d->bios.heads,
					d->bios.sectors,
					from_tuples ? " (the geometry the other CHS tuples agree on; not applied "
						      "without --only)" : "");
		x->rests = RESTS_GEOMETRY | RESTS_BOOT_CODE;	/* rules (b), (c) */
		x->code_reads = read_at_boot;
		uint8_t nb[3];
		char what[64];
		uint64_t off = MBR_TABLE_OFF + 16 * i;
		if (bad_s) {
			chs_encode(want_s, nb);
			snprintf(what, sizeof what, "MBR entry %d start CHS", i + 1);
			fix_change(x, off + 1, d->sec0 + off + 1, nb, 3, what);
		}
		if (bad_e) {
			chs_encode(want_e, nb);
			snprintf(what, sizeof what, "MBR entry %d end CHS", i + 1);
			fix_change(x, off + 5, d->sec0 + off + 5, nb, 3, what);
		}
		disk_add_finding(d, f);
	}
}

const struct check check_mbr_chs = {
	.name = "mbr-chs",
	.looks_at = "the CHS tuples of the four MBR entries, against their LBA fields and the BIOS geometry",
	.codes = "mbr-chs-inconsistent",
	.run = run,
};
