#include "hexdump.h"
#include <ctype.h>

/* One line per 16 bytes: address, bytes, ASCII. A byte that differs from the
 * other buffer is followed by '<' instead of a space, so a change stands out
 * on a dumb serial terminal as well as in a log. */
void hexdump_sb(struct sb *out, const uint8_t *buf, size_t n, uint64_t base, const uint8_t *other)
{
	uint64_t start = base & ~(uint64_t)15;
	uint64_t end = base + n;
	for (uint64_t line = start; line < end; line += 16) {
		sb_addf(out, "%08llx  ", (unsigned long long)line);
		for (int i = 0; i < 16; i++) {
			uint64_t a = line + i;
			if (a < base || a >= end) sb_add(out, "   ");
			else {
				size_t k = (size_t)(a - base);
				int diff = other && other[k] != buf[k];
				sb_addf(out, "%02x%c", buf[k], diff ? '<' : ' ');
			}
			if (i == 7) sb_add(out, " ");
		}
		sb_add(out, " |");
		for (int i = 0; i < 16; i++) {
			uint64_t a = line + i;
			if (a < base || a >= end) sb_add(out, " ");
			else {
				uint8_t c = buf[a - base];
				char s[2] = {isprint(c) ? (char)c : '.', 0};
				sb_add(out, s);
			}
		}
		sb_add(out, "|\n");
	}
}
