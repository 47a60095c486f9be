/* See memdisk.h. One memfd per process, emptied and refilled for each input:
 * creating a file per input would cost more than the scan itself. */
#define _GNU_SOURCE
#include "memdisk.h"
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

static uint32_t le32(const uint8_t *p) { return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24; }

const char *memdisk_load(const uint8_t *data, size_t size, uint8_t *options)
{
	static int fd = -1;
	static char path[64];
	if (size < MEMDISK_HDR) return NULL;
	if (fd < 0) {
		fd = memfd_create("fuzzdisk", MFD_CLOEXEC);
		if (fd < 0) { perror("memfd_create"); abort(); }
		snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	}
	*options = data[0];
	uint64_t units = le32(data + 1);
	uint64_t bytes = (units ? units : 1) * 512;	/* up to 2 TiB, sparse: holes cost nothing */
	/* Truncating to 0 first drops the previous input's pages. */
	if (ftruncate(fd, 0) != 0 || ftruncate(fd, (off_t)bytes) != 0) { perror("ftruncate"); abort(); }
	for (size_t p = MEMDISK_HDR; p + 6 <= size;) {
		uint64_t off = (uint64_t)le32(data + p) * 512;
		size_t len = data[p + 4] | data[p + 5] << 8;
		p += 6;
		if (len > size - p) len = size - p;
		if (off < bytes) {
			size_t n = off + len > bytes ? (size_t)(bytes - off) : len;
			if (pwrite(fd, data + p, n, (off_t)off) != (ssize_t)n) { perror("pwrite"); abort(); }
		}
		p += len;
	}
	return path;
}
