/* ntfs-upcase-damaged: $UpCase, the table NTFS compares file names with,
 * fails libntfs-3g's consistency rule (size, and the ASCII letters), so the
 * library refuses the volume and Windows' name lookups go wrong. The fix
 * rewrites the default table (libntfs-3g's ntfs_upcase_build_default, what
 * mkntfs writes) over the entries that differ: an exact plan, located
 * through the file's runlist. */
#include "check.h"
#include "../lib/util.h"
#include "../ntfs/spans.h"
#include "../ntfs/state.h"
#include "../ntfs/upcase.h"
#include <stdio.h>
#include <stdlib.h>

static void check_part(struct disk *d, struct part *p)
{
	struct nt_upcaseinfo ui;
	char why[256];
	if (nt_read_upcase(d, p, &ui, why, sizeof why) != 0 || (ui.size_ok && ui.ascii_ok)) return;
	struct finding *f;
	if (!ui.size_ok) {
		f = finding_new("ntfs-upcase-damaged", SEV_ERROR, p->index,
				"$UpCase has an impossible size (%llu bytes)", (unsigned long long)ui.size);
	} else {
		f = finding_new("ntfs-upcase-damaged", SEV_ERROR, p->index,
				"$UpCase is corrupt: it maps '%c' (0x%02X) to 0x%04X instead of 0x%04X", ui.first_bad,
				ui.first_bad, ui.bad_value, ui.want_value);
		ev_str(f, "first_bad_entry", "0x%04x", ui.first_bad);
		ev_str(f, "entry_value", "0x%04x", ui.bad_value);
		ev_str(f, "expected_value", "0x%04x", ui.want_value);
	}
	ev_num(f, "upcase_size", ui.size);
	ev_num(f, "entries_differing_from_default", ui.differ_default);
	struct proposal prop = {0};
	upcase_fix_plan(&prop, d, p);
	finding_take(f, &prop);
	disk_add_finding(d, f);
}

const struct check check_ntfs_upcase = {
	.name = "ntfs-upcase",
	.looks_at = "the $UpCase table, through libntfs-3g",
	.codes = "ntfs-upcase-damaged",
	.run_part = check_part,
};
