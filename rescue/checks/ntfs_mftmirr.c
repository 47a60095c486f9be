/* ntfs-mftmirr-mismatch: $MFTMirr differs from $MFT in the records it
 * mirrors. libntfs-3g then refuses even a read-only mount (EIO), so the
 * records are compared here, from the boot sector's LCNs (ntfs/mirror.c).
 * $MFT is the authority while its copy is sound: the fix copies its records,
 * byte for byte as on the disk, over the mirror's. */
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
		if (c.mft[i] == REC_OK && (c.mirr[i] != REC_OK || c.differs[i])) {
			bad++;
			if (first < 0) first = i;
		}
	if (!bad) goto out;
	struct finding *f = finding_new("ntfs-mftmirr-mismatch", SEV_ERROR, p->index,
					"$MFTMirr differs from $MFT in %d of the %d mirrored records (first: record %d, %s)",
					bad, c.nrec, first, mft_record_name(first));
	ev_num(f, "mft_offset", c.mft_off);
	ev_num(f, "mftmirr_offset", c.mirr_off);
	ev_num(f, "record_size", c.rec_size);
	ev_num(f, "records_compared", (uint64_t)c.nrec);
	ev_num(f, "records_differing", (uint64_t)bad);
	ev_num(f, "first_record", (uint64_t)first);
	size_t o = (size_t)first * c.rec_size;
	if (c.mirr[first] != REC_OK) {
		ev_str(f, "mftmirr_record_state", "%s", rec_state_str(c.mirr[first]));
		ev_hex(f, "mftmirr_first_bytes", c.mirr_raw + o, 16);
	} else {
		/* The 16 bytes around the first difference, fixups undone. */
		uint32_t at = c.diff_at[first] & ~15u;
		ev_num(f, "first_difference_at", c.diff_at[first]);
		ev_hex(f, "mft_bytes", c.mft_fixed + o + at, 16);
		ev_hex(f, "mftmirr_bytes", c.mirr_fixed + o + at, 16);
	}
	struct fix *x = fix_add(f, "ntfs-mftmirr-mismatch/sync-mirror", 1,
				"copy $MFT's first records over $MFTMirr's (libntfs-3g refuses to mount until they match)");
	for (int i = 0; i < c.nrec; i++) {
		if (c.mft[i] != REC_OK || (c.mirr[i] == REC_OK && !c.differs[i])) continue;
		char what[96];
		snprintf(what, sizeof what, "$MFTMirr record %d (%s), from $MFT", i, mft_record_name(i));
		size_t ro = (size_t)i * c.rec_size;
		fix_change(x, c.mirr_off + ro, c.mirr_raw + ro, c.mft_raw + ro, c.rec_size, what);
		finding_detail(f, "  record %d (%s): $MFTMirr copy %s\n", i, mft_record_name(i),
			       c.mirr[i] != REC_OK ? rec_state_str(c.mirr[i]) : "differs");
	}
	disk_add_finding(d, f);
out:
	mirror_free(&c);
}

const struct check check_ntfs_mftmirr = {
	.name = "ntfs-mftmirr",
	.looks_at = "$MFT's first records against $MFTMirr, from the boot sector's LCNs",
	.codes = "ntfs-mftmirr-mismatch",
	.run_part = check_part,
};
