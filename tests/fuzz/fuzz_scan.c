/* The whole scan over an in-memory disk (memdisk.h): probe, BIOS geometry,
 * every check, both reports. Checks every fix plan against the disk: a
 * plan whose `before` is not what the disk holds, or that reaches past the
 * end, is a bug even when nothing crashes. */
#include "fuzz.h"
#include "memdisk.h"
#include "../../rescue/checks/check.h"
#include "../../rescue/checks/scan.h"
#include "../../rescue/geom/bios.h"
#include "../../rescue/probe/probe.h"
#include "../../rescue/report/report.h"
#include <string.h>

/* --bios modes picked by the input's option byte. "auto" looks for EDD under
 * a sysroot that has none, so it falls back to the MBR's CHS entries. */
static const char *const bios_modes[] = {"auto", "none", "qemu", "255/63", "128/63", "16/63", "240/63", "1/1"};

static void check_plans(struct disk *d)
{
	for (int i = 0; i < d->nfindings; i++) {
		const struct finding *f = d->findings[i];
		FUZZ_ASSERT(f->code && f->summary[0]);
		for (int j = 0; j < f->nfixes; j++) {
			const struct fix *x = &f->fixes[j];
			for (int k = 0; k < x->nchanges; k++) {
				const struct change *c = &x->changes[k];
				FUZZ_ASSERT(c->len > 0 && c->offset <= d->size && c->len <= d->size - c->offset);
				uint8_t *now = dev_read_alloc(d->dev, c->offset, c->len);
				FUZZ_ASSERT(now != NULL);
				/* Later changes of one fix may overlap earlier ones. */
				int overlapped = 0;
				for (int m = 0; m < k; m++)
					overlapped |= x->changes[m].offset < c->offset + c->len &&
						      c->offset < x->changes[m].offset + x->changes[m].len;
				FUZZ_ASSERT(overlapped || memcmp(now, c->before, c->len) == 0);
				free(now);
			}
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *null;
	if (!null) null = fopen("/dev/null", "w");
	uint8_t opt;
	const char *path = memdisk_load(data, size, &opt);
	if (!path) return 0;
	char why[512];
	struct dev *dev = dev_open(path, DEV_RDONLY, why, sizeof why);
	/* The memfd always holds at least one sector; bytes that carry a VM
	 * disk image's magic (qcow2, vmdk, ...) go to qemu-nbd (io/image.c),
	 * which the fuzz build has not: never read as raw. */
	if (!dev) {
		FUZZ_ASSERT(strstr(why, "without libnbd") != NULL);
		return 0;
	}
	/* The commands' own pipeline (checks/scan.c), with every --bios mode. */
	struct scan_opts so = {.bios = bios_modes[opt % 8], .sysroot = "/nonexistent-sysroot"};
	struct disk *d = scan_disk(dev, &so, why, sizeof why);
	if (d) check_plans(d);
	char *paths[] = {(char *)path};
	char *errors[] = {d ? NULL : why};
	struct scan_result r = {.ndisks = 1, .disks = &d, .errors = errors, .paths = paths};
	report_json(null, &r);
	report_text(null, &r, opt & 8);
	for (int i = 0; d && i < d->nfindings; i++)
		for (int j = 0; j < d->findings[i]->nfixes; j++)
			report_fix_preview(null, d, d->findings[i], &d->findings[i]->fixes[j]);
	scan_free(d);
	dev_close(dev);
	return 0;
}
