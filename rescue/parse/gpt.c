/* GPT header and partition entry decoding (UEFI spec, "GUID Partition Table
 * Disk Layout"). Pure: bytes in, struct out. */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "gpt.h"
#include "crc32.h"
#include "le.h"

/* Header field offsets. */
enum {
	H_SIG = 0, H_REV = 8, H_SIZE = 12, H_CRC = 16, H_RSVD = 20, H_MY = 24,
	H_ALT = 32, H_FIRST = 40, H_LAST = 48, H_GUID = 56, H_ENT_LBA = 72,
	H_NENT = 80, H_ENT_SIZE = 84, H_ENT_CRC = 88, H_MIN_SIZE = 92,
};
/* Entry field offsets. */
enum { E_TYPE = 0, E_PART = 16, E_FIRST = 32, E_LAST = 40, E_ATTR = 48, E_NAME = 56, E_NAME_UNITS = 36 };

/* The header CRC covers header_size bytes with the CRC field itself taken
 * as zero. Done in three pieces so the caller's buffer stays const. */
static uint32_t header_crc(const uint8_t *sec, uint32_t size)
{
	static const uint8_t zero4[4];
	uint32_t crc = crc32_ieee(sec, H_CRC);
	crc = crc32_update(crc, zero4, 4);
	return crc32_update(crc, sec + H_RSVD, size - H_RSVD);
}

int gpt_header_parse(const uint8_t *sec, size_t len, struct gpt_header *h)
{
	memset(h, 0, sizeof *h);
	if (!sec || len < H_MIN_SIZE || memcmp(sec + H_SIG, GPT_SIGNATURE, 8) != 0)
		return -1;
	h->revision = le32(sec + H_REV);
	h->header_size = le32(sec + H_SIZE);
	h->header_crc = le32(sec + H_CRC);
	h->my_lba = le64(sec + H_MY);
	h->alternate_lba = le64(sec + H_ALT);
	h->first_usable = le64(sec + H_FIRST);
	h->last_usable = le64(sec + H_LAST);
	memcpy(h->disk_guid, sec + H_GUID, 16);
	h->entries_lba = le64(sec + H_ENT_LBA);
	h->num_entries = le32(sec + H_NENT);
	h->entry_size = le32(sec + H_ENT_SIZE);
	h->entries_crc = le32(sec + H_ENT_CRC);

	/* header_size bounds the CRC's reach, so check it before computing. */
	if (h->header_size < H_MIN_SIZE || h->header_size > len)
		return -1;
	h->header_crc_ok = header_crc(sec, h->header_size) == h->header_crc;

	/* Bounds that keep num_entries * entry_size small enough to read and
	 * impossible to overflow, whatever the disk says. */
	if (h->entry_size < 128 || h->entry_size % 8 || h->entry_size > GPT_MAX_ENTRY_SIZE)
		return -1;
	if (h->num_entries > GPT_MAX_ENTRIES)
		return -1;
	if (h->first_usable > h->last_usable)
		return -1;
	return 0;
}

uint64_t gpt_entries_bytes(const struct gpt_header *h)
{
	return (uint64_t)h->num_entries * h->entry_size;
}

int gpt_entries_crc_ok(const struct gpt_header *h, const uint8_t *entries, size_t len)
{
	uint64_t need = gpt_entries_bytes(h);
	if (!entries || need > len)
		return 0;
	return crc32_ieee(entries, (size_t)need) == h->entries_crc;
}

/* UTF-16LE -> printable ASCII. Anything else (non-ASCII, control characters,
 * a surrogate pair) becomes one '?', so the result is safe in text and JSON
 * reports without escaping surprises. Stops at the first NUL unit. */
static void name_to_ascii(const uint8_t *p, char *out, size_t outsz)
{
	size_t n = 0;
	for (int i = 0; i < E_NAME_UNITS && n + 1 < outsz; i++) {
		uint16_t u = le16(p + 2 * i);
		if (u == 0)
			break;
		if (u >= 0xDC00 && u <= 0xDFFF)
			continue;	/* low surrogate: its high half already gave '?' */
		out[n++] = (u >= 0x20 && u < 0x7F) ? (char)u : '?';
	}
	out[n] = '\0';
}

