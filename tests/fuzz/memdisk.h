/* An in-memory disk image for the probe and scan fuzz targets.
 *
 * A fuzz input is not the raw image: a realistic disk is megabytes of zeros
 * with a few sectors that matter, far past where libFuzzer mutates well. So an
 * input describes a sparse image:
 *
 *   byte 0        options for the target (the scan target picks --bios from it)
 *   bytes 1..4    disk size in 512-byte units, little-endian (0 means 1)
 *   then records  le32 byte offset / 512, le16 length, that many data bytes
 *
 * A record cut short by the end of the input keeps what is there; data past
 * the disk's end is dropped. The image lives in a memfd, so the real
 * dev_open/dev_read path reads it through /proc/self/fd/N. */
#ifndef DM_FUZZ_MEMDISK_H
#define DM_FUZZ_MEMDISK_H
#include <stddef.h>
#include <stdint.h>

#define MEMDISK_HDR 5

/* Load the image described by data into the process's memfd. Returns the
 * path to open, or NULL when the input is too short to describe a disk. */
const char *memdisk_load(const uint8_t *data, size_t size, uint8_t *options);
#endif
