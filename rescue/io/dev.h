/* The I/O layer: the only code that opens targets. Read-only unless a write is
 * planned; every write goes through fix/writer.c, which calls dev_write. */
#ifndef DM_DEV_H
#define DM_DEV_H
#include <stddef.h>
#include <stdint.h>

struct dev_image;

struct dev {
	int fd;			/* the file or device; -1 for a VM disk image (img) */
	char path[4096];
	int is_blockdev;
	int writable;
	uint64_t size;		/* bytes */
	uint32_t ssz;		/* logical sector size: 512 or 4096 */
	char why[256];		/* last error, human readable */
	/* Failed reads since the scan began (checks/scan.c resets them): a
	 * check that cannot read a sector may mistake it for damage, so fix
	 * refuses to write after a scan that had any. */
	unsigned read_errors;
	char read_error[256];	/* the first of them */
	/* A VM disk image (qcow2, vmdk, ...) read and written through qemu-nbd
	 * (io/image.c), or NULL. Its file is then never read as raw: fd is -1,
	 * and lock_fd holds the write lock an image file gets. */
	struct dev_image *img;
	int lock_fd;
};

enum { DEV_RDONLY = 0, DEV_WRITE = 1 };

/* Open a whole-disk block device or a regular image file. An image file in a
 * VM disk format (parse/imgfmt.c: by magic, never by name) goes through
 * qemu-nbd (io/image.c), read-only unless DEV_WRITE. With DEV_WRITE,
 * refuses mounted targets and the boot medium, uses O_EXCL on block devices
 * and takes an exclusive flock on image files (held until dev_close; a
 * second writer is refused, never made to wait). Returns NULL with *why filled (a sentence) on failure. */
struct dev *dev_open(const char *path, int mode, char *why, size_t whylen);
void dev_close(struct dev *d);
/* pread/pwrite that loop over short transfers. 0 on success, -1 with d->why. */
int dev_read(struct dev *d, uint64_t off, void *buf, size_t len);
int dev_write(struct dev *d, uint64_t off, const void *buf, size_t len);
int dev_sync(struct dev *d);
/* Read n bytes at off into a new buffer, or NULL. */
uint8_t *dev_read_alloc(struct dev *d, uint64_t off, size_t len);

/* Paths excluded as the boot medium (set by `--exclude` / the ISO's /init),
 * and the disk that keeps the undo records; each call adds one (up to 4). */
void dev_set_boot_medium(const char *path);
int dev_is_boot_medium(const char *path);
/* Mounted? (target or any of its partitions, by /proc/self/mountinfo). 1/0. */
int dev_is_mounted(const char *path, char *why, size_t whylen);

/* Test-only fault injection (built with -DDM_FAULTS): see io/faults.c. */
#endif
