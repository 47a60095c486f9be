/* Opening an NTFS partition with libntfs-3g, behind diskmedic's own judgement:
 * the library is let at a partition only when diskmedic's parser recognised
 * NTFS there (p->fs == "ntfs", a primary boot sector that parses, a volume
 * that fits its partition). ntfsfix lacks this guard and, pointed at the
 * wrong thing, destroys FAT volumes or overwrites an MBR. */
#ifndef DM_NTFS_VOLUME_H
#define DM_NTFS_VOLUME_H
#include <stddef.h>
#include "../probe/disk.h"
#include "device.h"

struct _ntfs_volume;

struct nt_vol {
	struct nt_part_io io;
	struct ntfs_device *nd;
	struct _ntfs_volume *vol;	/* libntfs-3g's ntfs_volume */
	int mounted;			/* full ntfs_device_mount, else ntfs_volume_startup */
	int shared;			/* kept in the scan's memo (nt_vol_get) */
};

/* 1 if libntfs-3g may look at p; else 0 with why (a sentence). */
int nt_part_allowed(struct disk *d, struct part *p, char *why, size_t whylen);

enum ntfs_open_how {
	NTFS_STARTUP,	/* boot sector, $MFT and $MFTMirr only: reads even volumes that refuse to mount */
	NTFS_MOUNT,	/* the full mount (the library compares $MFTMirr, loads $UpCase, $Volume, ...) */
};
/* Open p read-only (w NULL) or with writes journaled under fix_id. Extra
 * mount flags (NTFS_MNT_*) go to the library. NULL with why on refusal or
 * failure; the library's own messages are in why, never on stderr. */
struct nt_vol *nt_vol_open(struct disk *d, struct part *p, struct writer *w, const char *fix_id,
			       enum ntfs_open_how how, unsigned long flags, char *why, size_t whylen);
/* A read-only startup (NTFS_STARTUP) of p for a reader that only looks:
 * within run_checks one startup per partition serves every check (the
 * library builds a 128 KiB upcase table and reads $MFT at each), outside
 * each call starts the volume afresh. Give it back with nt_vol_put. */
struct nt_vol *nt_vol_get(struct disk *d, struct part *p, char *why, size_t whylen);
void nt_vol_put(struct nt_vol *v);
/* Unmount (flushing through the journal when writable) and free. 0, or -1
 * with why when the library failed to write back. */
int nt_vol_close(struct nt_vol *v, char *why, size_t whylen);
/* The same, handing back the device's final counters (writes made). */
int nt_vol_close_io(struct nt_vol *v, struct nt_part_io *io, char *why, size_t whylen);

/* The library's messages since the last nt_log_reset(), one per line. */
void nt_log_reset(void);
const char *nt_log_text(void);
#endif
