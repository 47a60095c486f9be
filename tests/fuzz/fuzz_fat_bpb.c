/* FAT12/16/32 boot sector decoding. */
#include "fuzz.h"
#include "../../rescue/parse/fat_bpb.h"
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fat_bpb b;
	if (fat_bpb_parse(data, size, &b) != 0) return 0;
	FUZZ_ASSERT(size >= 512);
	FUZZ_ASSERT(b.kind == FAT12 || b.kind == FAT16 || b.kind == FAT32);
	FUZZ_ASSERT(b.bytes_per_sector && b.sectors_per_cluster && b.num_fats);
	FUZZ_ASSERT(memchr(b.label, 0, sizeof b.label) != NULL);
	return 0;
}
