/* The libhivex version for `diskmedic --version` and the JSON report: the
 * Debian source version the Makefile embeds (mk/hivex.mk), as for libntfs-3g. */
#include "../version.h"

const char *hivex_version(void)
{
#ifdef HIVEX_VERSION
	return HIVEX_VERSION;
#else
	return "unknown";
#endif
}
