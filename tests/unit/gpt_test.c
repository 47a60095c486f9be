/* GPT: header build/parse round trip against CRCs that sgdisk computed for
 * the same layout, entry decoding (UTF-16 names), GUID text and type names,
 * and malformed headers (huge counts, tiny entry sizes, bad header sizes,
 * truncation, all 0xFF). */
#include <stdlib.h>
#include "check.h"
#include "parse/gpt.h"
#include "parse/le.h"

/* GUID text -> on-disk bytes (first three fields little-endian). */
static void guid(const char *s, uint8_t g[16])
{
	unsigned v[16];
	sscanf(s, "%8x-%4x-%4x-%2x%2x-%2x%2x%2x%2x%2x%2x", &v[0], &v[1], &v[2], &v[3], &v[4], &v[5],
	       &v[6], &v[7], &v[8], &v[9], &v[10]);
	put_le32(g, v[0]);
	put_le16(g + 4, (uint16_t)v[1]);
	put_le16(g + 6, (uint16_t)v[2]);
	for (int i = 0; i < 8; i++)
		g[8 + i] = (uint8_t)v[3 + i];
}

static void put_name(uint8_t *p, const uint16_t *u, int n)
{
	for (int i = 0; i < n; i++)
		put_le16(p + 56 + 2 * i, u[i]);
}

