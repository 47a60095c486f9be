/* hexdump -C style dumps, optionally marking bytes that differ from another buffer. */
#ifndef DM_HEXDUMP_H
#define DM_HEXDUMP_H
#include <stddef.h>
#include <stdint.h>
#include "util.h"

/* Dump n bytes of buf, addressed from base. If other is non-NULL, each byte
 * that differs from other[i] is followed by '<' instead of a space. */
void hexdump_sb(struct sb *out, const uint8_t *buf, size_t n, uint64_t base, const uint8_t *other);
#endif
