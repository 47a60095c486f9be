/* GPT header and partition entries: pure decoding and CRC validation. */
#ifndef DM_GPT_H
#define DM_GPT_H
#include <stddef.h>
#include <stdint.h>

#define GPT_SIGNATURE "EFI PART"
#define GPT_MAX_ENTRIES 16384	/* sanity bound on num_entries */
#define GPT_MAX_ENTRY_SIZE 4096	/* sanity bound on entry_size (the spec uses 128 * 2^n) */

struct gpt_header {
	uint32_t revision, header_size, header_crc;
	uint64_t my_lba, alternate_lba, first_usable, last_usable;
	uint8_t disk_guid[16];
	uint64_t entries_lba;
	uint32_t num_entries, entry_size, entries_crc;
	int header_crc_ok;	/* computed over header_size bytes with the crc field zeroed */
};

struct gpt_entry {
	uint8_t type_guid[16], part_guid[16];
	uint64_t first_lba, last_lba, attributes;
	char name[72 * 2];	/* UTF-16LE name converted to UTF-8 (ASCII-safe, '?' for others) */
};

/* Parse a header sector. Returns 0 if the signature is present and fields are
 * sane (header_size 92..sector size, entry_size >= 128 and multiple of 8 and
 * <= GPT_MAX_ENTRY_SIZE, num_entries <= GPT_MAX_ENTRIES, first_usable <=
 * last_usable); -1 otherwise. header_crc_ok says whether
 * the CRC matched; callers decide what a bad CRC means. */
int gpt_header_parse(const uint8_t *sec, size_t len, struct gpt_header *h);
/* Size of the raw entry array, num_entries * entry_size (no overflow: both are bounded). */
uint64_t gpt_entries_bytes(const struct gpt_header *h);
/* CRC over the raw entry array (num_entries * entry_size bytes). 1 if it matches
 * entries_crc, 0 if not or if len is shorter than the array. */
int gpt_entries_crc_ok(const struct gpt_header *h, const uint8_t *entries, size_t len);
/* Decode entry i of a raw array. Returns 1 if used (type GUID non-zero), 0 if unused, -1 on bounds. */
int gpt_entry_parse(const struct gpt_header *h, const uint8_t *entries, size_t len, uint32_t i,
		    struct gpt_entry *e);
/* Build a header sector (sector-size bytes, zero-padded) from h, recomputing header_crc. */
void gpt_header_build(const struct gpt_header *h, uint8_t *sec, size_t len);
void gpt_guid_str(const uint8_t g[16], char out[37]);	/* mixed-endian textual form */
const char *gpt_type_name(const uint8_t g[16]);		/* "Microsoft basic data", ... or NULL */
#endif
