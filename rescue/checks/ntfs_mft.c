/* ntfs-mft-damaged: one of $MFT's first records (the ones $MFTMirr mirrors)
 * is unreadable while the mirror's copy is sound. libntfs-3g cannot load
 * such a volume at all. The fix puts the mirror's copy back, byte for byte;
 * it is the copy Windows itself keeps for this purpose. */
#include "check.h"
#include "../lib/util.h"
#include "../ntfs/mirror.h"
#include <stdio.h>

static void check_part(struct disk *d, struct part *p)
{
	struct mirror_cmp c;
	if (mirror_compare(d, p, &c) != 0) return;
	int bad = 0, first = -1;
	for (int i = 0; i < c.nrec; i++)
		if (c.mft[i] != REC_OK && c.mirr[i] == REC_OK) {
			bad++;
			if (first < 0) first = i;
		}
	if (!bad) goto out;
	struct finding *f = finding_new("ntfs-mft-damaged", SEV_ERROR, p->index,
					"$MFT record %d (%s) is damaged (%s); $MFTMirr holds a sound copy", first,
					mft_record_name(first), rec_state_str(c.mft[first]));
	ev_num(f, "mft_offset", c.mft_off);
	ev_num(f, "mftmirr_offset", c.mirr_off);
	ev_num(f, "record_size", c.rec_size);
	ev_num(f, "records_damaged", (uint64_t)bad);
	ev_num(f, "first_record", (uint64_t)first);
	ev_str(f, "mft_record_state", "%s", rec_state_str(c.mft[first]));
	ev_hex(f, "mft_first_bytes", c.mft_raw + (size_t)first * c.rec_size, 16);
	ev_hex(f, "mftmirr_first_bytes", c.mirr_raw + (size_t)first * c.rec_size, 16);
	struct fix *x = fix_add(f, "ntfs-mft-damaged/restore-from-mirror", 1,
				"copy the damaged $MFT records back from $MFTMirr");
	for (int i = 0; i < c.nrec; i++) {
		if (c.mft[i] == REC_OK || c.mirr[i] != REC_OK) continue;
		char what[96];
		snprintf(what, sizeof what, "$MFT record %d (%s), from $MFTMirr", i, mft_record_name(i));
		size_t ro = (size_t)i * c.rec_size;
		fix_change(x, c.mft_off + ro, c.mft_raw + ro, c.mirr_raw + ro, c.rec_size, what);
		finding_detail(f, "  record %d (%s): $MFT copy %s, $MFTMirr copy sound\n", i, mft_record_name(i),
			       rec_state_str(c.mft[i]));
	}
	disk_add_finding(d, f);
out:
	mirror_free(&c);
}

const struct check check_ntfs_mft = {
	.name = "ntfs-mft",
	.looks_at = "$MFT's first records, with $MFTMirr as the reference copy",
	.codes = "ntfs-mft-damaged",
	.run_part = check_part,
};
