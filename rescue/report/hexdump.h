/* hexdump -C style dumps, optionally marking bytes that differ from another buffer. */
#ifndef DM_HEXDUMP_H
#define DM_HEXDUMP_H
#include <stddef.h>
#include <stdint.h>
#include "../lib/util.h"

/* Dump n bytes of buf, labelled from address base. If other is non-NULL,
 * bytes that differ from other[i] are marked with '*' after them... in the
 * style "1a*". mark_char: printed after differing bytes (0 = none). */
void hexdump_sb(struct sb *out, const uint8_t *buf, size_t n, uint64_t base, const uint8_t *other, int color);
#endif
