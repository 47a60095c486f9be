/* CRC-32 (IEEE 802.3, reflected, as used by GPT). */
#ifndef DM_CRC32_H
#define DM_CRC32_H
#include <stddef.h>
#include <stdint.h>
uint32_t crc32_ieee(const uint8_t *buf, size_t len);
/* Continue a CRC over more bytes: crc32_update(crc32_ieee(a, n), b, m) equals
 * the CRC of a followed by b. crc32_update(0, p, n) == crc32_ieee(p, n). */
uint32_t crc32_update(uint32_t crc, const uint8_t *buf, size_t len);
#endif
