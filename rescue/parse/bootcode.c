/* Boot code identification by observable behaviour: the strings the code
 * prints or loads, and the INT 13h calls it prepares. See docs/bootcode.md
 * for each fingerprint and the reason behind it. Pure: bytes in, struct out. */
#define _GNU_SOURCE	/* memmem */
#include <stdio.h>
#include <string.h>
#include "bootcode.h"
#include "le.h"

#define SIG_OFF 0x1FE		/* 55 AA: the code area of a VBR ends here */
#define MBR_CODE_END 440	/* an MBR's code ends at the disk signature */
#define NTFS_CODE_START 0x54	/* after the NTFS extended BPB */
#define PROBE_WINDOW 16		/* max distance between mov ah,41h and mov bx,55AAh */

/* A byte range that holds code, and where it sits for evidence offsets. */
struct area { const uint8_t *p; size_t len; size_t base; };

/* Where needle first occurs in a, as an evidence offset, or -1. Exact
 * searches go to memmem (musl's is linear time: this runs over 8 KiB of
 * $Boot code for every needle, for every check that reads the VBR). The one
 * case-insensitive search compares folded bytes; needle is lower-case. */
static long find(struct area a, const void *needle, size_t n, int nocase)
{
	if (!nocase) {
		const uint8_t *hit = a.len && n ? memmem(a.p, a.len, needle, n) : NULL;
		return hit ? (long)(a.base + (size_t)(hit - a.p)) : -1;
	}
	const uint8_t *s = needle;
	for (size_t i = 0; a.len >= n && i <= a.len - n; i++) {
		size_t k = 0;
		for (; k < n; k++) {
			uint8_t x = a.p[i + k], y = s[k];
			if (x >= 'A' && x <= 'Z')
				x += 32;
			if (x != y)
				break;
		}
		if (k == n)
			return (long)(a.base + i);
	}
	return -1;
}

/* Search an ASCII string, then its UTF-16LE form (BOOTMGR's VBR keeps the
 * loader name as a UTF-16 string for the NTFS lookup). needle must be
 * lower-case when nocase is set. */
static long find_str(const struct area *as, int nas, const char *needle, int nocase)
{
	size_t n = strlen(needle);
	uint8_t wide[64];
	for (int i = 0; i < nas; i++) {
		long at = find(as[i], needle, n, nocase);
		if (at >= 0)
			return at;
	}
	if (2 * n > sizeof wide)
		return -1;
	for (size_t k = 0; k < n; k++) {
		wide[2 * k] = (uint8_t)needle[k];
		wide[2 * k + 1] = 0;
	}
	for (int i = 0; i < nas; i++) {
		long at = find(as[i], wide, 2 * n, nocase);
		if (at >= 0)
			return at;
	}
	return -1;
}

/* The INT 13h extensions check: "mov ah,41h" (B4 41) and "mov bx,55AAh"
 * (BB AA 55), in either order, within PROBE_WINDOW bytes of each other.
 * Code that asks this question is prepared to read by LBA. */
static long find_probe(const struct area *as, int nas)
{
	static const uint8_t ah41[] = { 0xB4, 0x41 }, bx55aa[] = { 0xBB, 0xAA, 0x55 };
	for (int i = 0; i < nas; i++) {
		struct area a = as[i];
		for (size_t off = 0; off + 2 <= a.len; off++) {
			if (memcmp(a.p + off, ah41, 2) != 0)
				continue;
			size_t lo = off > PROBE_WINDOW ? off - PROBE_WINDOW : 0;
			size_t hi = off + 2 + PROBE_WINDOW;
			if (hi > a.len)
				hi = a.len;
			struct area w = { a.p + lo, hi - lo, a.base + lo };
			if (find(w, bx55aa, 3, 0) >= 0)
				return (long)(a.base + off);
		}
	}
	return -1;
}

/* Where the first sector's code lives. An NTFS VBR's code starts after its
 * extended BPB; other VBRs start where their first jump lands (EB rel8 or
 * E9 rel16), which skips whatever BPB they carry; anything else is treated
 * as an MBR whose code runs from 0 up to the disk signature. */
