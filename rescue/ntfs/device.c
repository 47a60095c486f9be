/* struct ntfs_device_operations over diskmedic's struct dev; see device.h.
 * The library treats this like a file holding exactly the partition: offsets
 * are partition-relative and nothing outside [0, len) can be reached, so a
 * bug or a lying boot sector cannot make libntfs-3g touch a neighbour. */
#include "device.h"
#include "../fix/writer.h"
#include <errno.h>
#include <fcntl.h>
#include "../lib/ntfs3g.h"
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#define IO(d) ((struct nt_part_io *)(d)->d_private)

static int part_open(struct ntfs_device *d, int flags)
{
	if (NDevOpen(d)) {
		errno = EBUSY;
		return -1;
	}
	/* Read-write only when a writer journals the writes: the library then
	 * retries read-only (its own EROFS convention). */
	if ((flags & O_ACCMODE) != O_RDONLY && !IO(d)->w) {
		errno = EROFS;
		return -1;
	}
	if ((flags & O_ACCMODE) == O_RDONLY) NDevSetReadOnly(d);
	else NDevClearReadOnly(d);
	NDevSetOpen(d);
	return 0;
}

static int part_close(struct ntfs_device *d)
{
	if (!NDevOpen(d)) {
		errno = EBADF;
		return -1;
	}
	NDevClearOpen(d);
	return 0;
}

static s64 part_seek(struct ntfs_device *d, s64 off, int whence)
{
	struct nt_part_io *io = IO(d);
	s64 base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? (s64)io->pos : (s64)io->len;
	if ((whence != SEEK_SET && whence != SEEK_CUR && whence != SEEK_END) || base + off < 0) {
		errno = EINVAL;
		return -1;
	}
	io->pos = (uint64_t)(base + off);
	return (s64)io->pos;
}

static s64 part_pread(struct ntfs_device *d, void *buf, s64 count, s64 off)
{
	struct nt_part_io *io = IO(d);
	if (count < 0 || off < 0) {
		errno = EINVAL;
		return -1;
	}
	/* Like a file: a read at or past the end returns what is there. */
	if ((uint64_t)off >= io->len) return 0;
	if ((uint64_t)(off + count) > io->len) count = (s64)(io->len - (uint64_t)off);
	if (count && dev_read(io->dev, io->base + (uint64_t)off, buf, (size_t)count) != 0) {
		snprintf(io->why, sizeof io->why, "%s", io->dev->why);
		errno = EIO;
		return -1;
	}
	return count;
}

static s64 part_pwrite(struct ntfs_device *d, const void *buf, s64 count, s64 off)
{
	struct nt_part_io *io = IO(d);
	if (NDevReadOnly(d) || !io->w) {
		errno = EROFS;
		return -1;
	}
	if (count < 0 || off < 0) {
		errno = EINVAL;
		return -1;
	}
	/* Never grow the partition: a write past its end is a bug upstream. */
	if ((uint64_t)off + (uint64_t)count > io->len) {
		snprintf(io->why, sizeof io->why, "libntfs-3g tried to write past the partition's end (offset %lld)",
			 (long long)off);
		io->write_failed = 1;
		errno = ENOSPC;
		return -1;
	}
	if (!count) return 0;
	if (io->write_failed) {	/* after one failure, stop changing the disk */
		errno = EIO;
		return -1;
	}
	/* Before-image into the undo record (fsynced), write, read back. */
	if (writer_journal_write(io->w, io->fix_id, io->base + (uint64_t)off, buf, (size_t)count) != 0) {
		snprintf(io->why, sizeof io->why, "%s", writer_why(io->w));
		io->write_failed = 1;
		errno = EIO;
		return -1;
	}
	io->blocks_written++;
	io->bytes_written += (uint64_t)count;
	return count;
}

static s64 part_read(struct ntfs_device *d, void *buf, s64 count)
{
	s64 n = part_pread(d, buf, count, (s64)IO(d)->pos);
	if (n > 0) IO(d)->pos += (uint64_t)n;
	return n;
}

static s64 part_write(struct ntfs_device *d, const void *buf, s64 count)
{
	s64 n = part_pwrite(d, buf, count, (s64)IO(d)->pos);
	if (n > 0) IO(d)->pos += (uint64_t)n;
	return n;
}

static int part_sync(struct ntfs_device *d)
{
	/* writer_journal_write already synced and verified each block. */
	return 0;
}

static int part_stat(struct ntfs_device *d, struct stat *st)
{
	memset(st, 0, sizeof *st);
	st->st_mode = S_IFREG | 0600;
	st->st_size = (off_t)IO(d)->len;
	st->st_blksize = 4096;
	return 0;
}

static int part_ioctl(struct ntfs_device *d, unsigned long request, void *argp)
{
	/* Not a block device: the library falls back to the BPB and stat. */
	errno = ENOTTY;
	return -1;
}

static struct ntfs_device_operations part_ops = {
	.open = part_open,
	.close = part_close,
	.seek = part_seek,
	.read = part_read,
	.write = part_write,
	.pread = part_pread,
	.pwrite = part_pwrite,
	.sync = part_sync,
	.stat = part_stat,
	.ioctl = part_ioctl,
};

struct ntfs_device *nt_part_device(struct nt_part_io *io, const char *name)
{
	return ntfs_device_alloc(name, 0, &part_ops, io);
}
