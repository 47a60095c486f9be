/* The writer's fences (fix/fence.c, fix/writer.c): a plan with any change
 * inside a partition whose content libblkid named as foreign (or ambiguous)
 * is refused whole, before the undo record or the disk is touched; a plan
 * outside every fence is applied. Runs on a scratch image in the cwd. */
#include "check.h"
#include "fix/fence.h"
#include "fix/plan.h"
#include "fix/writer.h"
#include "lib/util.h"
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

static uint8_t zero[16], ones[16] = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};

static int byte_at(const char *path, off_t off)
{
	uint8_t b = 0xee;
	int fd = open(path, O_RDONLY);
	if (pread(fd, &b, 1, off) != 1) b = 0xee;
	close(fd);
	return b;
}

static struct fix one_change(uint64_t off, struct change *c)
{
	struct fix x = {0};
	snprintf(x.id, sizeof x.id, "test/one");
	*c = (struct change){.offset = off, .len = sizeof zero, .before = zero, .after = ones};
	snprintf(c->what, sizeof c->what, "test bytes");
	x.changes = c;
	x.nchanges = 1;
	return x;
}

int main(void)
{
	const char *img = "fence.img";
	int fd = open(img, O_RDWR | O_CREAT | O_TRUNC, 0600);
	CHECK(fd >= 0 && ftruncate(fd, 8 << 20) == 0);
	close(fd);
	char why[256];
	struct dev *dev = dev_open(img, DEV_WRITE, why, sizeof why);
	CHECK(dev != NULL);
	if (!dev) return check_done("fence");

	/* Partition 1 holds LUKS, 2 is ambiguous, 3 is NTFS, 4 found nothing. */
	struct disk *d = xcalloc(1, sizeof *d);
	d->ssz = 512;
	const char *types[] = {"crypto_LUKS", "", "ntfs", ""};
	const char *usages[] = {"crypto", "", "filesystem", ""};
	enum content_state st[] = {CONTENT_FOUND, CONTENT_AMBIGUOUS, CONTENT_FOUND, CONTENT_NONE};
	for (int i = 0; i < 4; i++) {
		struct part *p = &d->parts[d->nparts++];
		p->index = i + 1;
		p->start = 2048 + i * 2048;
		p->sectors = 2048;
		p->content.state = st[i];
		snprintf(p->content.type, sizeof p->content.type, "%s", types[i]);
		snprintf(p->content.usage, sizeof p->content.usage, "%s", usages[i]);
	}
	struct writer *w = NULL;
	CHECK(writer_open(&w, dev, ".") == 0);
	fence_foreign_content(w, d);
	CHECK_EQ(writer_nfences(w), 2);

	struct change c;
	struct fix x = one_change(2048 * 512 + 100, &c);	/* inside the LUKS partition */
	CHECK_EQ(writer_apply(w, &x), -1);
	CHECK(strstr(writer_why(w), "refused") && strstr(writer_why(w), "crypto_LUKS"));
	CHECK_EQ(byte_at(img, 2048 * 512 + 100), 0);
	CHECK(writer_undo_path(w) == NULL);	/* refused before any undo record */

	x = one_change(4096 * 512 - 8, &c);	/* straddles the end of the LUKS partition */
	CHECK_EQ(writer_apply(w, &x), -1);
	x = one_change(4096 * 512 + 7, &c);	/* inside the ambiguous one */
	CHECK_EQ(writer_apply(w, &x), -1);
	CHECK(strstr(writer_why(w), "contradicting"));
	CHECK_EQ(byte_at(img, 4096 * 512 + 7), 0);

	x = one_change(6144 * 512 + 3, &c);	/* NTFS: diskmedic's own */
	CHECK_EQ(writer_apply(w, &x), 0);
	CHECK_EQ(byte_at(img, 6144 * 512 + 3), 1);
	x = one_change(8192 * 512 + 3, &c);	/* nothing identified: checks decide */
	CHECK_EQ(writer_apply(w, &x), 0);
	x = one_change(446, &c);	/* the MBR, outside every partition */
	CHECK_EQ(writer_apply(w, &x), 0);

	writer_close(w);
	dev_close(dev);
	free(d);
	unlink(img);
	return check_done("fence");
}