static void code_area(const uint8_t *sec, size_t *start, size_t *end)
{
	*start = 0;
	*end = MBR_CODE_END;
	long target = -1;
	if (memcmp(sec + 3, "NTFS    ", 8) == 0)
		target = NTFS_CODE_START;
	else if (sec[0] == 0xEB)
		target = 2 + (int8_t)sec[1];
	else if (sec[0] == 0xE9)
		target = 3 + (int16_t)le16(sec + 1);
	if (target >= 3 && target < SIG_OFF) {
		*start = (size_t)target;
		*end = SIG_OFF;
	}
}

static void set(struct bootcode *out, enum bootcode_kind k, enum bootcode_chs c)
{
	out->kind = k;
	out->chs_use = c;
}

void bootcode_identify(const uint8_t *sec, size_t len, const uint8_t *extra, size_t extra_len,
		       struct bootcode *out)
{
	memset(out, 0, sizeof *out);
	char *ev = out->evidence;
	const size_t evsz = sizeof out->evidence;
	if (!sec || len < 512) {
		set(out, BOOTCODE_UNKNOWN, CHS_UNKNOWN);
		snprintf(ev, evsz, "boot sector shorter than 512 bytes");
		return;
	}

	size_t start, end;
	code_area(sec, &start, &end);
	size_t i = start + 1;
	while (i < end && sec[i] == sec[start])
		i++;
	if (i == end) {
		set(out, BOOTCODE_EMPTY, CHS_NEVER);
		snprintf(ev, evsz, "code area 0x%zx..0x%zx all 0x%02x", start, end - 1, sec[start]);
		return;
	}

	/* Search the first sector's code and the following sectors as one
	 * piece of code; offsets in evidence count from the first sector. */
	struct area as[2] = { { sec + start, end - start, start }, { extra, extra ? extra_len : 0, len } };
	int nas = extra && extra_len ? 2 : 1;
	long probe = find_probe(as, nas);
	char pr[40];
	if (probe >= 0)
		snprintf(pr, sizeof pr, "AH=41h probe at 0x%lx", probe);
	else
		snprintf(pr, sizeof pr, "no AH=41h probe");

	long at;
	if ((at = find_str(as, nas, "BOOTMGR", 0)) >= 0) {
		set(out, BOOTCODE_BOOTMGR, CHS_NEVER);
		snprintf(ev, evsz, "string BOOTMGR at 0x%lx, %s", at, pr);
	} else if ((at = find_str(as, nas, "NTLDR", 0)) >= 0) {
		if (probe >= 0)
			set(out, BOOTCODE_XP, CHS_BELOW_LIMIT);
		else
			set(out, BOOTCODE_NT4, CHS_ALWAYS);
		snprintf(ev, evsz, "string NTLDR at 0x%lx, %s", at, pr);
	} else if ((at = find_str(as, nas, "GRUB ", 0)) >= 0 ||
		   (at = find(as[0], "Geom\0Hard Disk\0Read\0 Error", 26, 0)) >= 0) {
		set(out, BOOTCODE_GRUB, CHS_UNKNOWN);
		snprintf(ev, evsz, "GRUB signature at 0x%lx, %s", at, pr);
	} else if (memcmp(sec + 3, "SYSLINUX", 8) == 0 || memcmp(sec + 3, "EXTLINUX", 8) == 0) {
		set(out, BOOTCODE_SYSLINUX, CHS_UNKNOWN);
		snprintf(ev, evsz, "OEM id %.8s at 0x3, %s", (const char *)sec + 3, pr);
	} else if ((at = find_str(as, nas, "SYSLINUX", 0)) >= 0 ||
		   (at = find_str(as, nas, "EXTLINUX", 0)) >= 0 ||
		   (at = find_str(as, nas, "ISOLINUX", 0)) >= 0 ||
		   (at = find_str(as, nas, "isolinux.bin", 0)) >= 0) {
		set(out, BOOTCODE_SYSLINUX, CHS_UNKNOWN);
		snprintf(ev, evsz, "SYSLINUX family string at 0x%lx, %s", at, pr);
	} else if ((at = find_str(as, nas, "not a bootable disk", 1)) >= 0) {
		set(out, BOOTCODE_NONBOOT, CHS_NEVER);
		snprintf(ev, evsz, "placeholder message \"not a bootable disk\" at 0x%lx", at);
	} else {
		set(out, BOOTCODE_UNKNOWN, CHS_UNKNOWN);
		snprintf(ev, evsz, "no known signature, %s", pr);
	}
}

