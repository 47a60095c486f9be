/* MBR/EBR table sector decoding: any bytes, any length. The EBR chain walk
 * lives in the probe and is fuzzed by fuzz_probe. */
#include "fuzz.h"
#include "../../rescue/parse/mbr.h"
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mbr m;
	int r = mbr_parse(data, size, &m);
	FUZZ_ASSERT((r == 0) == (size >= 512));
	if (r != 0) return 0;
	for (int i = 0; i < 4; i++) {
		const uint8_t *raw = data + MBR_TABLE_OFF + 16 * i;
		/* The 3-byte CHS form is lossless: decoding and encoding again
		 * must give back the same bytes, or CHS fixes would corrupt. */
		uint8_t back[3];
		chs_encode(chs_decode(raw + 1), back);
		FUZZ_ASSERT(memcmp(back, raw + 1, 3) == 0);
		chs_encode(m.e[i].chs_last, back);
		FUZZ_ASSERT(memcmp(back, raw + 5, 3) == 0);
		FUZZ_ASSERT(mbr_type_name(m.e[i].type) != NULL);
		(void)mbr_type_is_extended(m.e[i].type);
	}
	return 0;
}
