/* MBR decoding: entries, CHS packing, signatures, protective MBRs, and
 * malformed input (short buffers, all-0xFF sectors). */
#include "check.h"
#include "parse/mbr.h"
#include "parse/le.h"

static void put_entry(uint8_t *sec, int i, uint8_t status, uint8_t type, struct chs a, struct chs b,
		      uint32_t lba, uint32_t n)
{
	uint8_t *p = sec + MBR_TABLE_OFF + 16 * i;
	p[0] = status;
	chs_encode(a, p + 1);
	p[4] = type;
	chs_encode(b, p + 5);
	put_le32(p + 8, lba);
	put_le32(p + 12, n);
}

int main(void)
{
	uint8_t sec[512] = { 0 };
	struct mbr m;

	/* CHS packing: cylinder bits 8-9 live in the sector byte's top bits. */
	uint8_t b[3];
	chs_encode((struct chs){ 1023, 254, 63 }, b);
	CHECK_EQ(b[0], 0xFE);
	CHECK_EQ(b[1], 0xFF);
	CHECK_EQ(b[2], 0xFF);
	struct chs c = chs_decode(b);
	CHECK_EQ(c.cyl, 1023);
	CHECK_EQ(c.head, 254);
	CHECK_EQ(c.sect, 63);
	chs_encode((struct chs){ 261, 21, 16 }, b);
	c = chs_decode(b);
	CHECK(c.cyl == 261 && c.head == 21 && c.sect == 16);
	chs_encode((struct chs){ 5000, 300, 99 }, b);	/* out of range: clamped, not wrapped */
	c = chs_decode(b);
	CHECK(c.cyl == 1023 && c.head == 255 && c.sect == 63);

	/* A typical one-partition NTFS disk. */
	put_entry(sec, 0, 0x80, 0x07, (struct chs){ 0, 32, 33 }, (struct chs){ 261, 21, 16 }, 2048, 4192256);
	put_le32(sec + MBR_DISKSIG_OFF, 0x1A2B3C4D);
	sec[510] = 0x55;
	sec[511] = 0xAA;
	CHECK_EQ(mbr_parse(sec, sizeof sec, &m), 0);
	CHECK(m.has_signature);
	CHECK_EQ(m.disk_signature, 0x1A2B3C4D);
	CHECK(m.boot_code_empty);	/* table and disk signature are not code */
	CHECK_EQ(m.e[0].status, 0x80);
	CHECK_EQ(m.e[0].type, 0x07);
	CHECK_EQ(m.e[0].lba_first, 2048);
	CHECK_EQ(m.e[0].sectors, 4192256);
	CHECK(m.e[0].chs_first.cyl == 0 && m.e[0].chs_first.head == 32 && m.e[0].chs_first.sect == 33);
	CHECK(m.e[0].chs_last.cyl == 261 && m.e[0].chs_last.head == 21 && m.e[0].chs_last.sect == 16);
	CHECK_EQ(m.e[1].type, 0);
	CHECK(!m.is_protective);

	/* boot_code_empty looks at bytes 0..439 only. */
	uint8_t s2[512] = { 0 };
	put_le32(s2 + MBR_DISKSIG_OFF, 0xDEADBEEF);
	CHECK_EQ(mbr_parse(s2, sizeof s2, &m), 0);
	CHECK(m.boot_code_empty);
	CHECK(!m.has_signature);
	s2[0] = 0xFA;
	mbr_parse(s2, sizeof s2, &m);
	CHECK(!m.boot_code_empty);

	/* Protective MBR. */
	uint8_t p[512] = { 0 };
	put_entry(p, 0, 0, 0xEE, (struct chs){ 0, 0, 2 }, (struct chs){ 1023, 255, 63 }, 1, 0xFFFFFFFF);
	p[510] = 0x55, p[511] = 0xAA;
	mbr_parse(p, sizeof p, &m);
	CHECK(m.is_protective);
	CHECK_EQ(m.e[0].sectors, 0xFFFFFFFFu);

	/* Malformed: short buffers and NULL are refused, the struct zeroed. */
	CHECK_EQ(mbr_parse(sec, 511, &m), -1);
	CHECK_EQ(m.e[0].type, 0);
	CHECK_EQ(mbr_parse(sec, 0, &m), -1);
	CHECK_EQ(mbr_parse(NULL, 512, &m), -1);

	/* All 0xFF: decodes (it is just bytes), nothing is invented. */
	uint8_t ff[512];
	memset(ff, 0xFF, sizeof ff);
	CHECK_EQ(mbr_parse(ff, sizeof ff, &m), 0);
	CHECK(!m.has_signature);
	CHECK(!m.boot_code_empty);
	CHECK_EQ(m.e[3].status, 0xFF);
	CHECK_EQ(m.e[3].lba_first, 0xFFFFFFFFu);
	CHECK(m.e[3].chs_last.cyl == 1023 && m.e[3].chs_last.sect == 63);

	/* Types. */
	CHECK(mbr_type_is_extended(0x05));
	CHECK(mbr_type_is_extended(0x0F));
	CHECK(mbr_type_is_extended(0x85));
	CHECK(!mbr_type_is_extended(0x07));
	CHECK(!mbr_type_is_extended(0xEE));
	CHECK_STR(mbr_type_name(0x07), "NTFS/exFAT");
	CHECK_STR(mbr_type_name(0x0C), "FAT32 LBA");
	CHECK_STR(mbr_type_name(0xEE), "GPT protective");
	CHECK_STR(mbr_type_name(0x99), "unknown");
	return check_done("mbr");
}