int gpt_entry_parse(const struct gpt_header *h, const uint8_t *entries, size_t len, uint32_t i,
		    struct gpt_entry *e)
{
	memset(e, 0, sizeof *e);
	if (!entries || i >= h->num_entries || h->entry_size < 128)
		return -1;
	uint64_t off = (uint64_t)i * h->entry_size;
	if (off > len || len - off < 128)
		return -1;
	const uint8_t *p = entries + off;
	memcpy(e->type_guid, p + E_TYPE, 16);
	memcpy(e->part_guid, p + E_PART, 16);
	e->first_lba = le64(p + E_FIRST);
	e->last_lba = le64(p + E_LAST);
	e->attributes = le64(p + E_ATTR);
	name_to_ascii(p + E_NAME, e->name, sizeof e->name);
	for (int k = 0; k < 16; k++)
		if (e->type_guid[k])
			return 1;
	return 0;
}

void gpt_header_build(const struct gpt_header *h, uint8_t *sec, size_t len)
{
	if (!sec || len < H_MIN_SIZE)
		return;
	memset(sec, 0, len);
	/* A header_size the sector cannot hold would make the CRC meaningless;
	 * fall back to the standard 92. */
	uint32_t size = h->header_size;
	if (size < H_MIN_SIZE || size > len)
		size = H_MIN_SIZE;
	memcpy(sec + H_SIG, GPT_SIGNATURE, 8);
	put_le32(sec + H_REV, h->revision);
	put_le32(sec + H_SIZE, size);
	put_le64(sec + H_MY, h->my_lba);
	put_le64(sec + H_ALT, h->alternate_lba);
	put_le64(sec + H_FIRST, h->first_usable);
	put_le64(sec + H_LAST, h->last_usable);
	memcpy(sec + H_GUID, h->disk_guid, 16);
	put_le64(sec + H_ENT_LBA, h->entries_lba);
	put_le32(sec + H_NENT, h->num_entries);
	put_le32(sec + H_ENT_SIZE, h->entry_size);
	put_le32(sec + H_ENT_CRC, h->entries_crc);
	put_le32(sec + H_CRC, crc32_ieee(sec, size));	/* CRC field is still zero here */
}

void gpt_guid_str(const uint8_t g[16], char out[37])
{
	/* The first three fields are stored little-endian, the last two as bytes. */
	snprintf(out, 37, "%08X-%04X-%04X-%02X%02X-%02X%02X%02X%02X%02X%02X",
		 (unsigned)le32(g), (unsigned)le16(g + 4), (unsigned)le16(g + 6),
		 g[8], g[9], g[10], g[11], g[12], g[13], g[14], g[15]);
}

const char *gpt_type_name(const uint8_t g[16])
{
	static const struct { const char *guid, *name; } types[] = {
		{ "C12A7328-F81F-11D2-BA4B-00A0C93EC93B", "EFI System" },
		{ "EBD0A0A2-B9E5-4433-87C0-68B6B72699C7", "Microsoft basic data" },
		{ "E3C9E316-0B5C-4DB8-817D-F92DF00215AE", "Microsoft reserved" },
		{ "DE94BBA4-06D1-4D40-A16A-BFD50179D6AC", "Windows recovery" },
		{ "5808C8AA-7E8F-42E0-85D2-E1E90434CFB3", "Microsoft LDM metadata" },
		{ "AF9B60A0-1431-4F62-BC68-3311714A69AD", "Microsoft LDM data" },
		{ "0FC63DAF-8483-4772-8E79-3D69D8477DE4", "Linux filesystem" },
		{ "0657FD6D-A4AB-43C4-84E5-0933C84B4F4F", "Linux swap" },
		{ "E6D6D379-F507-44C2-A23C-238F2A3DF928", "Linux LVM" },
		{ "A19D880F-05FC-4D3B-A006-743F0F84911E", "Linux RAID" },
		{ "21686148-6449-6E6F-744E-656564454649", "BIOS boot" },
		{ "4F68BCE3-E8CD-4DB1-96E7-FBCAF984B709", "Linux root (x86-64)" },
		{ "48465300-0000-11AA-AA11-00306543ECAC", "Apple HFS+" },
	};
	char s[37];
	gpt_guid_str(g, s);
	for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
		if (strcasecmp(s, types[i].guid) == 0)
			return types[i].name;
	return NULL;
}
