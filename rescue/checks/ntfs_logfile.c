/* ntfs-logfile-unclean: $LogFile still holds work Windows had not finished
 * (an unclean shutdown). A read-only ntfs_mount does not look; this check
 * asks libntfs-3g's ntfs_check_logfile and ntfs_is_logfile_clean itself. A
 * 2.0 restart area is Fast Startup, reported by checks/ntfs_fast_startup.c. */
#include "check.h"
#include "../fix/rules.h"
#include "../ntfs/repair.h"
#include "../ntfs/state.h"

static void check_part(struct disk *d, struct part *p)
{
	struct nt_loginfo li;
	char why[256];
	if (nt_read_logfile(d, p, &li, why, sizeof why) != 0) return;
	if (li.major == 2 || (li.consistent && li.clean)) return;
	struct finding *f = finding_new("ntfs-logfile-unclean", SEV_WARNING, p->index,
					"$LogFile is %s: Windows did not shut down cleanly",
					li.consistent ? "not clean" : "inconsistent");
	ev_num(f, "logfile_size", li.size);
	ev_str(f, "restart_version", "%d.%d", li.major, li.minor);
	ev_str(f, "restart_area_flags", "0x%04x", li.area_flags);
	ev_num(f, "current_lsn", li.current_lsn);
	ev_str(f, "clients_in_use", "%s", li.clients_in_use ? "yes" : "no");
	ev_str(f, "library_check", "%s", li.consistent ? "consistent, not clean" : "inconsistent");
	finding_detail(f, "  Best: boot Windows; it replays the journal and loses nothing. Resetting the journal\n"
			  "  here discards the changes it still holds, so the fix is applied only when named:\n"
			  "  fix --only ntfs-logfile-unclean.\n");
	/* Not safe: Windows replays this journal at its next boot and loses
	 * nothing; the reset throws the last changes away. Autofix (fix --yes,
	 * the ISO) must leave it to Windows; --only still offers it for a
	 * volume Windows will never boot again. */
	struct fix *x = fix_add(f, "ntfs-logfile-unclean/reset-journal", 1,
				"reset $LogFile and set the dirty flag so Windows runs chkdsk; the last changes Windows "
				"made before the unclean shutdown may be lost (through libntfs-3g, no exact preview: the "
				"changed blocks are listed in the undo record)");
	x->rests = DISCARDS_OS_STATE;	/* rule (d) */
	nt_repair_attach(x, d, p, NTFS_RESET_JOURNAL);
	disk_add_finding(d, f);
}

const struct check check_ntfs_logfile = {
	.name = "ntfs-logfile",
	.looks_at = "$LogFile's restart area, through libntfs-3g",
	.codes = "ntfs-logfile-unclean",
	.run_part = check_part,
};
