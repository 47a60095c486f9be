/* The VM disk image backend of struct dev (io/image.c): a non-raw image file
 * is served by a qemu-nbd that diskmedic starts (read-only unless the open is
 * DEV_WRITE) and read and written through libnbd. dev.c dispatches to it;
 * nothing above the I/O layer knows, except the reports, which name the
 * format and the backing chain. */
#ifndef DM_IMAGE_H
#define DM_IMAGE_H
#include "../parse/imgfmt.h"
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

struct dev;

/* Start qemu-nbd for d->path (format fmt, head = the file's first n bytes)
 * and connect; sets d->img and d->size. -1 with why (a sentence naming the
 * file, and for an image qemu cannot open the qemu-img command that converts
 * it). Refuses DEV_WRITE on a vmdk qemu can only read, and names a missing
 * backing file. */
int image_open(struct dev *d, enum imgfmt fmt, const uint8_t *head, size_t n, int mode, char *why, size_t whylen);
/* Disconnect and stop qemu-nbd. Also done at exit and on SIGINT/SIGTERM/SIGHUP. */
void image_close(struct dev *d);
/* dev_read/dev_write/dev_sync for an image: 0, or -1 with d->why. After a
 * lost connection the next call starts a fresh qemu-nbd first. */
int image_read(struct dev *d, uint64_t off, void *buf, size_t len);
int image_write(struct dev *d, uint64_t off, const void *buf, size_t len);
int image_sync(struct dev *d);

/* "raw" for anything not opened through qemu-nbd. */
const char *image_format(const struct dev *d);
/* The image, then its backing files in order (names as resolved, formats);
 * returns how many (0 for a raw target). */
int image_chain(const struct dev *d, const char **names, const char **formats, int max);
/* The qemu-nbd serving d, or 0 (tests and the report-only proof look at it). */
pid_t image_server_pid(const struct dev *d);
/* libblkid reads through a file descriptor. For an image, a sparse memfd
 * standing in for the range [off, off+size): its first 8 MiB, its last MiB
 * and an NTFS volume's first $MFT records copied in, the rest zeros. An fd
 * to close, or -1. */
int image_range_fd(struct dev *d, uint64_t off, uint64_t size);
/* The qemu-img command that converts path (format f) to a raw image. */
const char *image_convert_hint(const char *path, enum imgfmt f, char *buf, size_t n);
#endif
