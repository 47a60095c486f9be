/* libntfs-3g's view of one partition: a struct ntfs_device whose reads go to
 * diskmedic's I/O layer (io/dev.h) at the partition's offset inside the whole
 * disk or image, and whose writes go through the one writer's undo journal
 * (fix/writer.h: before-image saved and fsynced, write, read back). No loop
 * device, no second open of the target. */
#ifndef DM_NTFS_DEVICE_H
#define DM_NTFS_DEVICE_H
#include <stdint.h>
#include "../io/dev.h"

struct writer;	/* fix/writer.h: only device.c calls it */

struct ntfs_device;

struct nt_part_io {
	struct dev *dev;
	uint64_t base, len;	/* the partition: byte offset on dev and length */
	struct writer *w;	/* NULL: read-only, every write fails with EROFS */
	const char *fix_id;	/* names the journaled blocks in the undo record */
	uint64_t pos;		/* for the library's seek/read/write */
	int blocks_written;	/* blocks that really changed, for the report */
	uint64_t bytes_written;
	int write_failed;	/* a write was refused or rolled back */
	char why[512];		/* the writer's or reader's last complaint */
};

/* A libntfs-3g device over io (which must outlive it). Free with
 * ntfs_device_free(). NULL on allocation failure. */
struct ntfs_device *nt_part_device(struct nt_part_io *io, const char *name);
#endif
