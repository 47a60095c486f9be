/* GPT header and entry array decoding. Input: the header sector (the first
 * 512 bytes, or all of it if shorter) followed by the raw entry array. */
#include "fuzz.h"
#include "../../rescue/parse/gpt.h"
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t hlen = size < 512 ? size : 512;
	struct gpt_header h;
	if (gpt_header_parse(data, hlen, &h) != 0) return 0;
	const uint8_t *ent = data + hlen;
	size_t elen = size - hlen;
	(void)gpt_entries_crc_ok(&h, ent, elen);
	FUZZ_ASSERT(gpt_entries_bytes(&h) <= (uint64_t)GPT_MAX_ENTRIES * GPT_MAX_ENTRY_SIZE);
	for (uint32_t i = 0; i < h.num_entries; i++) {
		struct gpt_entry e;
		int r = gpt_entry_parse(&h, ent, elen, i, &e);
		if (r < 0) break;	/* the array ends here */
		char s[37];
		gpt_guid_str(e.type_guid, s);
		FUZZ_ASSERT(strlen(s) == 36);
		(void)gpt_type_name(e.type_guid);
		FUZZ_ASSERT(memchr(e.name, 0, sizeof e.name) != NULL);
	}
	/* A rebuilt header (what the GPT restore writes) must parse back to
	 * the same fields with a good CRC. */
	uint8_t sec[512];
	struct gpt_header b;
	gpt_header_build(&h, sec, sizeof sec);
	FUZZ_ASSERT(gpt_header_parse(sec, sizeof sec, &b) == 0);
	FUZZ_ASSERT(b.header_crc_ok);
	FUZZ_ASSERT(b.my_lba == h.my_lba && b.alternate_lba == h.alternate_lba);
	FUZZ_ASSERT(b.entries_lba == h.entries_lba && b.num_entries == h.num_entries);
	FUZZ_ASSERT(b.entry_size == h.entry_size && b.entries_crc == h.entries_crc);
	FUZZ_ASSERT(b.first_usable == h.first_usable && b.last_usable == h.last_usable);
	return 0;
}
