/* ntfs-fast-startup: $LogFile's restart area is version 2.0, which Windows 8
 * and later leave when they "shut down" with Fast Startup: Windows keeps this
 * volume's metadata cached and will write it back on its next boot, over
 * anything changed meanwhile. The safe path is Windows' own full shutdown.
 * Discarding the cached metadata is offered, never safe, only with --only. */
#include "check.h"
#include "../fix/rules.h"
#include "../ntfs/repair.h"
#include "../ntfs/state.h"

static void check_part(struct disk *d, struct part *p)
{
	struct nt_loginfo li;
	char why[256];
	if (nt_read_logfile(d, p, &li, why, sizeof why) != 0 || li.major != 2) return;
	struct finding *f = finding_new("ntfs-fast-startup", SEV_WARNING, p->index,
					"Windows Fast Startup left this volume's metadata cached ($LogFile restart area 2.%d)",
					li.minor);
	ev_num(f, "logfile_size", li.size);
	ev_str(f, "restart_version", "%d.%d", li.major, li.minor);
	ev_str(f, "restart_area_flags", "0x%04x", li.area_flags);
	ev_num(f, "current_lsn", li.current_lsn);
	finding_detail(f, "  Safe: boot Windows and shut it down fully (Shift+Shut down, or 'shutdown /s /t 0'),\n"
			  "  or turn Fast Startup off. Changing this volume meanwhile risks losing data when\n"
			  "  Windows resumes with its cached view.\n");
	struct fix *x = fix_add(f, "ntfs-fast-startup/discard-cache", 1,
				"DESTRUCTIVE: discard Windows' cached metadata: reset $LogFile and set the dirty flag "
				"(through libntfs-3g, no exact preview: the changed blocks are listed in the undo record)");
	x->rests = DISCARDS_OS_STATE;	/* rule (d): fix/rules.h */
	nt_repair_attach(x, d, p, NTFS_DISCARD_FAST_STARTUP);
	disk_add_finding(d, f);
}

const struct check check_ntfs_fast_startup = {
	.name = "ntfs-fast-startup",
	.looks_at = "$LogFile's restart page version, through libntfs-3g",
	.codes = "ntfs-fast-startup",
	.run_part = check_part,
};
