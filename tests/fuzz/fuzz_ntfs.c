/* The NTFS checks over an in-memory disk holding a small NTFS volume
 * (memdisk.h): boot sectors, $MFT/$MFTMirr, and everything libntfs-3g reads
 * to mount it read-only ($LogFile, $Volume, $UpCase, hiberfil.sys). Only the
 * ntfs-* checks run, so the executions go to libntfs-3g, which this target
 * links built from source with the same instrumentation (mk/fuzz.mk). */
#include "fuzz.h"
#include "memdisk.h"
#include "../../rescue/checks/check.h"
#include "../../rescue/probe/probe.h"
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t opt;
	const char *path = memdisk_load(data, size, &opt);
	if (!path) return 0;
	char why[512];
	struct dev *dev = dev_open(path, DEV_RDONLY, why, sizeof why);
	/* The memfd always holds at least one sector; bytes that carry a VM
	 * disk image's magic (qcow2, vmdk, ...) go to qemu-nbd (io/image.c),
	 * which the fuzz build has not: never read as raw. */
	if (!dev) {
		FUZZ_ASSERT(strstr(why, "without libnbd") != NULL);
		return 0;
	}
	struct disk *d = probe_disk(dev, why, sizeof why);
	if (d) {
		for (const struct check *const *c = check_table; *c; c++)
			if (!strncmp((*c)->name, "ntfs-", 5)) check_run(*c, d);
		for (int i = 0; i < d->nfindings; i++) FUZZ_ASSERT(d->findings[i]->code && d->findings[i]->summary[0]);
		scan_free(d);
	}
	dev_close(dev);
	return 0;
}
