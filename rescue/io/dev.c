/* Opening targets, and raw reads and writes on them. */
#define _GNU_SOURCE
#include "dev.h"
#include "faults.h"
#include "image.h"
#include "../lib/util.h"
#include <errno.h>
#include <fcntl.h>
#include <sys/mount.h>	/* BLKGETSIZE64, BLKSSZGET, BLKFLSBUF (musl and glibc) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

/* The boot medium, and the disk that keeps an unattended run's undo records
 * (diskmedic.undo=LABEL): both are kept out of scans and writes. */
#define MAX_KEPT_OUT 4
static char boot_medium[MAX_KEPT_OUT][4096];

void dev_set_boot_medium(const char *path)
{
	for (int i = 0; i < MAX_KEPT_OUT; i++)
		if (!boot_medium[i][0]) {
			snprintf(boot_medium[i], sizeof boot_medium[i], "%s", path);
			return;
		}
}

/* Same file or device as a boot medium? Compared by identity, not by name,
 * so /dev/disk/by-id links cannot slip past. */
static int is_boot_medium(const struct stat *st)
{
	struct stat b;
	for (int i = 0; i < MAX_KEPT_OUT && boot_medium[i][0]; i++) {
		if (stat(boot_medium[i], &b) != 0) continue;
		if (S_ISBLK(st->st_mode) && S_ISBLK(b.st_mode) ? st->st_rdev == b.st_rdev
							     : st->st_dev == b.st_dev && st->st_ino == b.st_ino)
			return 1;
	}
	return 0;
}

int dev_is_boot_medium(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && is_boot_medium(&st);
}

/* A VM disk image is recognised by its magic and handed to qemu-nbd; its
 * file descriptor then only keeps the write lock, and no read goes to the
 * file as raw. 0 (raw, or opened as an image), -1 with why. */
static int open_image(struct dev *d, const struct stat *st, int mode, char *why, size_t whylen)
{
	uint8_t *head = xcalloc(1, IMGFMT_HEAD), tail[512];
	ssize_t n = pread(d->fd, head, IMGFMT_HEAD, 0);
	int has_tail = st->st_size >= 512 && pread(d->fd, tail, 512, st->st_size - 512) == 512;
	if (n < 0) {
		snprintf(why, whylen, "%s: cannot read: %s", d->path, strerror(errno));
		free(head);
		return -1;
	}
	enum imgfmt f = imgfmt_detect(head, (size_t)n, has_tail ? tail : NULL);
	int rc = 0;
	if (f != IMG_RAW) {
		d->lock_fd = d->fd;
		d->fd = -1;
		rc = image_open(d, f, head, (size_t)n, mode, why, whylen);
	}
	free(head);
	return rc;
}

struct dev *dev_open(const char *path, int mode, char *why, size_t whylen)
{
	struct stat st;
	if (stat(path, &st) != 0) {
		snprintf(why, whylen, "%s: %s", path, strerror(errno));
		return NULL;
	}
	if (S_ISDIR(st.st_mode)) {
		snprintf(why, whylen, "%s: is a directory, not a disk or disk image", path);
		return NULL;
	}
	if (!S_ISREG(st.st_mode) && !S_ISBLK(st.st_mode)) {
		snprintf(why, whylen, "%s: not a block device or regular image file", path);
		return NULL;
	}
	if (mode == DEV_WRITE) {
		if (is_boot_medium(&st)) {
			snprintf(why, whylen, "%s: refusing to write to the medium diskmedic booted from", path);
			return NULL;
		}
		if (dev_is_mounted(path, why, whylen)) return NULL;
	}
	int flags = O_CLOEXEC | (mode == DEV_WRITE ? O_RDWR : O_RDONLY);
	/* O_EXCL on a block device fails if anything holds it open exclusively
	 * (a mounted partition, md, device-mapper), a second guard for writes. */
	if (mode == DEV_WRITE && S_ISBLK(st.st_mode)) flags |= O_EXCL;
	int fd = open(path, flags);
	if (fd < 0) {
		snprintf(why, whylen, "%s: cannot open%s: %s", path, mode == DEV_WRITE ? " for writing" : "",
			 strerror(errno));
		return NULL;
	}
	/* An image file has no O_EXCL: two writers (fix, undo, edit) would each
	 * plan from what they read and then write over each other. The lock is
	 * taken here, before the caller scans and plans, and lasts until
	 * dev_close, so a plan and its writes are one span no other writer
	 * enters. Never blocks: a second writer is told and stops. */
	if (mode == DEV_WRITE && S_ISREG(st.st_mode) && flock(fd, LOCK_EX | LOCK_NB) != 0) {
		int e = errno;
		if (e == EWOULDBLOCK)
			snprintf(why, whylen,
				 "%s: another program holds this image's lock (another diskmedic fix, undo or "
				 "edit is writing to it); nothing was written, run again when it has finished",
				 path);
		else
			snprintf(why, whylen, "%s: cannot lock for writing: %s", path, strerror(e));
		close(fd);
		return NULL;
	}
	struct dev *d = xcalloc(1, sizeof *d);
	d->fd = fd;
	d->lock_fd = -1;
	d->writable = mode == DEV_WRITE;
	d->is_blockdev = S_ISBLK(st.st_mode);
	snprintf(d->path, sizeof d->path, "%s", path);
	d->ssz = 512;
	if (d->is_blockdev) {
		uint64_t sz = 0;
		int ssz = 0;
		if (ioctl(fd, BLKGETSIZE64, &sz) != 0 || ioctl(fd, BLKSSZGET, &ssz) != 0) {
			snprintf(why, whylen, "%s: cannot read device size: %s", path, strerror(errno));
			dev_close(d);
			return NULL;
		}
		d->size = sz;
		d->ssz = (uint32_t)ssz;
	} else {
		d->size = (uint64_t)st.st_size;
		if (open_image(d, &st, mode, why, whylen) != 0) {
			dev_close(d);
			return NULL;
		}
	}
	if (d->size == 0) {
		snprintf(why, whylen, "%s: is empty (0 bytes); a disk image needs at least one sector", path);
		dev_close(d);
		return NULL;
	}
	if (d->ssz != 512 && d->ssz != 4096) {
		snprintf(why, whylen, "%s: unsupported logical sector size %u", path, d->ssz);
		dev_close(d);
		return NULL;
	}
	if (d->size < d->ssz) {
		snprintf(why, whylen, "%s: only %llu bytes, smaller than one %u-byte sector", path,
			 (unsigned long long)d->size, d->ssz);
		dev_close(d);
		return NULL;
	}
	return d;
}

