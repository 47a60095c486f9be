/* Geometry sources: "H/S" parsing, LBA -> CHS, the MBR-CHS guess, the
 * qemu+SeaBIOS prediction (the two sizes measured under qemu 7.2 and blank
 * MBRs), and EDD matching against a fake sysfs tree. */
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include "check.h"
#include "geom/geometry.h"
#include "parse/le.h"

static void entry(uint8_t *sec, int i, uint8_t type, struct chs a, struct chs b, uint32_t lba, uint32_t n)
{
	uint8_t *p = sec + 446 + 16 * i;
	p[4] = type;
	chs_encode(a, p + 1);
	chs_encode(b, p + 5);
	put_le32(p + 8, lba);
	put_le32(p + 12, n);
	sec[510] = 0x55, sec[511] = 0xAA;
}

/* An entry whose CHS tuples are written under geometry H/S (clipped to
 * 1023/H-1/S beyond cylinder 1023, as partitioning tools do). */
static void entry_under(uint8_t *sec, int i, uint8_t type, uint32_t lba, uint32_t n, unsigned H, unsigned S)
{
	struct geometry g = { .heads = H, .sectors = S };
	struct chs a, b;
	lba_to_chs(lba, &g, &a);
	lba_to_chs((uint64_t)lba + n - 1, &g, &b);
	entry(sec, i, type, a, b, lba, n);
}

static int mbrchs(const uint8_t *sec, struct geometry *g)
{
	struct mbr m;
	mbr_parse(sec, 512, &m);
	return geom_from_mbr_chs(&m, g);
}

