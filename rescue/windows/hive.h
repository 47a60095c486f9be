/* libhivex over hive bytes held in memory: hivex opens only files, so each
 * open writes the bytes to a private temporary directory (mkdtemp, mode
 * 0700) and removes it again at once (the library keeps its own copy). */
#ifndef DM_WINDOWS_HIVE_H
#define DM_WINDOWS_HIVE_H
#include <hivex.h>
#include <stddef.h>
#include <stdint.h>

/* Open bytes read-only, or for writing (HIVEX_OPEN_WRITE). NULL with why. */
hive_h *hive_open_bytes(const uint8_t *b, size_t n, int flags, char *why, size_t whylen);
/* hivex_commit into memory: 0 with *out (to free) and *outn, or -1 with why. */
int hive_commit_bytes(hive_h *h, uint8_t **out, size_t *outn, char *why, size_t whylen);
/* The node at a '\'-separated path below node (case-insensitive, as hivex
 * matches names), or 0. */
hive_node_h hive_path(hive_h *h, hive_node_h node, const char *path);
/* A REG_DWORD value of node, or -1 when absent or of another type. */
int64_t hive_dword(hive_h *h, hive_node_h node, const char *name);
/* A string value (REG_SZ/REG_EXPAND_SZ) as UTF-8, to free, or NULL. */
char *hive_string(hive_h *h, hive_node_h node, const char *name);
/* The base block's sequence numbers (offsets 4 and 8); -1 when n is too small. */
int hive_sequence(const uint8_t *b, size_t n, uint32_t *s1, uint32_t *s2);
#endif
