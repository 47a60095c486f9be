/* Boot code fingerprints. The fixtures are synthetic: a BPB, a few filler
 * instructions, and the behaviour under test (a message, the INT 13h
 * extensions probe) placed where real code keeps it. No vendor code. */
#include "check.h"
#include "parse/bootcode.h"
#include "parse/le.h"

static uint8_t sec[512], extra[1024];

/* An NTFS VBR skeleton: jump, OEM id, some BPB values, code area filled
 * with a harmless pattern (cli; xor ax,ax; nop...). */
static void ntfs_vbr(void)
{
	memset(sec, 0, sizeof sec);
	memcpy(sec, "\xEB\x52\x90NTFS    ", 11);
	put_le16(sec + 0x0B, 512);
	sec[0x0D] = 8;
	for (int i = 0x54; i < 0x1FE; i++)
		sec[i] = (uint8_t)(0x90 + (i & 3));	/* varied, so not "empty" */
	sec[0x54] = 0xFA, sec[0x55] = 0x33, sec[0x56] = 0xC0;
	sec[510] = 0x55, sec[511] = 0xAA;
	memset(extra, 0, sizeof extra);
}

static void put(uint8_t *p, const void *s, size_t n) { memcpy(p, s, n); }

static struct bootcode id(size_t extra_len)
{
	struct bootcode b;
	bootcode_identify(sec, sizeof sec, extra_len ? extra : NULL, extra_len, &b);
	return b;
}