/* MBR code by behaviour and name (docs/bootcode.md): the strings it prints,
 * the extensions probe, and the TPM measurement Vista added ("cmp ebx,
 * 'TCPA'"). What matters is whether the code reads the active entry's start
 * CHS tuple: syslinux's, GRUB's and Vista's read by LBA when the INT 13h
 * extensions exist, which every BIOS of this century has; NT 2000/XP's reads
 * by CHS below cylinder 1024 even then; DOS's and NT 4's by CHS always. */
void mbrcode_identify(const uint8_t *sec0, struct bootcode *out)
{
	memset(out, 0, sizeof *out);
	char *ev = out->evidence;
	const size_t evsz = sizeof out->evidence;
	size_t i = 1;
	while (i < MBR_CODE_END && sec0[i] == sec0[0])
		i++;
	if (i == MBR_CODE_END) {
		set(out, BOOTCODE_EMPTY, CHS_NEVER);
		snprintf(ev, evsz, "code area 0x0..0x1b7 all 0x%02x", sec0[0]);
		return;
	}
	struct area a = { sec0, MBR_CODE_END, 0 };
	long probe = find_probe(&a, 1), at;
	char pr[40];
	if (probe >= 0)
		snprintf(pr, sizeof pr, "AH=41h probe at 0x%lx", probe);
	else
		snprintf(pr, sizeof pr, "no AH=41h probe");
	if ((at = find(a, "Multiple active partitions", 26, 0)) >= 0) {
		set(out, BOOTCODE_SYSLINUX, probe >= 0 ? CHS_NEVER : CHS_ALWAYS);
		snprintf(ev, evsz, "syslinux message at 0x%lx, %s", at, pr);
	} else if ((at = find(a, "GRUB ", 5, 0)) >= 0 || (at = find(a, "Geom\0Hard Disk\0Read\0 Error", 26, 0)) >= 0) {
		set(out, BOOTCODE_GRUB, probe >= 0 ? CHS_NEVER : CHS_ALWAYS);
		snprintf(ev, evsz, "GRUB signature at 0x%lx, %s", at, pr);
	} else if ((at = find(a, "Invalid partition table", 23, 0)) >= 0) {
		long tcpa = find(a, "TCPA", 4, 0);
		if (tcpa >= 0 && probe >= 0) {
			set(out, BOOTCODE_WIN_VISTA_MBR, CHS_NEVER);
			snprintf(ev, evsz, "Windows message at 0x%x, TCPA at 0x%x, %s", (unsigned)at, (unsigned)tcpa, pr);
		} else {
			set(out, BOOTCODE_WIN_NT_MBR, probe >= 0 ? CHS_BELOW_LIMIT : CHS_ALWAYS);
			snprintf(ev, evsz, "Windows message at 0x%lx, no TCPA, %s", at, pr);
		}
	} else {
		set(out, BOOTCODE_UNKNOWN, CHS_UNKNOWN);
		snprintf(ev, evsz, "no known signature, %s", pr);
	}
}

const char *bootcode_chs_name(enum bootcode_chs c)
{
	switch (c) {
	case CHS_NEVER: return "never";
	case CHS_BELOW_LIMIT: return "below-limit";
	case CHS_ALWAYS: return "always";
	case CHS_UNKNOWN: return "unknown";
	}
	return "unknown";
}

const char *bootcode_kind_name(enum bootcode_kind k)
{
	switch (k) {
	case BOOTCODE_EMPTY: return "empty";
	case BOOTCODE_NONBOOT: return "nonboot";
	case BOOTCODE_NT4: return "nt4";
	case BOOTCODE_XP: return "xp";
	case BOOTCODE_BOOTMGR: return "bootmgr";
	case BOOTCODE_SYSLINUX: return "syslinux";
	case BOOTCODE_GRUB: return "grub";
	case BOOTCODE_UNKNOWN: return "unknown";
	case BOOTCODE_WIN_NT_MBR: return "windows-nt";
	case BOOTCODE_WIN_VISTA_MBR: return "windows-vista";
	}
	return "unknown";
}
