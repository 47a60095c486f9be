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
	/* MBR code (mbrcode_identify) */
	BOOTCODE_WIN_NT_MBR,	/* DOS/NT 4/2000/XP MBR: CHS, or CHS below the limit when it probes */
	BOOTCODE_WIN_VISTA_MBR,	/* Vista/7 and later (TPM "TCPA" check): LBA when the extensions exist */
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
/* The MBR's code (bytes 0..439 of sector 0): empty, Windows NT/2000/XP,
 * Vista/7 and later, syslinux, GRUB or unknown, and whether it reads the
 * active entry's start CHS tuple. */
void mbrcode_identify(const uint8_t *sec0, struct bootcode *out);
const char *bootcode_kind_name(enum bootcode_kind k);	/* "empty", "nt4", "xp", "bootmgr", ... */
const char *bootcode_chs_name(enum bootcode_chs c);	/* "never", "below-limit", "always", "unknown" */
#endif
