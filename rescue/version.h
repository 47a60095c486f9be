/* Version strings. DISKMEDIC_VERSION comes from build/gen/dm-version.h, which
 * the Makefile rewrites only when `git describe` changes (so that only the
 * files including this one are rebuilt); builds without it (the fuzz targets,
 * the unit tests) define it themselves or get the fallback. */
#ifndef DM_VERSION_H
#define DM_VERSION_H
#if !defined(DISKMEDIC_VERSION) && defined(__has_include)
#if __has_include("dm-version.h")
#include "dm-version.h"
#endif
#endif
#ifndef DISKMEDIC_VERSION
#define DISKMEDIC_VERSION "0.1-dev"
#endif

/* The Debian source version libntfs-3g was built from (ntfs/version.c),
 * or NULL when this build does not link it. */
const char *ntfs3g_version(void);
/* The same for libhivex (windows/version.c). */
const char *hivex_version(void);
#endif
