/* The files of a Windows installation, read through libntfs-3g (read-only,
 * nt_vol_get): names are matched case-insensitively, as Windows does,
 * whatever namespace the volume stored them in. */
#ifndef DM_WINDOWS_NTFSFILE_H
#define DM_WINDOWS_NTFSFILE_H
#include <stddef.h>
#include <stdint.h>
#include "../probe/disk.h"

/* Look up the '/'-separated path from the root; 1 found (*mref, and the
 * names as stored in real, '/'-separated), 0 absent, -1 with why. */
int winfs_lookup(struct disk *d, struct part *p, const char *path, uint64_t *mref, char *real, size_t realn,
		 char *why, size_t whylen);
/* Read the whole unnamed $DATA of mref, at most max bytes (larger is an
 * error). 0 with *buf (to free) and *len, or -1 with why. */
int winfs_read(struct disk *d, struct part *p, uint64_t mref, size_t max, uint8_t **buf, size_t *len, char *why,
	       size_t whylen);
/* The names in directory path, lower-cased (ASCII), NULL-terminated; NULL
 * with why when it cannot be listed. */
char **winfs_list(struct disk *d, struct part *p, const char *path, char *why, size_t whylen);
void winfs_list_free(char **v);
#endif