static void put_file(const char *dir, const char *name, const char *text)
{
	char p[512];
	snprintf(p, sizeof p, "%s/%s", dir, name);
	FILE *f = fopen(p, "w");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

static void edd_dev(const char *root, const char *dev, const char *sig, const char *mh, const char *spt)
{
	char d[512];
	snprintf(d, sizeof d, "%s/sys/firmware/edd/%s", root, dev);
	mkdir(d, 0755);
	if (sig)
		put_file(d, "mbr_signature", sig);
	if (mh)
		put_file(d, "legacy_max_head", mh);
	if (spt)
		put_file(d, "legacy_sectors_per_track", spt);
}

int main(void)
{
	struct geometry g;
	struct chs c;
	uint8_t sec[512];

	/* ---- names and "H/S" ---- */
	CHECK_STR(geom_source_name(GEOM_EDD), "edd");
	CHECK_STR(geom_source_name(GEOM_MBR_CHS), "mbr-chs");
	CHECK_STR(geom_source_name(GEOM_QEMU), "qemu");
	CHECK_STR(geom_source_name(GEOM_USER), "user");
	CHECK_EQ(geom_parse_user("128/63", &g), 0);
	CHECK(g.heads == 128 && g.sectors == 63 && g.source == GEOM_USER);
	CHECK_EQ(geom_parse_user("255/63", &g), 0);
	CHECK_EQ(geom_parse_user("1/1", &g), 0);
	const char *bad[] = { "", "/", "128", "128/", "/63", "0/63", "256/63", "255/0", "255/64",
			      "-1/63", "12a/63", "128/63x", " 128/63", "128 /63", "1000/63",
			      "99999999999999999999/63", "128//63", "128/63/1" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		CHECK_EQ(geom_parse_user(bad[i], &g), -1);
		CHECK_EQ(g.heads, 0);
	}
	CHECK_EQ(geom_parse_user(NULL, &g), -1);

	/* ---- LBA -> CHS ---- */
	struct geometry g255 = { .heads = 255, .sectors = 63 }, g128 = { .heads = 128, .sectors = 63 };
	CHECK_EQ(lba_to_chs(0, &g255, &c), 0);
	CHECK(c.cyl == 0 && c.head == 0 && c.sect == 1);
	CHECK_EQ(lba_to_chs(2048, &g255, &c), 0);
	CHECK(c.cyl == 0 && c.head == 32 && c.sect == 33);
	CHECK_EQ(lba_to_chs(4194303, &g255, &c), 0);
	CHECK(c.cyl == 261 && c.head == 21 && c.sect == 16);
	CHECK_EQ(lba_to_chs(4194303, &g128, &c), 0);
	CHECK(c.cyl == 520 && c.head == 16 && c.sect == 16);
	CHECK_EQ(lba_to_chs(1024ull * 255 * 63 - 1, &g255, &c), 0);
	CHECK(c.cyl == 1023 && c.head == 254 && c.sect == 63);
	CHECK_EQ(lba_to_chs(1024ull * 255 * 63, &g255, &c), -1);	/* beyond CHS */
	CHECK(c.cyl == 1023 && c.head == 254 && c.sect == 63);
	CHECK_EQ(lba_to_chs(~0ull, &g255, &c), -1);
	struct geometry g0 = { 0 };
	CHECK_EQ(lba_to_chs(5, &g0, &c), -1);				/* no geometry */

	/* ---- MBR CHS ---- */
	/* The bytes sfdisk 2.38 writes for "start=2048" on a 2 GiB image:
	 * 0/32/33 .. 261/21/16, not on a cylinder boundary. */
	static const uint8_t sfdisk_2g[16] = { 0x80, 0x20, 0x21, 0x00, 0x07, 0x15, 0x50, 0x05,
					       0x00, 0x08, 0x00, 0x00, 0x00, 0xf8, 0x3f, 0x00 };
	memset(sec, 0, sizeof sec);
	memcpy(sec + 446, sfdisk_2g, 16);
	sec[510] = 0x55, sec[511] = 0xAA;
	CHECK_EQ(mbrchs(sec, &g), 0);
	CHECK_EQ(g.heads, 255);			/* libfdisk's end-CHS rule alone says 22/16 */
	CHECK_EQ(g.sectors, 63);
	CHECK_EQ(g.source, GEOM_MBR_CHS);
	/* The same partition written under 128/63 (seed 000's working disk). */
	memset(sec, 0, sizeof sec);
	entry_under(sec, 0, 0x07, 2048, 4192256, 128, 63);
	CHECK_EQ(mbrchs(sec, &g), 0);
	CHECK(g.heads == 128 && g.sectors == 63);
	/* Old DOS style: start at 63, end on a cylinder boundary, two entries. */
	memset(sec, 0, sizeof sec);
	entry_under(sec, 0, 0x07, 63, 260 * 16065 - 63, 255, 63);
	entry_under(sec, 1, 0x0C, 260 * 16065, 1 * 16065, 255, 63);
	CHECK_EQ(mbrchs(sec, &g), 0);
	CHECK(g.heads == 255 && g.sectors == 63);
	/* Odd geometries are found too: 16/63 and 240/63 and 64/32. */
	unsigned odd[][2] = { { 16, 63 }, { 240, 63 }, { 64, 32 }, { 255, 62 } };
	for (size_t i = 0; i < 4; i++) {
		memset(sec, 0, sizeof sec);
		entry_under(sec, 0, 0x83, 2048, 204800, odd[i][0], odd[i][1]);
		entry_under(sec, 1, 0x83, 206848, 409600, odd[i][0], odd[i][1]);
		CHECK_EQ(mbrchs(sec, &g), 0);
		CHECK_EQ(g.heads, odd[i][0]);
		CHECK_EQ(g.sectors, odd[i][1]);
	}
	/* A 40 GiB disk: the end is past cylinder 1023, written 1023/254/63. */
	memset(sec, 0, sizeof sec);
	entry_under(sec, 0, 0x07, 2048, 83886080 - 2048, 255, 63);
	CHECK_EQ(sec[446 + 5], 254);
	CHECK_EQ(mbrchs(sec, &g), 0);
	CHECK(g.heads == 255 && g.sectors == 63);
	/* Nothing usable: no entries; CHS fields zero; CHS contradicting LBA. */
	memset(sec, 0, sizeof sec);
	CHECK_EQ(mbrchs(sec, &g), -1);
	CHECK(strstr(g.note, "no used") != NULL);
	entry(sec, 0, 0x07, (struct chs){ 0, 0, 0 }, (struct chs){ 0, 0, 0 }, 2048, 4192256);
	CHECK_EQ(mbrchs(sec, &g), -1);
	CHECK(strstr(g.note, "no used MBR entry has CHS") != NULL);
	entry(sec, 0, 0x07, (struct chs){ 0, 1, 1 }, (struct chs){ 261, 21, 16 }, 2048, 4192256);
	CHECK_EQ(mbrchs(sec, &g), -1);	/* 0/1/1 cannot be LBA 2048 */
	CHECK(strstr(g.note, "contradict") != NULL);
	/* Inside cylinder 0 the heads are free: the end-CHS rule decides... */
	memset(sec, 0, sizeof sec);
	entry(sec, 0, 0x01, (struct chs){ 0, 1, 1 }, (struct chs){ 0, 5, 63 }, 63, 315);
	CHECK_EQ(mbrchs(sec, &g), 0);
	CHECK(g.heads == 6 && g.sectors == 63);
	/* ...unless the entries' ends disagree: then we cannot choose. */
	entry(sec, 1, 0x01, (struct chs){ 0, 6, 1 }, (struct chs){ 0, 7, 63 }, 378, 126);
	CHECK_EQ(mbrchs(sec, &g), -1);
	CHECK(strstr(g.note, "cannot choose") != NULL);
	/* One garbage tuple (the active entry's start CHS, poked) does not veto
	 * the geometry the other tuples agree on... */
	memset(sec, 0, sizeof sec);
	entry_under(sec, 0, 0x07, 2048, 204800, 255, 63);
	entry_under(sec, 1, 0x07, 206848, 204800, 255, 63);
	entry_under(sec, 2, 0x07, 411648, 204800, 255, 63);
	chs_encode((struct chs){ 77, 3, 9 }, sec + 446 + 1);
	CHECK_EQ(mbrchs(sec, &g), 0);
	CHECK(g.heads == 255 && g.sectors == 63 && g.source == GEOM_MBR_CHS);
	CHECK(strstr(g.note, "5 of the 6") != NULL);
	/* ...nor do two of six (a garbage end tuple as well)... */
	chs_encode((struct chs){ 5, 100, 1 }, sec + 446 + 16 + 5);
	CHECK_EQ(mbrchs(sec, &g), 0);
	CHECK(g.heads == 255 && g.sectors == 63);
	/* But an entry written whole under 16 heads among two under 128/63 is
	 * a second opinion (a tool with another geometry), not garbage: no
	 * geometry, though 128/63 fits more tuples. */
	memset(sec, 0, sizeof sec);
	entry_under(sec, 0, 0x07, 2048, 204800, 16, 63);
	entry_under(sec, 1, 0x07, 206848, 204800, 128, 63);
	entry_under(sec, 2, 0x07, 411648, 204800, 128, 63);
	CHECK_EQ(mbrchs(sec, &g), -1);
	CHECK(strstr(g.note, "another geometry") != NULL);
	/* No majority: one entry's start against its own end... */
	memset(sec, 0, sizeof sec);
	entry_under(sec, 0, 0x07, 2048, 204800, 255, 63);
	chs_encode((struct chs){ 77, 3, 9 }, sec + 446 + 1);
	CHECK_EQ(mbrchs(sec, &g), -1);
	CHECK(strstr(g.note, "contradict") != NULL);
	/* ...two entries under 255/63 against two under 128/63... */
	memset(sec, 0, sizeof sec);
	entry_under(sec, 0, 0x07, 2048, 204800, 255, 63);
	entry_under(sec, 1, 0x07, 206848, 204800, 255, 63);
	entry_under(sec, 2, 0x07, 411648, 204800, 128, 63);
	entry_under(sec, 3, 0x07, 616448, 204800, 128, 63);
	CHECK_EQ(mbrchs(sec, &g), -1);	/* 128/63 fits 5 of 8 (2048 is 0/32/33 under both) */
	/* ...and a majority made only of cylinder-1023 bounds (a big disk whose
	 * only exact tuple is the garbage one) pins nothing down. */
	memset(sec, 0, sizeof sec);
	entry_under(sec, 0, 0x07, 2048, 83886080, 255, 63);
	entry_under(sec, 1, 0x07, 83888128, 83886080, 255, 63);
	chs_encode((struct chs){ 77, 3, 9 }, sec + 446 + 1);
	CHECK_EQ(mbrchs(sec, &g), -1);
	CHECK(strstr(g.note, "fewer than two") != NULL);
	/* All-0xFF table: huge LBAs, 1023/255/63 tuples; must not crash. */
	memset(sec, 0xFF, sizeof sec);
	mbrchs(sec, &g);
	CHECK(g.heads <= 256 && g.sectors <= 63);

	/* ---- qemu + SeaBIOS ---- */
	/* Measured in qemu 7.2: 2 GiB, MBR implying 255 heads -> 128/63. */
	memset(sec, 0, sizeof sec);
	entry_under(sec, 0, 0x07, 63, 261 * 16065 - 63, 255, 63);	/* ends at 260/254/63 */
	CHECK_EQ(sec[446 + 5], 254);
	CHECK_EQ(geom_predict_qemu(sec, 4194304, &g), 0);
	CHECK_EQ(g.heads, 128);
	CHECK_EQ(g.sectors, 63);
	CHECK_EQ(g.source, GEOM_QEMU);
	CHECK(strstr(g.note, "large") != NULL);
	/* sfdisk's modern 2 GiB table (end head 21) lands in the same place. */
	memset(sec, 0, sizeof sec);
	memcpy(sec + 446, sfdisk_2g, 16);
	sec[510] = 0x55, sec[511] = 0xAA;
	CHECK_EQ(geom_predict_qemu(sec, 4194304, &g), 0);
	CHECK(g.heads == 128 && g.sectors == 63);
	/* Measured: 40 GiB, MBR implying 255 heads -> 255/63 (LBA translation). */
	memset(sec, 0, sizeof sec);
	entry_under(sec, 0, 0x07, 2048, 83886080 - 2048, 255, 63);
	CHECK_EQ(geom_predict_qemu(sec, 83886080, &g), 0);
	CHECK(g.heads == 255 && g.sectors == 63);
	CHECK(strstr(g.note, "lba") != NULL);
	/* Blank MBR (no 55 AA): size decides. 2 GiB -> 4161 cylinders -> LBA ->
	 * 66576 tracks / 1024 = 65 -> 128 heads. */
	memset(sec, 0, sizeof sec);
	CHECK_EQ(geom_predict_qemu(sec, 4194304, &g), 0);
	CHECK(g.heads == 128 && g.sectors == 63);
	CHECK(strstr(g.note, "no geometry") != NULL);
	CHECK_EQ(geom_predict_qemu(NULL, 4194304, &g), 0);
	CHECK(g.heads == 128 && g.sectors == 63);
	/* Blank and small (100 MiB, 203 cylinders): no translation, 16/63. */
	CHECK_EQ(geom_predict_qemu(sec, 204800, &g), 0);
	CHECK(g.heads == 16 && g.sectors == 63);
	/* Blank 40 GiB: LBA, more than 1024*255*63 sectors -> 255/63. */
	CHECK_EQ(geom_predict_qemu(sec, 83886080, &g), 0);
	CHECK(g.heads == 255 && g.sectors == 63);
	/* Blank 512 MiB: 1040 cylinders -> LBA -> 16644/1024 = 16 -> 16 heads. */
	CHECK_EQ(geom_predict_qemu(sec, 1048576, &g), 0);
	CHECK(g.heads == 16 && g.sectors == 63);
	/* Blank 1 GiB: 33288/1024 = 32 -> 32 heads. */
	CHECK_EQ(geom_predict_qemu(sec, 2097152, &g), 0);
	CHECK(g.heads == 32 && g.sectors == 63);
	/* 55 AA but no entries: same as blank. */
	sec[510] = 0x55, sec[511] = 0xAA;
	CHECK_EQ(geom_predict_qemu(sec, 4194304, &g), 0);
	CHECK(g.heads == 128 && g.sectors == 63);
	/* 3 GiB, 255 heads: 6241*16 <= 131072 -> LARGE -> 780/128/63.
	 * 4 GiB: 8322*16 > 131072 -> LBA -> 133152/1024 = 130 -> 255. */
	entry_under(sec, 0, 0x07, 63, 6291456 - 63 - 20000, 255, 63);
	sec[446 + 5] = 254, sec[446 + 6] = 63;	/* force a cylinder-boundary end */
	CHECK_EQ(geom_predict_qemu(sec, 6291456, &g), 0);
	CHECK(g.heads == 128 && g.sectors == 63);
	CHECK_EQ(geom_predict_qemu(sec, 8388608, &g), 0);
	CHECK(g.heads == 255 && g.sectors == 63);
	/* MBR implying 16 heads: used as is, no translation (cylinders clipped). */
	memset(sec, 0, sizeof sec);
	entry_under(sec, 0, 0x06, 63, 4161 * 1008 - 63, 16, 63);
	CHECK_EQ(geom_predict_qemu(sec, 4194304, &g), 0);
	CHECK(g.heads == 16 && g.sectors == 63);
	CHECK(strstr(g.note, "none translation") != NULL);
	/* The first usable entry wins; entries with end head 0 or sector 0 are
	 * skipped; one implying more than 16383 cylinders is skipped. */
	memset(sec, 0, sizeof sec);
	entry(sec, 0, 0x07, (struct chs){ 0, 1, 1 }, (struct chs){ 5, 0, 63 }, 63, 1000);
	entry(sec, 1, 0x07, (struct chs){ 0, 1, 1 }, (struct chs){ 5, 7, 0 }, 63, 1000);
	entry(sec, 2, 0x07, (struct chs){ 0, 1, 1 }, (struct chs){ 5, 1, 1 }, 63, 1000);	/* 2x1: too many cyls */
	entry(sec, 3, 0x07, (struct chs){ 0, 1, 1 }, (struct chs){ 5, 7, 32 }, 63, 1000);	/* 8x32 */
	CHECK_EQ(geom_predict_qemu(sec, 2097152, &g), 0);	/* 8192 cylinders of 8x32 */
	CHECK(g.heads == 8 && g.sectors == 32);
	CHECK(strstr(g.note, "entry 4") != NULL);
	/* Zero-size and all-0xFF disks. */
	CHECK_EQ(geom_predict_qemu(sec, 0, &g), -1);
	memset(sec, 0xFF, sizeof sec);
	CHECK_EQ(geom_predict_qemu(sec, ~0ull, &g), 0);
	CHECK(g.heads == 255 && g.sectors == 63);
	CHECK_EQ(geom_predict_qemu(sec, 1, &g), 0);	/* 1 sector: cylinders clamp to 2 */
	CHECK(g.heads == 16 && g.sectors == 63);

	/* ---- EDD ---- */
	char root[] = "/tmp/dm-edd-XXXXXX", d[256];
	CHECK(mkdtemp(root) != NULL);
	CHECK_EQ(geom_from_edd(root, 0x1A2B3C4D, &g), -1);		/* no edd dir */
	CHECK(strstr(g.note, "no /sys/firmware/edd") != NULL);
	snprintf(d, sizeof d, "%s/sys", root), mkdir(d, 0755);
	snprintf(d, sizeof d, "%s/sys/firmware", root), mkdir(d, 0755);
	snprintf(d, sizeof d, "%s/sys/firmware/edd", root), mkdir(d, 0755);
	edd_dev(root, "int13_dev80", "0x1a2b3c4d\n", "254\n", "63\n");
	edd_dev(root, "int13_dev81", "0x00c0ffee\n", "127\n", "63\n");
	edd_dev(root, "int13_dev82", "0xdeadbeef\n", NULL, NULL);	/* 7th+ drive: no geometry */
	edd_dev(root, "int13_dev83", NULL, "15\n", "63\n");		/* no signature file */
	edd_dev(root, "int13_dev84", "garbage\n", "15\n", "63\n");
	CHECK_EQ(geom_from_edd(root, 0x1A2B3C4D, &g), 0);
	CHECK(g.heads == 255 && g.sectors == 63 && g.source == GEOM_EDD);
	CHECK(strstr(g.note, "int13_dev80") != NULL);
	CHECK_EQ(geom_from_edd(root, 0x00C0FFEE, &g), 0);
	CHECK(g.heads == 128 && g.sectors == 63);
	CHECK_EQ(geom_from_edd(root, 0x12345678, &g), -1);		/* no match */
	CHECK(strstr(g.note, "no BIOS drive") != NULL);
	CHECK_EQ(geom_from_edd(root, 0, &g), -1);			/* zero signature */
	CHECK(strstr(g.note, "is 0") != NULL);
	CHECK_EQ(geom_from_edd(root, 0xDEADBEEF, &g), -1);		/* matched, no geometry */
	CHECK(strstr(g.note, "no usable legacy geometry") != NULL);
	/* A cloned disk: two BIOS drives with one signature. */
	edd_dev(root, "int13_dev85", "0x1a2b3c4d\n", "254\n", "63\n");
	CHECK_EQ(geom_from_edd(root, 0x1A2B3C4D, &g), -1);
	CHECK(strstr(g.note, "shared by 2") != NULL);
	CHECK_EQ(g.heads, 0);
	/* Out-of-range values are not a geometry. */
	edd_dev(root, "int13_dev86", "0x0badf00d", "300", "63");
	CHECK_EQ(geom_from_edd(root, 0x0BADF00D, &g), -1);
	edd_dev(root, "int13_dev87", "0x0badcafe", "254", "0");
	CHECK_EQ(geom_from_edd(root, 0x0BADCAFE, &g), -1);
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
	CHECK_EQ(system(cmd), 0);
	return check_done("geometry");
}
