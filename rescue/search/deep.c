/* The deep search: one sequential pass over the whole disk in large aligned
 * reads (O_DIRECT on block devices, so the page cache neither slows the pass
 * nor is flushed by it), every sector classified. Memory stays at one buffer
 * plus the bounded claim list. The holes of a sparse image file read as
 * zeros and hold nothing to find: SEEK_DATA skips them. */
#define _GNU_SOURCE
#include "search.h"
#include "progress.h"
#include "../lib/util.h"
#include "../parse/gpt.h"
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Reads through the page cache (image files) are a copy into our buffer;
 * a buffer that stays in the L2 cache lets the classify pass read it back
 * for free. O_DIRECT reads from a device want to be large instead. */
#define CHUNK_FILE (512u << 10)
#define CHUNK_DEVICE (4u << 20)
#define MAX_CLAIMS (1 << 18)	/* about 16 MiB at most */
#define VERIFY_READS 8192

static void gpt_seen(void *ctx, uint64_t lba, const uint8_t *sec)
{
	struct search_result *r = ctx;
	struct gpt_header h;
	if (r->gpt.header_found || gpt_header_parse(sec, 512, &h) != 0) return;
	r->gpt.header_found = 1;
	r->gpt.header_lba = lba;
	r->gpt.h = h;
}

/* Read len bytes at off; short reads at the end of a device are normal. */
static ssize_t read_full(int fd, uint8_t *buf, size_t len, uint64_t off)
{
	size_t got = 0;
	while (got < len) {
		ssize_t n = pread(fd, buf + got, len - got, (off_t)(off + got));
		if (n < 0 && errno == EINTR) continue;
		if (n <= 0) return got ? (ssize_t)got : n;
		got += (size_t)n;
	}
	return (ssize_t)got;
}

void search_deep(struct disk *d, int quiet, int read_holes, struct search_result *r)
{
	struct progress pg;
	int fd = d->dev->fd, own = 0;
	if (d->dev->is_blockdev) {
		int f = open(d->dev->path, O_RDONLY | O_DIRECT | O_CLOEXEC);
		if (f >= 0) fd = f, own = 1;
	} else if (!d->dev->img) {
		posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
	}
	size_t chunk = own ? CHUNK_DEVICE : CHUNK_FILE;
	void *mem;
	if (posix_memalign(&mem, 4096, chunk) != 0) {
		msg("deep search: out of memory");
		return;
	}
	uint8_t *buf = mem;
	claims_init(&r->c, MAX_CLAIMS);
	uint64_t size = d->nsec * d->ssz, off = 0, data_end = 0;
	progress_start(&pg, size, quiet);
	while (off < size) {
		if (!d->dev->is_blockdev && !d->dev->img && !read_holes && off >= data_end) {
			off_t data = lseek(fd, (off_t)off, SEEK_DATA), hole;
			if (data < 0 && errno == ENXIO) {	/* only a hole is left */
				r->holes_skipped += size - off;
				off = size;
				break;
			}
			if (data < 0 || (hole = lseek(fd, data, SEEK_HOLE)) < 0) {
				data_end = size;	/* no SEEK_DATA here: read everything */
			} else {
				uint64_t to = (uint64_t)data / d->ssz * d->ssz;
				if (to > off) r->holes_skipped += to - off, off = to;
				data_end = (uint64_t)hole > size ? size : (uint64_t)hole;
				if (off >= size) break;
			}
		}
		size_t len = size - off < chunk ? (size_t)(size - off) : chunk;
		if (!d->dev->is_blockdev && !d->dev->img && !read_holes && data_end - off < len) len = (size_t)(data_end - off);
		/* A VM disk image has no raw file descriptor: through qemu-nbd. */
		ssize_t n = d->dev->img ? (dev_read(d->dev, off, buf, len) == 0 ? (ssize_t)len : -1)
					: read_full(fd, buf, len, off);
		if (n <= 0) {
			/* An unreadable stretch: skip it and go on, like ddrescue's first pass. */
			n = (ssize_t)len;
			memset(buf, 0, len);
			pg.errors++;
		}
		n -= n % d->ssz;
		if (n == 0) break;
		classify_buffer(buf, (size_t)n, off, d->ssz, d->nsec, &r->c, gpt_seen, r);
		off += (uint64_t)n;
		r->reads++;
		r->bytes_read += (uint64_t)n;
		if (progress_tick(&pg, off, r->c.n)) {
			r->interrupted = 1;
			break;
		}
	}
	r->scanned_to = off;
	r->seconds = progress_end(&pg, off);
	free(mem);
	if (own) close(fd);
	search_assemble(r, d->nsec);
	search_verify(d, r, VERIFY_READS);
	search_blkid_next(d, r);
	search_identify(d, r);
	search_gpt_evidence(d, r);
	search_bootcode(d, r);
}
