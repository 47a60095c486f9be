/* vbr-geometry-mismatch: the BPB's heads / sectors per track differ from the
 * geometry the BIOS presents. Boot code that reads by CHS (NT4, XP below the
 * CHS limit) computes wrong addresses and stops with "A disk read error
 * occurred" (seed 000). */
#include "check.h"
#include "vbr.h"
#include "../fix/rules.h"
#include "../lib/util.h"
#include "../parse/le.h"
#include <stdio.h>

static enum severity severity_for(const struct disk *d, const struct vbr *v)
{
	switch (v->bc.chs_use) {
	case CHS_ALWAYS: return SEV_ERROR;
	case CHS_BELOW_LIMIT: {
		uint64_t limit = 1024ull * d->bios.heads * d->bios.sectors;
		return v->p->start < limit ? SEV_ERROR : SEV_WARNING;
	}
	case CHS_UNKNOWN: return SEV_WARNING;
	case CHS_NEVER: break;
	}
	return v->bc.kind == BOOTCODE_EMPTY || v->bc.kind == BOOTCODE_NONBOOT ? SEV_INFO : SEV_WARNING;
}

static const char how_to_measure[] =
	"boot the diskmedic ISO on the target machine, or pass --bios qemu or --bios H/S";

static void check_part(struct disk *d, struct part *p)
{
	struct vbr v;
	if (vbr_read(d, p, &v) != 0) return;
	if (!v.pri_ok) goto out;	/* a damaged boot sector is another check's finding */
	unsigned heads = le16(v.pri + BPB_HEADS_OFF), spt = le16(v.pri + BPB_SPT_OFF);
	if (heads == d->bios.heads && spt == d->bios.sectors) goto out;
	enum severity sev = severity_for(d, &v);
	int reads_chs = sev == SEV_ERROR;	/* this boot code reads the BPB's CHS at this start */
	/* A geometry is evidence only when it was measured (fix/rules.h, rule
	 * (b)): the MBR's CHS entries are what some partitioning tool once
	 * guessed, and writing the BPB to match a guess can break a volume that
	 * boots today. */
	int sure = geometry_measured(d);
	if (!sure && sev == SEV_ERROR) sev = SEV_WARNING;	/* a guess cannot say it will not boot */
	struct finding *f = sure ? finding_new("vbr-geometry-mismatch", sev, p->index,
					       "%s boot sector says %u heads / %u sectors per track, the BIOS (%s) "
					       "presents %u/%u",
					       v.is_ntfs ? "NTFS" : "FAT", heads, spt,
					       geom_source_name(d->bios.source), d->bios.heads, d->bios.sectors)
				 : finding_new("vbr-geometry-mismatch", sev, p->index,
					       "%s boot sector says %u heads / %u sectors per track, the MBR's CHS "
					       "entries imply %u/%u; that is a guess, not a measurement: %s",
					       v.is_ntfs ? "NTFS" : "FAT", heads, spt, d->bios.heads, d->bios.sectors,
					       how_to_measure);
	ev_num(f, "bpb_heads", heads);
	ev_num(f, "bpb_sectors_per_track", spt);
	ev_num(f, "bios_heads", d->bios.heads);
	ev_num(f, "bios_sectors_per_track", d->bios.sectors);
	ev_str(f, "bios_source", "%s", geom_source_name(d->bios.source));
	ev_str(f, "geometry_measured", "%s", sure ? "yes" : "no");
	if (!sure) ev_str(f, "how_to_measure", "%s", how_to_measure);
	ev_num(f, "bpb_offset", p->start * d->ssz + BPB_SPT_OFF);
	ev_str(f, "boot_code", "%s", bootcode_kind_name(v.bc.kind));
	ev_str(f, "boot_code_evidence", "%s", v.bc.evidence);
	finding_detail(f, "  field              BPB    BIOS (%s)\n  heads            %5u   %5u\n"
			  "  sectors/track    %5u   %5u\n  boot code: %s (%s)\n",
		       geom_source_name(d->bios.source), heads, d->bios.heads, spt, d->bios.sectors,
		       bootcode_kind_name(v.bc.kind), v.bc.evidence);
	if (!sure)
		finding_detail(f, "  The BIOS geometry was not measured (source %s: the MBR's CHS entries).\n"
				  "  To measure it: %s.\n  The fix is applied only when named: fix --only vbr-geometry-mismatch.\n",
			       geom_source_name(d->bios.source), how_to_measure);
	vbr_detail_dump(f, "  boot sector", v.pri);
	/* Only CHS-reading code is broken by the mismatch, and only a measured
	 * geometry shows it (rules (b) and (c)); otherwise the fix is offered
	 * but never applied without --only. */
	struct fix *x = fix_add(f, "vbr-geometry-mismatch/set-bpb-geometry", 1,
				"set the BPB to %u heads / %u sectors per track in %s", d->bios.heads,
				d->bios.sectors, v.bak_ok ? "both boot sectors" : "the boot sector");
	x->rests = RESTS_GEOMETRY | RESTS_BOOT_CODE;
	x->code_reads = reads_chs;
	uint8_t b[2];
	if (heads != d->bios.heads) {
		put_le16(b, (uint16_t)d->bios.heads);
		vbr_fix_field(x, d, &v, BPB_HEADS_OFF, b, 2, "heads");
	}
	if (spt != d->bios.sectors) {
		put_le16(b, (uint16_t)d->bios.sectors);
		vbr_fix_field(x, d, &v, BPB_SPT_OFF, b, 2, "sectors per track");
	}
	disk_add_finding(d, f);
out:
	vbr_free(&v);
}

static void run(struct disk *d)
{
	if (d->bios.source == GEOM_NONE) return;
	for (int i = 0; i < d->nparts; i++) check_part(d, &d->parts[i]);
}

const struct check check_vbr_geometry = {
	.name = "vbr-geometry",
	.looks_at = "BPB heads and sectors per track of NTFS and FAT boot sectors, against the BIOS geometry",
	.codes = "vbr-geometry-mismatch",
	.run = run,
};
