/* The Windows hive path on any bytes: what the SYSTEM hive says
 * (windows_read_hive: libhivex's parser, Select, the services, MountedDevices)
 * and, for each controller class it calls disabled, the registry change with
 * its key-by-key check (win_edit: hivex's writer, the walk of both hives).
 * Truncated hives, loops, huge cells and values must end bounded, without a
 * sanitizer report. */
#include "fuzz.h"
#include "../../rescue/windows/edit.h"
#include "../../rescue/windows/windows.h"
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > (4u << 20)) return 0;
	struct win_install *w = calloc(1, sizeof *w);
	w->hive = malloc(size ? size : 1);
	memcpy(w->hive, data, size);
	w->len = size;
	/* Every driver file present: the states then follow the hive alone. */
	char *drivers[] = {"intelide.sys", "pciide.sys", "atapi.sys", "storahci.sys", "msahci.sys", "iastorv.sys",
			   "stornvme.sys", "viostor.sys", "vioscsi.sys", "lsi_sas.sys", "lsi_scsi.sys",
			   "pvscsi.sys", "megasas.sys", "megasr.sys", "storvsc.sys", NULL};
	windows_read_hive(w, drivers, 1048576);
	if (w->readable) {
		FUZZ_ASSERT(w->current > 0 && w->current <= 999);
		for (int c = 0; c < n_ctl_classes; c++) {
			FUZZ_ASSERT(w->cls[c] == DRV_READY || w->cls[c] == DRV_DISABLED || w->cls[c] == DRV_NOT_INSTALLED);
			if (w->cls[c] != DRV_DISABLED) continue;
			struct win_edit e;
			char why[320];
			if (win_edit(w, &ctl_classes[c], &e, why, sizeof why) == 0) {
				FUZZ_ASSERT(e.n > 0 && e.nneu >= 4096);
				win_edit_free(&e);
			}
		}
	}
	windows_free(w);
	return 0;
}
