/* The probe over an in-memory disk (memdisk.h): MBR, the EBR chain (loops,
 * long chains, links out of range), GPT sides and filesystem detection,
 * through the real I/O layer. */
#include "fuzz.h"
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
	FUZZ_ASSERT(dev != NULL);	/* the memfd always holds at least one sector */
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
