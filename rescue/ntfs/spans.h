/* Where a file's bytes lie on the disk, as libntfs-3g's runlist says: lets a
 * repair of file contents ($UpCase, hiberfil.sys's header) be an exact,
 * previewable plan of byte changes instead of library writes. */
#ifndef DM_NTFS_SPANS_H
#define DM_NTFS_SPANS_H
#include <stddef.h>
#include <stdint.h>
#include "../probe/disk.h"

struct disk_span {
	uint64_t file_off;	/* offset in the file's unnamed $DATA */
	uint64_t disk_off;	/* absolute byte offset on the disk */
	uint64_t len;
};

/* Map [pos, pos+len) of the file at path (from the root, e.g.
 * "hiberfil.sys") or, when path is NULL, of MFT record inode. Refuses
 * resident, compressed, encrypted and sparse data and bytes past the
 * initialized size. Returns the number of spans (in *out, to free) or -1. */
int nt_file_spans(struct disk *d, struct part *p, const char *path, uint64_t inode, uint64_t pos, uint64_t len,
		    struct disk_span **out, char *why, size_t whylen);
#endif
