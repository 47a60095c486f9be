/* The probe over an in-memory disk (memdisk.h): MBR, the EBR chain (loops,
 * long chains, links out of range), GPT sides and filesystem detection,
 * through the real I/O layer. */
#include "fuzz.h"
#include <string.h>
#include "memdisk.h"
#include "../../rescue/io/dev.h"
#include "../../rescue/probe/probe.h"

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
		FUZZ_ASSERT(d->nparts >= 0 && d->nparts <= MAX_PARTS);
		FUZZ_ASSERT(d->ssz == 512 || d->ssz == 4096);
		for (int i = 0; i < d->nparts; i++) FUZZ_ASSERT(d->parts[i].index >= 1);
		disk_free(d);
	}
	dev_close(dev);
	return 0;
}