int main(void)
{
	struct bootcode b;

	/* Empty: all-zero sector (MBR code area 0..439), with a partition table. */
	memset(sec, 0, sizeof sec);
	sec[446] = 0x80, sec[450] = 0x07, sec[510] = 0x55, sec[511] = 0xAA;
	b = id(0);
	CHECK_EQ(b.kind, BOOTCODE_EMPTY);
	CHECK_EQ(b.chs_use, CHS_NEVER);
	CHECK(strstr(b.evidence, "all 0x00") != NULL);
	/* All 0xFF is "empty" too: one repeated byte runs nothing useful. */
	memset(sec, 0xFF, sizeof sec);
	CHECK_EQ(id(0).kind, BOOTCODE_EMPTY);
	/* NTFS VBR whose code area 0x54..0x1FD was wiped: BPB does not count. */
	ntfs_vbr();
	memset(sec + 0x54, 0, 0x1FE - 0x54);
	b = id(0);
	CHECK_EQ(b.kind, BOOTCODE_EMPTY);
	CHECK(strstr(b.evidence, "0x54..0x1fd") != NULL);

	/* NT4: NTLDR messages, no AH=41h probe -> CHS always. */
	ntfs_vbr();
	put(sec + 0x180, "A disk read error occurred\0NTLDR is missing\0NTLDR is compressed", 63);
	b = id(0);
	CHECK_EQ(b.kind, BOOTCODE_NT4);
	CHECK_EQ(b.chs_use, CHS_ALWAYS);
	CHECK(strstr(b.evidence, "NTLDR at 0x19b") != NULL);
	CHECK(strstr(b.evidence, "no AH=41h probe") != NULL);

	/* XP: the same plus "mov ah,41h; mov bx,55AAh" -> CHS below the limit. */
	put(sec + 0x80, "\xB4\x41\xBB\xAA\x55\x8A\x16\x24\x00\xCD\x13", 11);
	b = id(0);
	CHECK_EQ(b.kind, BOOTCODE_XP);
	CHECK_EQ(b.chs_use, CHS_BELOW_LIMIT);
	CHECK(strstr(b.evidence, "probe at 0x80") != NULL);
	/* Either order, a few instructions apart. */
	put(sec + 0x80, "\xBB\xAA\x55\x8A\x16\x24\x00\xB4\x41\xCD\x13", 11);
	CHECK_EQ(id(0).kind, BOOTCODE_XP);
	/* Too far apart: not the probe. */
	memset(sec + 0x80, 0x90, 40);
	put(sec + 0x80, "\xB4\x41", 2);
	put(sec + 0x80 + 30, "\xBB\xAA\x55", 3);
	CHECK_EQ(id(0).kind, BOOTCODE_NT4);
	/* Only half the probe. */
	memset(sec + 0x80, 0x90, 40);
	put(sec + 0x80, "\xB4\x41\xCD\x13", 4);
	CHECK_EQ(id(0).kind, BOOTCODE_NT4);
	/* The probe in the following sectors (NTFS code continues there). */
	put(extra + 0x10, "\xB4\x41\xBB\xAA\x55", 5);
	b = id(sizeof extra);
	CHECK_EQ(b.kind, BOOTCODE_XP);
	CHECK(strstr(b.evidence, "probe at 0x210") != NULL);	/* extra counts from 0x200 */
	/* The probe bytes inside the BPB are not code. */
	ntfs_vbr();
	put(sec + 0x180, "NTLDR", 5);
	put(sec + 0x30, "\xB4\x41\xBB\xAA\x55", 5);
	CHECK_EQ(id(0).kind, BOOTCODE_NT4);

	/* BOOTMGR (Vista+): LBA only, whatever else is there. */
	ntfs_vbr();
	put(sec + 0x180, "A disk read error occurred\0BOOTMGR is missing", 45);
	put(sec + 0x80, "\xB4\x41\xBB\xAA\x55", 5);
	b = id(0);
	CHECK_EQ(b.kind, BOOTCODE_BOOTMGR);
	CHECK_EQ(b.chs_use, CHS_NEVER);
	/* As the UTF-16 file name in the following sectors only. */
	ntfs_vbr();
	put(extra + 0x100, "B\0O\0O\0T\0M\0G\0R\0", 14);
	b = id(sizeof extra);
	CHECK_EQ(b.kind, BOOTCODE_BOOTMGR);
	CHECK(strstr(b.evidence, "0x300") != NULL);
	/* ...and not when the caller does not pass those sectors. */
	CHECK_EQ(id(0).kind, BOOTCODE_UNKNOWN);

	/* Placeholder code from mkntfs / mkfs.fat. */
	ntfs_vbr();
	put(sec + 0x79, "This is not a bootable disk. Please insert a bootable floppy and", 64);
	b = id(0);
	CHECK_EQ(b.kind, BOOTCODE_NONBOOT);
	CHECK_EQ(b.chs_use, CHS_NEVER);
	/* A FAT32 VBR: code starts at the jump target (0x5A), so a volume label
	 * "GRUB" at 0x47 is not mistaken for GRUB's code. */
	memset(sec, 0, sizeof sec);
	put(sec, "\xEB\x58\x90mkfs.fat", 11);
	put(sec + 0x47, "GRUB       FAT32   ", 19);
	put(sec + 0x5A, "\x0E\x1F\xBE\x77\x7C", 5);
	put(sec + 0x80, "this is NOT A BOOTABLE DISK.", 28);	/* case does not matter */
	sec[510] = 0x55, sec[511] = 0xAA;
	CHECK_EQ(id(0).kind, BOOTCODE_NONBOOT);
	/* FAT32 VBR with its code wiped: empty from 0x5A. */
	memset(sec + 0x5A, 0, 0x1FE - 0x5A);
	b = id(0);
	CHECK_EQ(b.kind, BOOTCODE_EMPTY);
	CHECK(strstr(b.evidence, "0x5a..0x1fd") != NULL);

	/* GRUB: boot.img's "GRUB " and its error strings. */
	memset(sec, 0, sizeof sec);
	put(sec, "\xEB\x63\x90", 3);
	for (int i = 0x65; i < 0x180; i++)
		sec[i] = 0x90;
	put(sec + 0x180, "GRUB \0Geom\0Hard Disk\0Read\0 Error\r\n", 34);
	sec[510] = 0x55, sec[511] = 0xAA;
	b = id(0);
	CHECK_EQ(b.kind, BOOTCODE_GRUB);
	CHECK_EQ(b.chs_use, CHS_UNKNOWN);
	sec[0x180] = 'X';			/* only the error strings left */
	CHECK_EQ(id(0).kind, BOOTCODE_GRUB);

	/* SYSLINUX family: the OEM id, or strings in the code. */
	memset(sec, 0, sizeof sec);
	put(sec, "\xEB\x58\x90SYSLINUX", 11);
	put(sec + 0x5A, "\xFA\xFC\x31\xC9", 4);
	b = id(0);
	CHECK_EQ(b.kind, BOOTCODE_SYSLINUX);
	CHECK(strstr(b.evidence, "OEM id SYSLINUX") != NULL);
	memset(sec, 0x90, sizeof sec);
	put(sec + 0x100, "isolinux.bin missing or corrupt.", 32);
	CHECK_EQ(id(0).kind, BOOTCODE_SYSLINUX);

	/* Unknown code: not empty, no known string. The probe is noted. */
	memset(sec, 0, sizeof sec);
	for (int i = 0; i < 440; i++)
		sec[i] = (uint8_t)(i * 7 + 3);
	put(sec + 0x40, "\xB4\x41\xBB\xAA\x55", 5);
	sec[0] = 0xFA;				/* no jump: an MBR */
	b = id(0);
	CHECK_EQ(b.kind, BOOTCODE_UNKNOWN);
	CHECK_EQ(b.chs_use, CHS_UNKNOWN);
	CHECK(strstr(b.evidence, "AH=41h probe at 0x40") != NULL);
	/* MBR strings past 440 belong to the table, not to the code. */
	memset(sec, 0, sizeof sec);
	sec[0] = 0xFA;
	put(sec + 446, "NTLDR", 5);
	CHECK_EQ(id(0).kind, BOOTCODE_UNKNOWN);

	/* Malformed: short, NULL, odd jumps, extra with length but no pointer. */
	bootcode_identify(sec, 100, NULL, 0, &b);
	CHECK_EQ(b.kind, BOOTCODE_UNKNOWN);
	CHECK(strstr(b.evidence, "shorter") != NULL);
	bootcode_identify(NULL, 512, NULL, 0, &b);
	CHECK_EQ(b.kind, BOOTCODE_UNKNOWN);
	memset(sec, 0, sizeof sec);
	put(sec, "\xEB\xFE", 2);			/* jmp $: backwards target, MBR rules */
	CHECK_EQ(id(0).kind, BOOTCODE_UNKNOWN);
	put(sec, "\xEB\x7F", 2);			/* target 0x81 */
	b = id(0);
	CHECK_EQ(b.kind, BOOTCODE_EMPTY);
	put(sec, "\xE9\xFF\x7F", 3);		/* near jump far past the sector */
	CHECK_EQ(id(0).kind, BOOTCODE_UNKNOWN);
	put(sec, "\xE9\x00\x01", 3);		/* near jump to 0x103 */
	CHECK_EQ(id(0).kind, BOOTCODE_EMPTY);
	ntfs_vbr();
	bootcode_identify(sec, sizeof sec, NULL, 4096, &b);
	CHECK_EQ(b.kind, BOOTCODE_UNKNOWN);
	/* A string straddling the end of extra is not read past it. */
	ntfs_vbr();
	put(extra + sizeof extra - 4, "BOOT", 4);
	CHECK_EQ(id(sizeof extra).kind, BOOTCODE_UNKNOWN);

	CHECK_STR(bootcode_kind_name(BOOTCODE_EMPTY), "empty");
	CHECK_STR(bootcode_kind_name(BOOTCODE_NONBOOT), "nonboot");
	CHECK_STR(bootcode_kind_name(BOOTCODE_NT4), "nt4");
	CHECK_STR(bootcode_kind_name(BOOTCODE_XP), "xp");
	CHECK_STR(bootcode_kind_name(BOOTCODE_BOOTMGR), "bootmgr");
	CHECK_STR(bootcode_kind_name(BOOTCODE_SYSLINUX), "syslinux");
	CHECK_STR(bootcode_kind_name(BOOTCODE_GRUB), "grub");
	CHECK_STR(bootcode_kind_name(BOOTCODE_UNKNOWN), "unknown");
	/* MBR code (mbrcode_identify): synthetic code areas with the behaviour
	 * under test: messages, the extensions probe, Vista's TPM check. */
	struct bootcode m;
	memset(sec, 0, sizeof sec);
	sec[446] = 0x80, sec[510] = 0x55, sec[511] = 0xAA;
	mbrcode_identify(sec, &m);
	CHECK_EQ(m.kind, BOOTCODE_EMPTY);
	CHECK_EQ(m.chs_use, CHS_NEVER);
	/* The partition table and signature are not code: still empty. */
	CHECK(strstr(m.evidence, "all 0x00") != NULL);
	/* DOS/NT 4: the messages, no probe: CHS always. */
	for (int i = 0; i < 0x60; i++) sec[i] = (uint8_t)(0x90 + (i & 3));
	put(sec + 0x12B, "Invalid partition table\0Error loading operating system\0Missing operating system", 78);
	mbrcode_identify(sec, &m);
	CHECK_EQ(m.kind, BOOTCODE_WIN_NT_MBR);
	CHECK_EQ(m.chs_use, CHS_ALWAYS);
	CHECK_STR(bootcode_kind_name(m.kind), "windows-nt");
	/* 2000/XP: the same with the probe: CHS below the limit. */
	put(sec + 0x40, "\xB4\x41\xBB\xAA\x55\xCD\x13", 7);
	mbrcode_identify(sec, &m);
	CHECK_EQ(m.kind, BOOTCODE_WIN_NT_MBR);
	CHECK_EQ(m.chs_use, CHS_BELOW_LIMIT);
	CHECK_STR(bootcode_chs_name(m.chs_use), "below-limit");
	/* Vista/7 and later: plus "cmp ebx,'TCPA'": LBA, the tuple is not read. */
	put(sec + 0x50, "\x66\x81\xFB\x54\x43\x50\x41", 7);
	mbrcode_identify(sec, &m);
	CHECK_EQ(m.kind, BOOTCODE_WIN_VISTA_MBR);
	CHECK_EQ(m.chs_use, CHS_NEVER);
	CHECK(strstr(m.evidence, "TCPA at 0x53") != NULL);
	/* syslinux's mbr.bin messages, with the probe: LBA. */
	memset(sec, 0, 440);
	for (int i = 0; i < 0x60; i++) sec[i] = (uint8_t)(0x90 + (i & 3));
	put(sec + 0x20, "\xB4\x41\xBB\xAA\x55", 5);
	put(sec + 0x170, "Missing operating system.\r\nMultiple active partitions.\r\n", 55);
	mbrcode_identify(sec, &m);
	CHECK_EQ(m.kind, BOOTCODE_SYSLINUX);
	CHECK_EQ(m.chs_use, CHS_NEVER);
	/* Code nobody identified: whether it reads CHS is unknown. */
	memset(sec + 0x170, 0x90, 60);
	mbrcode_identify(sec, &m);
	CHECK_EQ(m.kind, BOOTCODE_UNKNOWN);
	CHECK_EQ(m.chs_use, CHS_UNKNOWN);

	return check_done("bootcode");
}
