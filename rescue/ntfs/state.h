/* What libntfs-3g reads on a volume, one aspect per call, for the checks.
 * Each call reads through a read-only ntfs_volume_startup of the partition
 * (nt_vol_get: refusing partitions diskmedic did not recognise, shared by
 * the checks of one scan), which loads only the boot sector, $MFT and
 * $MFTMirr: so each aspect can be read even when something else keeps the
 * volume from mounting. A read-only
 * ntfs_mount skips the hibernation and journal checks altogether; these
 * calls make them explicitly. All return 0, or -1 with why when the library
 * could not read the aspect (the check then stays silent: the cause is
 * reported by the check it belongs to). */
#ifndef DM_NTFS_STATE_H
#define DM_NTFS_STATE_H
#include <stddef.h>
#include <stdint.h>
#include "../probe/disk.h"

#define NTFS_VOLUME_IS_DIRTY 0x0001	/* $VOLUME_INFORMATION flags */

struct nt_volinfo {
	uint16_t flags;
	uint8_t major, minor;	/* NTFS version, e.g. 3.1 */
};
int nt_read_volinfo(struct disk *d, struct part *p, struct nt_volinfo *vi, char *why, size_t whylen);

struct nt_hiberinfo {
	int present;		/* /hiberfil.sys exists */
	int hibernated;		/* libntfs-3g's ntfs_volume_check_hiberfile says so */
	uint64_t size;
	uint8_t head[16];	/* its first bytes ("hibr", "HIBR", "wake", zeros...) */
	int head_len;
};
int nt_read_hiber(struct disk *d, struct part *p, struct nt_hiberinfo *hi, char *why, size_t whylen);

struct nt_loginfo {
	uint64_t size;		/* $LogFile's data size */
	int empty;		/* no restart page at all: freshly reset */
	int consistent;		/* ntfs_check_logfile */
	int clean;		/* ntfs_is_logfile_clean */
	int major, minor;	/* restart page version: 1.1 classic, 2.0 Fast Startup */
	uint16_t area_flags;	/* restart area flags (0x0002: volume clean) */
	uint64_t current_lsn;
	int clients_in_use;	/* client_in_use_list != LOGFILE_NO_CLIENT */
};
int nt_read_logfile(struct disk *d, struct part *p, struct nt_loginfo *li, char *why, size_t whylen);

struct nt_upcaseinfo {
	uint64_t size;		/* bytes; 131072 for the full table */
	int size_ok;		/* an even size up to 131072, as libntfs-3g requires */
	int ascii_ok;		/* 0x20..0x7E map as libntfs-3g's consistency check wants */
	uint32_t first_bad;	/* first ASCII character that does not */
	uint16_t bad_value, want_value;
	uint32_t differ_default;	/* entries that differ from libntfs-3g's default table
					 * (counted only when !ascii_ok: the table is refused) */
};
int nt_read_upcase(struct disk *d, struct part *p, struct nt_upcaseinfo *ui, char *why, size_t whylen);

/* A read-only ntfs_device_mount: 0 when it succeeds; else -1, *err = errno
 * and why = the library's own messages. */
int nt_mount_check(struct disk *d, struct part *p, int *err, char *why, size_t whylen);
#endif
