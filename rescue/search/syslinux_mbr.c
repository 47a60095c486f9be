/* SYSLINUX's generic MBR boot code (Debian syslinux-common, GPL-2.0), offered
 * when a rebuilt MBR has an empty code area. It is embedded at build time from
 * the installed file, so the tree carries no copy of it; a build without the
 * package gets an empty array and the fix is not offered. */
#if defined(__has_include)
#if __has_include("/usr/lib/syslinux/mbr/mbr.bin")
#define HAVE_SYSLINUX_MBR 1
#endif
#endif

#ifdef HAVE_SYSLINUX_MBR
__asm__(".section .rodata\n"
	".global syslinux_mbr\n"
	".type syslinux_mbr, @object\n"
	"syslinux_mbr:\n"
	".incbin \"/usr/lib/syslinux/mbr/mbr.bin\"\n"
	"syslinux_mbr_end:\n"
	".global syslinux_mbr_len\n"
	".type syslinux_mbr_len, @object\n"
	".balign 4\n"
	"syslinux_mbr_len:\n"
	".long syslinux_mbr_end - syslinux_mbr\n"
	".previous\n");
#else
const unsigned char syslinux_mbr[1];
const unsigned syslinux_mbr_len = 0;
#endif
