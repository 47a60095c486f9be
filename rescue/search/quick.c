/* The quick search: partitions start at a few kinds of places. Look there
 * only: the first and last few MiB sector by sector (LBA 63, 2048, the first
 * cylinder; backups of a last volume, the GPT backup), then every 1 MiB
 * boundary, cylinder boundary and cylinder+63 (logical partitions) in
 * between, skipping the inside of every volume already confirmed. Each
 * position costs one 8-sector read: the sector before it (a backup NTFS
 * boot sector ending the previous volume), the boot sector, the ext
 * superblock and the FAT32 backup boot sector (p+6). */
#include "search.h"
#include "ext_sb.h"
#include "../lib/util.h"
#include "../probe/probe.h"
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define WINDOW (9u << 20)	/* bytes: past the first cylinder (16065 sectors) */
#define CYL 16065u		/* 255 heads x 63 sectors: what every DOS-era tool used */
#define VERIFY_READS 4096

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

static void gpt_seen(void *ctx, uint64_t lba, const uint8_t *sec) { (void)ctx, (void)lba, (void)sec; }

/* Classify [lba, lba+n) read in one go. */
static void scan_range(struct disk *d, struct search_result *r, uint64_t lba, uint64_t n, uint8_t *buf)
{
	if (lba >= d->nsec) return;
	if (n > d->nsec - lba) n = d->nsec - lba;
	r->reads++;
	r->bytes_read += n * d->ssz;
	if (probe_read_sectors(d, lba, (uint32_t)n, buf) != 0) return;
	classify_buffer(buf, n * d->ssz, lba * d->ssz, d->ssz, d->nsec, &r->c, gpt_seen, NULL);
}

static uint64_t next_multiple(uint64_t p, uint64_t m, uint64_t plus)
{
	if (p < plus) return plus;
	return ((p - plus) / m + 1) * m + plus;
}

/* The end of a confirmed volume that starts at lba, or lba. */
static uint64_t skip_volume(struct disk *d, struct search_result *r, uint64_t lba)
{
	search_assemble(r, d->nsec);
	search_verify(d, r, 8);
	for (int i = 0; i < r->nvols; i++)
		if (r->vols[i].chosen && r->vols[i].start == lba) return lba + r->vols[i].sectors - 1;
	return lba;
}

void search_quick(struct disk *d, int budget, struct search_result *r)
{
	double t0 = now();
	uint64_t mib = (1u << 20) / d->ssz, win = WINDOW / d->ssz;
	if (win > d->nsec) win = d->nsec;
	uint8_t *buf = xmalloc((size_t)win * d->ssz);
	if (!r->c.max) claims_init(&r->c, 1 << 16);
	scan_range(d, r, 0, win, buf);
	scan_range(d, r, d->nsec - win, win, buf);
	search_assemble(r, d->nsec);
	search_verify(d, r, VERIFY_READS);
	/* The volumes found so far are not searched inside. */
	uint64_t p = win > 2 ? win - 2 : 1, end = d->nsec > win ? d->nsec - win : 0;
	int left = budget;
	while (p < end) {
		int inside = 0;
		for (int i = 0; i < r->nvols; i++)
			if (r->vols[i].chosen && p > r->vols[i].start && p < r->vols[i].start + r->vols[i].sectors - 1) {
				p = r->vols[i].start + r->vols[i].sectors - 1;
				inside = 1;
			}
		if (!inside) {
			if (budget && left-- <= 0) {
				r->budget_exhausted = 1;
				break;
			}
			int before = r->c.n;
			scan_range(d, r, p - 1, 8, buf);
			if (r->c.n != before) p = skip_volume(d, r, p);
		}
		uint64_t a = next_multiple(p, mib, 0), b = next_multiple(p, CYL, 0), c = next_multiple(p, CYL, 63);
		p = a < b ? a : b;
		p = p < c ? p : c;
	}
	search_assemble(r, d->nsec);
	search_verify(d, r, VERIFY_READS);
	search_blkid_next(d, r);
	search_identify(d, r);
	search_gpt_evidence(d, r);
	search_bootcode(d, r);
	free(buf);
	r->seconds = now() - t0;
}

void search_result_free(struct search_result *r)
{
	claims_free(&r->c);
	free(r->vols);
	free(r->gpt.entries);
	memset(r, 0, sizeof *r);
}
