/* Version strings; DISKMEDIC_VERSION comes from the Makefile. */
#ifndef DM_VERSION_H
#define DM_VERSION_H
#ifndef DISKMEDIC_VERSION
#define DISKMEDIC_VERSION "0.1-dev"
#endif

/* The Debian source version libntfs-3g was built from (ntfs/version.c),
 * or NULL when this build does not link it. */
const char *ntfs3g_version(void);
/* The same for libhivex (windows/version.c). */
const char *hivex_version(void);
#endif
