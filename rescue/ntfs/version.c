/* The libntfs-3g version for `diskmedic --version` and the JSON report. The
 * library has no call that returns Debian's source version, so the Makefile
 * embeds the contents of NTFS3G_VERSION_FILE (mk/ntfs3g.mk) at compile time:
 * the exact source version, which may be older than the newest listed when
 * the archive did not serve that one (docs/ntfs-3g-build.md). */
#include "../version.h"
#include <stddef.h>

const char *ntfs3g_version(void)
{
#ifdef DM_WITH_NTFS3G
#ifdef NTFS3G_VERSION
	return NTFS3G_VERSION;
#else
	return "unknown";
#endif
#else
	return NULL;
#endif
}
