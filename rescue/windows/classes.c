/* The one table of storage controller classes and the boot drivers each
 * needs (docs/windows.md). Names are matched case-insensitively: Windows
 * versions spell them differently (LSI_SAS vs lsi_sas, iaStorV...). */
#include "windows.h"
#include <string.h>
#include <strings.h>

const struct ctl_class ctl_classes[] = {
	{"ide", {{"intelide", "pciide"}, {"atapi"}}, "Windows' own IDE drivers (intelide or pciide, and atapi)"},
	{"ahci", {{"storahci", "msahci", "iaStorV"}}, "an AHCI driver (storahci on Windows 8 and later, msahci on Windows 7)"},
	{"nvme", {{"stornvme"}}, "an NVMe driver (stornvme, inbox since Windows 8.1)"},
	{"virtio-blk", {{"viostor"}}, "virtio-win's viostor driver"},
	{"virtio-scsi", {{"vioscsi"}}, "virtio-win's vioscsi driver"},
	{"lsi-sas", {{"LSI_SAS"}}, "the LSI SAS driver (LSI_SAS)"},
	{"lsi-scsi", {{"LSI_SCSI"}}, "the LSI parallel SCSI driver (LSI_SCSI)"},
	{"pvscsi", {{"pvscsi"}}, "VMware's pvscsi driver (VMware Tools)"},
	{"megasas", {{"megasas", "megasr"}}, "the LSI MegaRAID driver (megasas or megasr)"},
	{"hyper-v", {{"storvsc"}}, "Hyper-V's storvsc driver (Integration Services)"},
};
const int n_ctl_classes = (int)(sizeof ctl_classes / sizeof ctl_classes[0]);

const struct ctl_class *ctl_class_find(const char *name)
{
	for (int i = 0; i < n_ctl_classes; i++)
		if (!strcmp(ctl_classes[i].name, name)) return &ctl_classes[i];
	return NULL;
}

const char *drv_state_name(enum drv_state s)
{
	return s == DRV_READY ? "ready" : s == DRV_DISABLED ? "disabled" : "not-installed";
}

const struct win_svc *win_svc_find(const struct win_install *w, const char *name)
{
	for (int i = 0; i < w->nsvc; i++)
		if (!strcasecmp(w->svc[i].name, name)) return &w->svc[i];
	return NULL;
}

static enum drv_state group_state(const struct win_install *w, const struct ctl_class *c, int g)
{
	enum drv_state best = DRV_NOT_INSTALLED;
	for (int a = 0; a < WIN_MAX_ALTS && c->groups[g][a]; a++) {
		const struct win_svc *s = win_svc_find(w, c->groups[g][a]);
		if (s && s->state > best) best = s->state;
	}
	return best;
}

enum drv_state win_class_state(const struct win_install *w, const struct ctl_class *c)
{
	enum drv_state worst = DRV_READY;
	for (int g = 0; g < 2 && c->groups[g][0]; g++) {
		enum drv_state s = group_state(w, c, g);
		if (s < worst) worst = s;
	}
	return worst;
}

const struct win_svc *win_group_pick(const struct win_install *w, const struct ctl_class *c, int g)
{
	/* Windows 7 and older bind IDE controllers through the class-code
	 * entry PCI#CC_0101 -> pciide; intelide needs per-device entries. */
	if (w->gen == WIN_GEN_LEGACY && !strcmp(c->name, "ide") && g == 0) {
		const struct win_svc *s = win_svc_find(w, "pciide");
		if (s && s->state != DRV_NOT_INSTALLED) return s;
	}
	for (int a = 0; a < WIN_MAX_ALTS && c->groups[g][a]; a++) {
		const struct win_svc *s = win_svc_find(w, c->groups[g][a]);
		if (s && s->state != DRV_NOT_INSTALLED) return s;
	}
	return NULL;
}

const struct cddb_rule cddb_rules[] = {
	{"pciide", "PCI#CC_0101"},
	{"msahci", "PCI#CC_010601"},
	{"atapi", "Primary_IDE_Channel"},
	{"atapi", "Secondary_IDE_Channel"},
	{0, 0},
};
