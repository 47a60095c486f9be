/* CRC-32 as GPT uses it: polynomial 0x04C11DB7 reflected (0xEDB88320),
 * initial value and final XOR 0xFFFFFFFF.
 *
 * Computed bit by bit rather than with a lookup table: GPT arrays are at most
 * a few hundred KiB, speed does not matter, and a table would be either global
 * state (built at run time) or 256 magic constants to get wrong. */
#include "crc32.h"

uint32_t crc32_update(uint32_t crc, const uint8_t *buf, size_t len)
{
	crc = ~crc;	/* undo the previous final XOR, so calls chain */
	for (size_t i = 0; i < len; i++) {
		crc ^= buf[i];
		for (int k = 0; k < 8; k++)
			crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
	}
	return ~crc;
}

uint32_t crc32_ieee(const uint8_t *buf, size_t len)
{
	return crc32_update(0, buf, len);
}
