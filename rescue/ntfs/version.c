/* The libntfs-3g version for `diskmedic --version`. The library has no call
 * that returns Debian's source version, so the Makefile embeds the contents
 * of NTFS3G_VERSION_FILE (mk/ntfs3g.mk) at compile time. */
#ifndef NTFS3G_VERSION
#define NTFS3G_VERSION "unknown"
#endif

const char *ntfs3g_version(void);

const char *ntfs3g_version(void)
{
	return NTFS3G_VERSION;
}