int main(void)
{
	/* The layout of: truncate -s 64M; sgdisk -U 11111111-2222-3333-4444-555555555555
	 *   -n 1:2048:+16M -t 1:EF00 -u 1:AAAAAAAA-BBBB-CCCC-DDDD-EEEEEEEEEEEE -c 1:"EFI system"
	 *   -n 2:0:0 -t 2:0700 -u 2:01234567-89AB-CDEF-0123-456789ABCDEF -c 2:"Données"
	 * whose primary header CRC is 0x7E82684A and entries CRC 0x85FBEB46. */
	static uint8_t ents[128 * 128];
	guid("C12A7328-F81F-11D2-BA4B-00A0C93EC93B", ents);
	guid("AAAAAAAA-BBBB-CCCC-DDDD-EEEEEEEEEEEE", ents + 16);
	put_le64(ents + 32, 2048);
	put_le64(ents + 40, 34815);
	const uint16_t n1[] = { 'E', 'F', 'I', ' ', 's', 'y', 's', 't', 'e', 'm' };
	put_name(ents, n1, 10);
	uint8_t *e2 = ents + 128;
	guid("EBD0A0A2-B9E5-4433-87C0-68B6B72699C7", e2);
	guid("01234567-89AB-CDEF-0123-456789ABCDEF", e2 + 16);
	put_le64(e2 + 32, 34816);
	put_le64(e2 + 40, 131038);
	const uint16_t n2[] = { 'D', 'o', 'n', 'n', 0xE9, 'e', 's' };
	put_name(e2, n2, 7);

	struct gpt_header h = { 0 };
	h.revision = 0x00010000;
	h.header_size = 92;
	h.my_lba = 1;
	h.alternate_lba = 131071;
	h.first_usable = 34;
	h.last_usable = 131038;
	guid("11111111-2222-3333-4444-555555555555", h.disk_guid);
	h.entries_lba = 2;
	h.num_entries = 128;
	h.entry_size = 128;
	h.entries_crc = 0x85FBEB46;

	uint8_t sec[512];
	memset(sec, 0xCC, sizeof sec);
	gpt_header_build(&h, sec, sizeof sec);
	CHECK(memcmp(sec, "EFI PART", 8) == 0);
	CHECK_EQ(le32(sec + 16), 0x7E82684Au);	/* same CRC as sgdisk wrote */
	CHECK_EQ(sec[511], 0);			/* padding zeroed */

	struct gpt_header p;
	CHECK_EQ(gpt_header_parse(sec, sizeof sec, &p), 0);
	CHECK(p.header_crc_ok);
	CHECK_EQ(p.header_crc, 0x7E82684Au);
	CHECK_EQ(p.alternate_lba, 131071);
	CHECK_EQ(p.last_usable, 131038);
	CHECK_EQ(p.num_entries, 128);
	CHECK_EQ(gpt_entries_bytes(&p), 16384);
	CHECK(memcmp(p.disk_guid, h.disk_guid, 16) == 0);
	CHECK(gpt_entries_crc_ok(&p, ents, sizeof ents));
	CHECK(!gpt_entries_crc_ok(&p, ents, sizeof ents - 1));	/* short array */
	CHECK(!gpt_entries_crc_ok(&p, NULL, 0));

	char s[37];
	gpt_guid_str(p.disk_guid, s);
	CHECK_STR(s, "11111111-2222-3333-4444-555555555555");

	struct gpt_entry e;
	CHECK_EQ(gpt_entry_parse(&p, ents, sizeof ents, 0, &e), 1);
	CHECK_EQ(e.first_lba, 2048);
	CHECK_EQ(e.last_lba, 34815);
	CHECK_STR(e.name, "EFI system");
	CHECK_STR(gpt_type_name(e.type_guid), "EFI System");
	gpt_guid_str(e.part_guid, s);
	CHECK_STR(s, "AAAAAAAA-BBBB-CCCC-DDDD-EEEEEEEEEEEE");
	CHECK_EQ(gpt_entry_parse(&p, ents, sizeof ents, 1, &e), 1);
	CHECK_STR(e.name, "Donn?es");	/* non-ASCII -> '?' */
	CHECK_STR(gpt_type_name(e.type_guid), "Microsoft basic data");
	CHECK_EQ(gpt_entry_parse(&p, ents, sizeof ents, 2, &e), 0);	/* unused */
	CHECK_EQ(gpt_entry_parse(&p, ents, sizeof ents, 128, &e), -1);	/* past num_entries */
	CHECK_EQ(gpt_entry_parse(&p, ents, 200, 1, &e), -1);		/* past the buffer */

	/* A surrogate pair is one '?', a full 36-unit name fits. */
	uint8_t one[128] = { 0 };
	guid("0FC63DAF-8483-4772-8E79-3D69D8477DE4", one);
	const uint16_t n3[] = { 'a', 0xD83D, 0xDE00, 'b' };
	put_name(one, n3, 4);
	struct gpt_header h1 = p;
	h1.num_entries = 1;
	CHECK_EQ(gpt_entry_parse(&h1, one, sizeof one, 0, &e), 1);
	CHECK_STR(e.name, "a?b");
	CHECK_STR(gpt_type_name(one), "Linux filesystem");
	for (int i = 0; i < 36; i++)
		put_le16(one + 56 + 2 * i, 'x');
	gpt_entry_parse(&h1, one, sizeof one, 0, &e);
	CHECK_EQ(strlen(e.name), 36);

	/* Type names. */
	uint8_t g[16];
	guid("E3C9E316-0B5C-4DB8-817D-F92DF00215AE", g);
	CHECK_STR(gpt_type_name(g), "Microsoft reserved");
	guid("DE94BBA4-06D1-4D40-A16A-BFD50179D6AC", g);
	CHECK_STR(gpt_type_name(g), "Windows recovery");
	guid("0657FD6D-A4AB-43C4-84E5-0933C84B4F4F", g);
	CHECK_STR(gpt_type_name(g), "Linux swap");
	guid("21686148-6449-6E6F-744E-656564454649", g);
	CHECK_STR(gpt_type_name(g), "BIOS boot");
	guid("E6D6D379-F507-44C2-A23C-238F2A3DF928", g);
	CHECK_STR(gpt_type_name(g), "Linux LVM");
	guid("12345678-1234-1234-1234-123456789ABC", g);
	CHECK(gpt_type_name(g) == NULL);

	/* A flipped bit: still parses, CRC reported bad. */
	uint8_t bad[512];
	memcpy(bad, sec, 512);
	bad[40] ^= 1;
	CHECK_EQ(gpt_header_parse(bad, sizeof bad, &p), 0);
	CHECK(!p.header_crc_ok);
	/* Bytes beyond header_size are outside the CRC. */
	memcpy(bad, sec, 512);
	bad[200] = 0x77;
	gpt_header_parse(bad, sizeof bad, &p);
	CHECK(p.header_crc_ok);

	/* Malformed headers, each built with a valid CRC so only the sanity
	 * checks can refuse them. */
	struct gpt_header m = h;
	m.num_entries = 0xFFFFFFFF;
	gpt_header_build(&m, bad, sizeof bad);
	CHECK_EQ(gpt_header_parse(bad, sizeof bad, &p), -1);
	m = h, m.num_entries = GPT_MAX_ENTRIES + 1;
	gpt_header_build(&m, bad, sizeof bad);
	CHECK_EQ(gpt_header_parse(bad, sizeof bad, &p), -1);
	m = h, m.entry_size = 0;
	gpt_header_build(&m, bad, sizeof bad);
	CHECK_EQ(gpt_header_parse(bad, sizeof bad, &p), -1);
	m = h, m.entry_size = 1;
	gpt_header_build(&m, bad, sizeof bad);
	CHECK_EQ(gpt_header_parse(bad, sizeof bad, &p), -1);
	m = h, m.entry_size = 132;	/* not a multiple of 8 */
	gpt_header_build(&m, bad, sizeof bad);
	CHECK_EQ(gpt_header_parse(bad, sizeof bad, &p), -1);
	m = h, m.entry_size = 0xFFFFFFF8;
	gpt_header_build(&m, bad, sizeof bad);
	CHECK_EQ(gpt_header_parse(bad, sizeof bad, &p), -1);
	m = h, m.first_usable = 200000;
	gpt_header_build(&m, bad, sizeof bad);
	CHECK_EQ(gpt_header_parse(bad, sizeof bad, &p), -1);
	/* entry_parse guards itself too, whatever header it is handed. */
	struct gpt_header z = h;
	z.entry_size = 0;
	CHECK_EQ(gpt_entry_parse(&z, ents, sizeof ents, 0, &e), -1);
	z.entry_size = 0xFFFFFFF8, z.num_entries = 0xFFFFFFFF;
	CHECK_EQ(gpt_entry_parse(&z, ents, sizeof ents, 0xFFFFFFFE, &e), -1);
	CHECK(!gpt_entries_crc_ok(&z, ents, sizeof ents));

	/* header_size: below 92, or beyond the sector (the CRC would read past it). */
	memcpy(bad, sec, 512);
	put_le32(bad + 12, 91);
	CHECK_EQ(gpt_header_parse(bad, sizeof bad, &p), -1);
	put_le32(bad + 12, 513);
	CHECK_EQ(gpt_header_parse(bad, sizeof bad, &p), -1);
	put_le32(bad + 12, 0xFFFFFFFF);
	CHECK_EQ(gpt_header_parse(bad, sizeof bad, &p), -1);
	put_le32(bad + 12, 512);	/* the whole sector: allowed, CRC now differs */
	CHECK_EQ(gpt_header_parse(bad, sizeof bad, &p), 0);
	CHECK(!p.header_crc_ok);
	/* A 4096-byte sector header with header_size 92 parses the same. */
	static uint8_t big[4096];
	gpt_header_build(&h, big, sizeof big);
	CHECK_EQ(gpt_header_parse(big, sizeof big, &p), 0);
	CHECK(p.header_crc_ok);

	/* Truncated, missing signature, all 0xFF, NULL. */
	CHECK_EQ(gpt_header_parse(sec, 91, &p), -1);
	uint8_t *t = malloc(100);	/* exact-size heap copy: ASan catches overreads */
	memcpy(t, sec, 100);
	CHECK_EQ(gpt_header_parse(t, 100, &p), 0);	/* header_size 92 fits: no overread */
	CHECK(p.header_crc_ok);
	put_le32(t + 12, 101);				/* one byte more than there is */
	CHECK_EQ(gpt_header_parse(t, 100, &p), -1);
	free(t);
	memset(bad, 0xFF, sizeof bad);
	CHECK_EQ(gpt_header_parse(bad, sizeof bad, &p), -1);
	memcpy(bad, "EFI PART", 8);
	CHECK_EQ(gpt_header_parse(bad, sizeof bad, &p), -1);
	CHECK_EQ(gpt_header_parse(NULL, 512, &p), -1);
	memset(bad, 0, sizeof bad);
	CHECK_EQ(gpt_header_parse(bad, sizeof bad, &p), -1);
	return check_done("gpt");
}
