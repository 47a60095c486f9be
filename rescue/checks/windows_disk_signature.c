/* windows-disk-signature-mismatch (info): Windows finds its MBR volumes by
 * the disk signature (sector 0, offset 440) and the partition's byte offset,
 * as MountedDevices records them (and the BCD store names the boot and
 * system volumes the same way). A disk whose signature no longer matches
 * what its own installation recorded for the volume it sits on (a rebuilt
 * MBR gets 0; a clone tool may invent one) boots to a BCD error or to
 * drive letters moved. The fix writes the recorded signature back: 4 exact
 * bytes, offered but not safe (a clone of this disk attached beside it
 * would then carry the same signature; the user decides). */
#include "check.h"
#include "../parse/le.h"
#include "../parse/mbr.h"
#include "../windows/windows.h"
#include <stdio.h>

static void check_part(struct disk *d, struct part *p)
{
	if (d->table != TABLE_MBR || p->whole_disk) return;
	const struct win_install *w = windows_get(d, p);
	if (!w || !w->readable || !w->own_sig_known) return;
	uint32_t now = le32(d->sec0 + MBR_DISKSIG_OFF);
	if (now == w->own_sig) return;
	struct finding *f = finding_new("windows-disk-signature-mismatch", SEV_INFO, p->index,
					"the disk signature is %08x, but Windows on partition %d recorded this volume on "
					"disk %08x (MountedDevices)",
					now, p->index, w->own_sig);
	ev_str(f, "disk_signature", "%08x", now);
	ev_str(f, "mounted_devices_signature", "%08x", w->own_sig);
	ev_num(f, "partition_byte_offset", p->start * d->ssz);
	ev_num(f, "mounted_devices_entries", (uint64_t)w->own_sig_entries);
	finding_detail(f, "  Windows (MountedDevices, and the BCD store alike) finds this volume by disk\n"
			  "  signature %08x and byte offset %llu. With signature %08x it may not find\n"
			  "  its boot volume, or give it another drive letter.\n",
		       w->own_sig, (unsigned long long)(p->start * d->ssz), now);
	uint8_t sig[4];
	put_le32(sig, w->own_sig);
	struct fix *x = fix_add(f, "windows-disk-signature-mismatch/set-signature", 0,
				"write disk signature %08x (from Windows' MountedDevices) at offset 440 of sector 0",
				w->own_sig);
	fix_change(x, MBR_DISKSIG_OFF, d->sec0 + MBR_DISKSIG_OFF, sig, 4, "MBR disk signature");
	disk_add_finding(d, f);
}

const struct check check_windows_disk_signature = {
	.name = "windows-disk-signature",
	.looks_at = "the MBR disk signature and the SYSTEM hive's MountedDevices",
	.codes = "windows-disk-signature-mismatch",
	.run_part = check_part,
};
