/* NTFS boot sector decoding and validation. */
#include "fuzz.h"
#include "../../rescue/parse/ntfs_bpb.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct nt_bpb b;
	enum ntfs_bpb_verdict v = nt_bpb_parse(data, size, &b);
	FUZZ_ASSERT(nt_bpb_verdict_str(v) != NULL);
	FUZZ_ASSERT((v == NTFS_BPB_SHORT) == (size < 512));
	if (v == NTFS_BPB_OK) {
		/* What the checks rely on once a BPB is declared usable. */
		FUZZ_ASSERT(b.bytes_per_sector >= 256 && (b.bytes_per_sector & (b.bytes_per_sector - 1)) == 0);
		FUZZ_ASSERT(b.cluster_size && (b.cluster_size & (b.cluster_size - 1)) == 0);
		FUZZ_ASSERT(b.mft_record_size && b.total_sectors);
	}
	return 0;
}
