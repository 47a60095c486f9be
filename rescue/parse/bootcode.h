/* Identify boot code from its bytes, by behaviour the code shows:
 * the strings it prints and the BIOS calls it prepares. See docs/bootcode.md. */
#ifndef DM_BOOTCODE_H
#define DM_BOOTCODE_H
#include <stddef.h>
#include <stdint.h>

enum bootcode_kind {
	BOOTCODE_EMPTY,		/* all zero (or all one byte value) */
	BOOTCODE_NONBOOT,	/* placeholder code that only prints "not a bootable disk" (mkntfs, mkfs.fat) */
	BOOTCODE_NT4,		/* NTFS code that reads by CHS only (NTLDR, no AH=41h probe) */
	BOOTCODE_XP,		/* probes INT 13h extensions (AH=41h, BX=55AAh); CHS below the CHS limit */
	BOOTCODE_BOOTMGR,	/* Vista+ BOOTMGR code: LBA only */
	BOOTCODE_SYSLINUX,
	BOOTCODE_GRUB,
	BOOTCODE_UNKNOWN,
};

/* What the identified code needs from the BPB geometry. */
enum bootcode_chs { CHS_NEVER, CHS_BELOW_LIMIT, CHS_ALWAYS, CHS_UNKNOWN };

struct bootcode {
	enum bootcode_kind kind;
	enum bootcode_chs chs_use;
	char evidence[96];	/* what matched, e.g. "string NTLDR, no AH=41h probe" */
};

/* sec: the boot sector (>= 512 bytes); extra: following boot-code sectors or NULL. */
void bootcode_identify(const uint8_t *sec, size_t len, const uint8_t *extra, size_t extra_len,
		       struct bootcode *out);
const char *bootcode_kind_name(enum bootcode_kind k);	/* "empty", "nt4", "xp", "bootmgr", ... */
#endif
