/* The probe: reads a target through the I/O layer and fills the disk model
 * (partition table, partitions, filesystems). It raises no findings itself;
 * that is the checks' job. */
#ifndef DM_PROBE_H
#define DM_PROBE_H
#include "disk.h"

/* Returns a new disk model, or NULL with why filled (operational error). */
struct disk *probe_disk(struct dev *dev, char *why, size_t whylen);
/* Read the first sector of a partition's filesystem into buf (ssz bytes). */
int probe_read_sectors(struct disk *d, uint64_t lba, uint32_t count, uint8_t *buf);
/* libblkid over the byte range [off, off+size) of the disk (content.h), for a
 * block device, a raw image, or a VM image through its qemu-nbd stand-in. */
void probe_identify(struct disk *d, uint64_t off, uint64_t size, struct content *c);
#endif
