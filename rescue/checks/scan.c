/* See scan.h. */
#include "scan.h"
#include "check.h"
#include "../geom/bios.h"
#include "../lib/util.h"
#include "../probe/probe.h"
#include "../windows/windows.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* By severity, keeping the checks' order within each (a stable sort): the
 * reports and the menu number findings in this order. */
static void findings_sort(struct disk *d)
{
	struct finding **tmp = xmalloc((size_t)(d->nfindings ? d->nfindings : 1) * sizeof *tmp);
	int n = 0;
	for (int s = SEV_ERROR; s >= SEV_INFO; s--)
		for (int i = 0; i < d->nfindings; i++)
			if ((int)d->findings[i]->severity == s) tmp[n++] = d->findings[i];
	if (n) memcpy(d->findings, tmp, (size_t)n * sizeof *tmp);	/* findings is NULL when n == 0 */
	free(tmp);
}

struct disk *scan_disk(struct dev *dev, const struct scan_opts *o, char *why, size_t whylen)
{
	dev->read_errors = 0;	/* count this scan's failed reads only */
	dev->read_error[0] = 0;
	struct disk *d = probe_disk(dev, why, whylen);
	if (!d) return NULL;
	bios_select(&d->bios, d->sec0, d->size, &d->mbr, o->bios, o->sysroot);
	d->controller = controller_for(d, d->controller_source, sizeof d->controller_source);
	run_checks(d);
	findings_sort(d);
	/* The reports say what could not be read: the disk keeps this scan's
	 * count, as the device's is reset by the next one. */
	d->read_errors = dev->read_errors;
	snprintf(d->read_error, sizeof d->read_error, "%s", dev->read_error);
	return d;
}

struct disk *scan_open(const char *path, int mode, const struct scan_opts *o, struct dev **devp,
		       char *why, size_t whylen)
{
	*devp = dev_open(path, mode, why, whylen);
	if (!*devp) return NULL;
	struct disk *d = scan_disk(*devp, o, why, whylen);
	if (!d) {
		dev_close(*devp);
		*devp = NULL;
	}
	return d;
}