void dev_close(struct dev *d)
{
	if (!d) return;
	image_close(d);
	if (d->fd >= 0) close(d->fd);
	if (d->lock_fd >= 0) close(d->lock_fd);
	free(d);
}

int dev_read(struct dev *d, uint64_t off, void *buf, size_t len)
{
	if (off > d->size || len > d->size - off) {
		snprintf(d->why, sizeof d->why, "read of %zu bytes at offset %llu is beyond the end (%llu bytes)",
			 len, (unsigned long long)off, (unsigned long long)d->size);
		errno = EINVAL;
		return -1;
	}
	if (d->img) {
		if (image_read(d, off, buf, len) == 0) return 0;
		if (!d->read_errors++) snprintf(d->read_error, sizeof d->read_error, "%s", d->why);
		return -1;
	}
	uint8_t *p = buf;
	while (len) {
		ssize_t n = fault_read() ? (errno = EIO, -1) : pread(d->fd, p, len, (off_t)off);
		if (n < 0 && errno == EINTR) continue;
		if (n <= 0) {
			snprintf(d->why, sizeof d->why, "read error at offset %llu: %s", (unsigned long long)off,
				 n < 0 ? strerror(errno) : "unexpected end of data");
			if (!d->read_errors++) snprintf(d->read_error, sizeof d->read_error, "%s", d->why);
			return -1;
		}
		p += n, off += (uint64_t)n, len -= (size_t)n;
	}
	return 0;
}

int dev_write(struct dev *d, uint64_t off, const void *buf, size_t len)
{
	if (!d->writable) {
		snprintf(d->why, sizeof d->why, "internal error: write to a target opened read-only");
		errno = EBADF;
		return -1;
	}
	if (off > d->size || len > d->size - off) {
		snprintf(d->why, sizeof d->why, "write beyond the end of the disk refused");
		errno = EINVAL;
		return -1;
	}
	if (d->img) return image_write(d, off, buf, len);
	const uint8_t *p = buf;
	while (len) {
		size_t chunk = len;
		if (fault_partial_write(&chunk)) {
			/* Simulated crash after writing part of the data. */
			if (pwrite(d->fd, p, chunk, (off_t)off) < 0) {}
			fsync(d->fd);
			_exit(99);
		}
		ssize_t n = fault_write() ? (errno = EIO, -1) : pwrite(d->fd, p, len, (off_t)off);
		if (n < 0 && errno == EINTR) continue;
		if (n <= 0) {
			snprintf(d->why, sizeof d->why, "write error at offset %llu: %s", (unsigned long long)off,
				 n < 0 ? strerror(errno) : "no progress");
			return -1;
		}
		p += n, off += (uint64_t)n, len -= (size_t)n;
	}
	return 0;
}

int dev_sync(struct dev *d)
{
	if (d->img) return image_sync(d);
	if (fault_sync() || fsync(d->fd) != 0) {
		snprintf(d->why, sizeof d->why, "fsync failed: %s", strerror(errno ? errno : EIO));
		return -1;
	}
	/* Drop cached pages so the verify read comes from the device. */
	if (d->is_blockdev) ioctl(d->fd, BLKFLSBUF, 0);
	else posix_fadvise(d->fd, 0, 0, POSIX_FADV_DONTNEED);
	return 0;
}

uint8_t *dev_read_alloc(struct dev *d, uint64_t off, size_t len)
{
	uint8_t *b = xmalloc(len);
	if (dev_read(d, off, b, len) != 0) {
		free(b);
		return NULL;
	}
	return b;
}
