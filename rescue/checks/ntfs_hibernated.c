/* ntfs-hibernated: hiberfil.sys starts with a hibernation header, so Windows
 * is hibernated with this volume open; libntfs-3g refuses to mount it
 * read-write. The safe path is resuming Windows and shutting it down fully.
 * The destructive option zeroes the header's first 4096 bytes (what Windows
 * itself writes after a resume), an exact plan: never safe, only with --only,
 * and the hibernated session is lost. */
#include "check.h"
#include "../fix/rules.h"
#include "../lib/util.h"
#include "../ntfs/spans.h"
#include "../ntfs/state.h"
#include <stdio.h>
#include <stdlib.h>

#define HIBER_HEADER 4096	/* what ntfs_volume_check_hiberfile reads */

static void discard_plan(struct finding *f, struct disk *d, struct part *p)
{
	struct disk_span *s;
	char why[256];
	int n = nt_file_spans(d, p, "hiberfil.sys", 0, 0, HIBER_HEADER, &s, why, sizeof why);
	if (n <= 0) {
		finding_detail(f, "  (no discard offered: %s)\n", n < 0 ? why : "empty");
		return;
	}
	struct fix *x = fix_add(f, "ntfs-hibernated/discard-session", 1,
				"DESTRUCTIVE: zero hiberfil.sys's first %d bytes; the hibernated Windows session "
				"and anything unsaved in it are lost",
				HIBER_HEADER);
	x->rests = DISCARDS_OS_STATE;	/* rule (d): fix/rules.h */
	uint8_t *zero = xcalloc(1, HIBER_HEADER);
	for (int i = 0; i < n; i++) {
		uint8_t *before = dev_read_alloc(d->dev, s[i].disk_off, (size_t)s[i].len);
		if (!before) continue;
		char what[96];
		snprintf(what, sizeof what, "hiberfil.sys bytes %llu..%llu", (unsigned long long)s[i].file_off,
			 (unsigned long long)(s[i].file_off + s[i].len - 1));
		fix_change(x, s[i].disk_off, before, zero, (uint32_t)s[i].len, what);
		free(before);
	}
	free(zero);
	free(s);
}

static void check_part(struct disk *d, struct part *p)
{
	struct nt_hiberinfo hi;
	char why[256];
	if (nt_read_hiber(d, p, &hi, why, sizeof why) != 0 || !hi.hibernated) return;
	struct finding *f = finding_new("ntfs-hibernated", SEV_WARNING, p->index,
					"Windows is hibernated on this volume (hiberfil.sys holds a session)");
	ev_num(f, "hiberfil_size", hi.size);
	ev_hex(f, "hiberfil_first_bytes", hi.head, (size_t)hi.head_len);
	finding_detail(f, "  Safe: start Windows, let it resume, and shut it down fully (not hibernate, and\n"
			  "  with Fast Startup off). Writing to the volume meanwhile corrupts it when Windows\n"
			  "  resumes.\n");
	discard_plan(f, d, p);
	disk_add_finding(d, f);
}

const struct check check_ntfs_hibernated = {
	.name = "ntfs-hibernated",
	.looks_at = "hiberfil.sys's header, through libntfs-3g",
	.codes = "ntfs-hibernated",
	.run_part = check_part,
};
