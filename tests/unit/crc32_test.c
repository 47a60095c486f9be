/* CRC-32: the standard check value, chaining, and the empty input. */
#include "check.h"
#include "parse/crc32.h"

int main(void)
{
	const uint8_t s[] = "123456789";
	CHECK_EQ(crc32_ieee(s, 9), 0xCBF43926u);	/* the catalogued check value */
	CHECK_EQ(crc32_ieee(s, 0), 0);
	CHECK_EQ(crc32_update(crc32_ieee(s, 4), s + 4, 5), 0xCBF43926u);
	CHECK_EQ(crc32_update(0, s, 9), crc32_ieee(s, 9));
	uint8_t z[32] = { 0 };
	CHECK_EQ(crc32_ieee(z, 32), 0x190A55ADu);
	uint8_t ff[4] = { 0xFF, 0xFF, 0xFF, 0xFF };
	CHECK_EQ(crc32_ieee(ff, 4), 0xFFFFFFFFu);
	return check_done("crc32");
}
