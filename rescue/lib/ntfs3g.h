/* The one place diskmedic includes libntfs-3g's headers, in the order they
 * need. param.h comes first: it sets the CACHE_* sizes that decide the layout
 * of ntfs_volume and ntfs_inode, and volume.h does not include it itself, so
 * without it our view of those structs would differ from the library's.
 * ntfs-3g's types (le16, BOOL, ...) clash with parse/le.h's helpers: files
 * that include this one do not decode raw disk bytes themselves. */
#ifndef DM_LIB_NTFS3G_H
#define DM_LIB_NTFS3G_H
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <ntfs-3g/param.h>
#include <ntfs-3g/types.h>
#include <ntfs-3g/layout.h>
#include <ntfs-3g/volume.h>
#include <ntfs-3g/device.h>
#include <ntfs-3g/inode.h>
#include <ntfs-3g/attrib.h>
#include <ntfs-3g/dir.h>
#include <ntfs-3g/logfile.h>
#include <ntfs-3g/logging.h>
#include <ntfs-3g/mst.h>
#include <ntfs-3g/unistr.h>
#endif
