/* What a partition holds, as libblkid identifies it: the live content, and
 * whether anything else is there. Decides which checks may look at a
 * partition and whether any fix may write into it (docs/checks.md, "evidence
 * rules"). */
#ifndef DM_CONTENT_H
#define DM_CONTENT_H
#include <stdint.h>

enum content_state {
	CONTENT_UNPROBED,	/* not looked at (no libblkid in this build, or it could not read) */
	CONTENT_NONE,		/* libblkid recognises nothing: possibly damaged, possibly empty */
	CONTENT_FOUND,		/* one live signature */
	CONTENT_AMBIGUOUS,	/* libblkid's "ambivalent": two live signatures that contradict */
};

struct content {
	enum content_state state;
	char type[32];		/* libblkid's TYPE: "ntfs", "vfat", "exfat", "crypto_LUKS", ... */
	char usage[16];		/* "filesystem", "crypto", "raid", "other" */
	char version[32], label[80], uuid[64];
	uint64_t size_bytes;	/* the extent the content claims (libblkid's FSLASTBLOCK x
				 * FSBLOCKSIZE, else FSSIZE), 0 when it does not say */
	char stale[32];		/* remnants of an earlier filesystem beside the live one ("ntfs"), or "" */
	char why[128];		/* CONTENT_AMBIGUOUS / CONTENT_UNPROBED: what libblkid said */
};

/* Identify what the byte range [off, off+size) of the open target fd holds
 * (a whole disk with no table: off 0, size the disk's). Reads only. */
void content_identify(int fd, uint64_t off, uint64_t size, struct content *c);
/* NTFS or FAT (libblkid's ntfs and vfat): the volumes diskmedic examines. */
int content_is_ntfs_or_fat(const struct content *c);
/* Encrypted: libblkid's usage "crypto" (LUKS, BitLocker, ...). */
int content_is_encrypted(const struct content *c);
#endif
