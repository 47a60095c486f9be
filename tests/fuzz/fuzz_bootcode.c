/* Boot code identification. Input: byte 0 splits the rest into the boot
 * sector and the following boot-code sectors (NTFS keeps 15 more). */
#include "fuzz.h"
#include "../../rescue/parse/bootcode.h"
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1) return 0;
	size_t seclen = size - 1 < 512 ? size - 1 : 512;
	const uint8_t *sec = data + 1, *extra = data[0] & 1 ? sec + seclen : NULL;
	size_t extra_len = extra ? size - 1 - seclen : 0;
	struct bootcode bc;
	bootcode_identify(sec, seclen, extra, extra_len, &bc);
	FUZZ_ASSERT(bootcode_kind_name(bc.kind) != NULL);
	FUZZ_ASSERT(memchr(bc.evidence, 0, sizeof bc.evidence) != NULL);
	return 0;
}
