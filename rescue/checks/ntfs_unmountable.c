/* ntfs-unmountable: a read-only mount through libntfs-3g fails for a cause
 * no other ntfs-* code names (those checks run first and are asked again
 * here, so one cause is reported once). The library's own words are the
 * evidence. No automatic fix: diskmedic does not guess at damage it cannot
 * name; chkdsk /f from Windows is the tool for it. */
#include "check.h"
#include "../ntfs/mirror.h"
#include "../ntfs/state.h"
#include "../ntfs/volume.h"
#include <string.h>

/* Does a named check already explain a failed mount? */
static int explained(struct disk *d, struct part *p)
{
	struct mirror_cmp c;
	int named = 0;
	if (mirror_compare(d, p, &c) == 0) {
		for (int i = 0; i < c.nrec; i++)
			named |= (c.mft[i] != REC_OK && c.mirr[i] == REC_OK) ||
				 (c.mft[i] == REC_OK && (c.mirr[i] != REC_OK || c.differs[i]));
		mirror_free(&c);
	}
	struct nt_upcaseinfo ui;
	char why[256];
	if (!named && nt_read_upcase(d, p, &ui, why, sizeof why) == 0) named = !ui.size_ok || !ui.ascii_ok;
	return named;
}

static void check_part(struct disk *d, struct part *p)
{
	char why[512];
	int err;
	if (!nt_part_allowed(d, p, why, sizeof why)) return;	/* the boot sector checks report */
	if (nt_mount_check(d, p, &err, why, sizeof why) == 0 || explained(d, p)) return;
	struct finding *f = finding_new("ntfs-unmountable", SEV_ERROR, p->index,
					"libntfs-3g cannot mount the volume, even read-only: %s", strerror(err));
	ev_num(f, "errno", (uint64_t)err);
	ev_str(f, "library_messages", "%s", why);
	finding_detail(f, "  No automatic fix: the damage is not one diskmedic can name. Run 'chkdsk /f' from\n"
			  "  Windows or its recovery console; copy what matters off the volume first.\n");
	disk_add_finding(d, f);
}

const struct check check_ntfs_unmountable = {
	.name = "ntfs-unmountable",
	.looks_at = "a read-only mount through libntfs-3g",
	.codes = "ntfs-unmountable",
	.run_part = check_part,
};
