/* windows-boot-driver-disabled / -missing: the Windows installation on an
 * NTFS partition does not start the boot driver of the controller the disk
 * will boot from (--controller, or the one it is on now): STOP 0x7B
 * INACCESSIBLE_BOOT_DEVICE. Disabled: the driver is installed (its service
 * key and its file under System32\drivers) and the fix is the exact registry
 * change that starts it at boot (docs/windows.md), safe while the hive is
 * clean; with a dirty hive none is offered (windows-hive-dirty says why).
 * Missing: nothing can enable it; say what to install. With no controller
 * known (auto on an image file), the boot_drivers table is reported only. */
#include "check.h"
#include "../windows/edit.h"
#include "../windows/windows.h"
#include <stdio.h>
#include <string.h>

static void evidence(struct finding *f, const struct disk *d, const struct win_install *w, const struct ctl_class *c)
{
	ev_str(f, "controller", "%s", c->name);
	ev_str(f, "controller_source", "%s", d->controller_source);
	ev_str(f, "windows", "%s", w->version);
	ev_str(f, "current_control_set", "%s", w->ccs);
	for (int g = 0; g < 2 && c->groups[g][0]; g++)
		for (int a = 0; a < WIN_MAX_ALTS && c->groups[g][a]; a++) {
			const struct win_svc *s = win_svc_find(w, c->groups[g][a]);
			if (!s) continue;
			char key[40];
			snprintf(key, sizeof key, "service_%s", s->name);
			char ov[32] = "absent";
			if (s->override >= 0) snprintf(ov, sizeof ov, "%lld", (long long)s->override);
			if (!s->exists) ev_str(f, key, "no service key");
			else
				ev_str(f, key, "%s: Start %lld, StartOverride \"0\" %s, %s %s%s", drv_state_name(s->state),
				       (long long)s->start, ov, s->file_name, s->file ? "present" : "missing",
				       s->cddb_missing && w->gen == WIN_GEN_LEGACY ? ", CriticalDeviceDatabase entry missing" : "");
		}
}

static void check_part(struct disk *d, struct part *p)
{
	const struct win_install *w = windows_get(d, p);
	const struct ctl_class *c = d->controller;
	if (!w || !w->readable || !c) return;
	int i = (int)(c - ctl_classes);
	if (w->cls[i] == DRV_READY) return;
	if (w->cls[i] == DRV_NOT_INSTALLED) {
		struct finding *f = finding_new("windows-boot-driver-missing", SEV_ERROR, p->index,
						"Windows on partition %d has no %s driver installed: booting from the %s controller "
						"stops with 0x7B",
						p->index, c->name, c->name);
		evidence(f, d, w, c);
		finding_detail(f, "  Needed: %s. No registry change can enable a driver whose files are not\n"
				  "  there. Either install it offline (for virtio: virt-v2v or the virtio-win drivers),\n"
				  "  or attach the disk as IDE/SATA first, boot, install the driver from inside\n"
				  "  Windows, then move the disk to this controller.\n",
			       c->needs);
		disk_add_finding(d, f);
		return;
	}
	struct finding *f = finding_new("windows-boot-driver-disabled", SEV_ERROR, p->index,
					"Windows on partition %d does not start its %s driver at boot: booting from the %s "
					"controller stops with 0x7B",
					p->index, c->name, c->name);
	evidence(f, d, w, c);
	if (w->dirty) {
		finding_detail(f, "  No registry fix while the SYSTEM hive is dirty (windows-hive-dirty): its newest\n"
				  "  changes are only in SYSTEM.LOG1/LOG2, and writing the hive would lose them.\n");
	} else {
		struct proposal prop = {0};
		win_plan_enable(&prop, d, p, w, c);
		finding_take(f, &prop);
	}
	disk_add_finding(d, f);
}

const struct check check_windows_boot_driver = {
	.name = "windows-boot-driver",
	.looks_at = "the SYSTEM hive of a Windows installation (libhivex) and System32\\drivers, through libntfs-3g",
	.codes = "windows-boot-driver-disabled,windows-boot-driver-missing",
	.run_part = check_part,
};
