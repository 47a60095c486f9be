/* Finding a Windows installation on an NTFS partition and reading what its
 * SYSTEM hive says about the boot storage drivers (windows.h). */
#include "windows.h"
#include "hive.h"
#include "ntfsfile.h"
#include "../lib/util.h"
#include "../parse/le.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define SYSTEM_PATH "Windows/System32/config/SYSTEM"
#define DRIVERS_PATH "Windows/System32/drivers"

void windows_free(struct win_install *w)
{
	if (!w) return;
	free(w->hive);
	free(w->svc);
	free(w);
}

static int listed(char **names, const char *file)
{
	for (char **s = names; s && *s; s++)
		if (!strcasecmp(*s, file)) return 1;
	return 0;
}

/* The driver file a service loads: ImagePath's last component, else NAME.sys. */
static void driver_file(hive_h *h, hive_node_h svc, const char *name, char *out, size_t n)
{
	char *ip = hive_string(h, svc, "ImagePath");
	const char *base = NULL;
	if (ip && *ip) {
		base = strrchr(ip, '\\');
		base = base ? base + 1 : ip;
	}
	if (base && *base) snprintf(out, n, "%s", base);
	else snprintf(out, n, "%s.sys", name);
	free(ip);
}

static void read_service(struct win_install *w, hive_h *h, hive_node_h services, hive_node_h cddb, char **drivers,
			 const char *name)
{
	if (win_svc_find(w, name)) return;
	w->svc = xrealloc(w->svc, (size_t)(w->nsvc + 1) * sizeof *w->svc);
	struct win_svc *s = &w->svc[w->nsvc++];
	memset(s, 0, sizeof *s);
	snprintf(s->name, sizeof s->name, "%s", name);
	s->start = s->override = -1;
	hive_node_h n = services ? hivex_node_get_child(h, services, name) : 0;
	if (!n) return;
	s->exists = 1;
	s->start = hive_dword(h, n, "Start");
	hive_node_h so = hivex_node_get_child(h, n, "StartOverride");
	if (so) s->override = hive_dword(h, so, "0");
	driver_file(h, n, name, s->file_name, sizeof s->file_name);
	s->file = listed(drivers, s->file_name);
	for (const struct cddb_rule *r = cddb_rules; r->service; r++)
		if (!strcasecmp(r->service, name) && !(cddb && hivex_node_get_child(h, cddb, r->key))) s->cddb_missing = 1;
}

static void judge(struct win_install *w)
{
	for (int i = 0; i < w->nsvc; i++) {
		struct win_svc *s = &w->svc[i];
		if (!s->exists || !s->file) s->state = DRV_NOT_INSTALLED;
		else if (s->start != 0) s->state = DRV_DISABLED;
		else if (w->gen != WIN_GEN_LEGACY && s->override > 0) s->state = DRV_DISABLED;
		else if (w->gen == WIN_GEN_LEGACY && s->cddb_missing) s->state = DRV_DISABLED;
		else s->state = DRV_READY;
	}
	for (int c = 0; c < n_ctl_classes; c++) w->cls[c] = win_class_state(w, &ctl_classes[c]);
}

/* MountedDevices: which volume Windows mounted where, by disk signature
 * and byte offset (MBR disks; GPT volumes have longer values). */
static void read_mounts(struct win_install *w, hive_h *h, uint64_t self)
{
	hive_node_h md = hivex_node_get_child(h, hivex_root(h), "MountedDevices");
	hive_value_h *vals = md ? hivex_node_values(h, md) : NULL;
	int agree = 1;
	for (size_t i = 0; vals && vals[i] && w->nmounts < WIN_MAX_MOUNTS; i++) {
		hive_type t;
		size_t len;
		if (hivex_value_type(h, vals[i], &t, &len) != 0 || len != 12) continue;
		char *data = hivex_value_value(h, vals[i], &t, &len);
		char *key = hivex_value_key(h, vals[i]);
		if (data && len == 12) {
			struct win_mount *m = &w->mounts[w->nmounts++];
			snprintf(m->name, sizeof m->name, "%s", key ? key : "");
			m->sig = le32((const uint8_t *)data);
			m->off = le64((const uint8_t *)data + 4);
			if (m->off == self) {
				if (w->own_sig_entries && m->sig != w->own_sig) agree = 0;
				w->own_sig = m->sig;
				w->own_sig_entries++;
			}
		}
		free(data);
		free(key);
	}
	free(vals);
	w->own_sig_known = w->own_sig_entries > 0 && agree && w->own_sig != 0;
}

void windows_read_hive(struct win_install *w, char **drivers, uint64_t self)
{
	char why[256];
	hive_h *h = hive_open_bytes(w->hive, w->len, 0, why, sizeof why);
	if (!h) {
		snprintf(w->why, sizeof w->why, "%s", why);
		return;
	}
	hive_node_h root = hivex_root(h);
	int64_t cur = hive_dword(h, hive_path(h, root, "Select"), "Current");
	if (cur <= 0 || cur > 999) {
		snprintf(w->why, sizeof w->why, "the hive has no usable Select\\Current");
		hivex_close(h);
		return;
	}
	w->current = (int)cur;
	snprintf(w->ccs, sizeof w->ccs, "ControlSet%03d", (int)cur);
	hive_node_h ccs = hivex_node_get_child(h, root, w->ccs);
	if (!ccs) {
		snprintf(w->why, sizeof w->why, "Select\\Current names %s, which the hive lacks", w->ccs);
		hivex_close(h);
		return;
	}
	read_mounts(w, h, self);
	hive_node_h services = hive_path(h, ccs, "Services");
	hive_node_h cddb = hive_path(h, ccs, "Control\\CriticalDeviceDatabase");
	for (int c = 0; c < n_ctl_classes; c++)
		for (int g = 0; g < 2; g++)
			for (int a = 0; a < WIN_MAX_ALTS && ctl_classes[c].groups[g][a]; a++)
				read_service(w, h, services, cddb, drivers, ctl_classes[c].groups[g][a]);
	/* Which mechanism disables boot drivers here: Windows 8 and later mark
	 * the unused ones with StartOverride; Windows 7 and older keep Start=3
	 * and bind controllers through CriticalDeviceDatabase, which Windows 8
	 * dropped. storahci is new in Windows 8. */
	int override = 0;
	for (int i = 0; i < w->nsvc; i++) override |= w->svc[i].override >= 0;
	const struct win_svc *storahci = win_svc_find(w, "storahci");
	if (override || (storahci && storahci->exists)) {
		w->gen = WIN_GEN_8;
		snprintf(w->version, sizeof w->version, "8-or-later");
	} else if (cddb) {
		w->gen = WIN_GEN_LEGACY;
		snprintf(w->version, sizeof w->version, "7-or-older");
	} else {
		snprintf(w->version, sizeof w->version, "unknown");
	}
	char *pt = hive_string(h, hive_path(h, ccs, "Control\\ProductOptions"), "ProductType");
	if (pt) {
		size_t k = strlen(w->version);
		snprintf(w->version + k, sizeof w->version - k, " %.20s", pt);
		free(pt);
	}
	hivex_close(h);
	judge(w);
	w->readable = 1;
}

const struct win_install *windows_get(struct disk *d, struct part *p)
{
	if (!p->fs || strcmp(p->fs, "ntfs")) return NULL;
	if (p->win) return p->win;
	struct win_install *w = p->win = xcalloc(1, sizeof *w);
	char why[256];
	int r = winfs_lookup(d, p, SYSTEM_PATH, &w->inode, w->path, sizeof w->path, why, sizeof why);
	if (r <= 0) return w;	/* no installation (or a volume the library cannot read: other checks say so) */
	w->found = 1;
	if (winfs_read(d, p, w->inode, WIN_HIVE_MAX, &w->hive, &w->len, why, sizeof why) != 0) {
		snprintf(w->why, sizeof w->why, "cannot read %s: %.140s", w->path, why);
		return w;
	}
	if (hive_sequence(w->hive, w->len, &w->seq1, &w->seq2) != 0 || memcmp(w->hive, "regf", 4)) {
		snprintf(w->why, sizeof w->why, "%s is no registry hive (no regf base block)", w->path);
		return w;
	}
	w->dirty = w->seq1 != w->seq2;
	uint64_t ignore;
	char real[96];
	w->log1 = winfs_lookup(d, p, SYSTEM_PATH ".LOG1", &ignore, real, sizeof real, why, sizeof why) == 1;
	w->log2 = winfs_lookup(d, p, SYSTEM_PATH ".LOG2", &ignore, real, sizeof real, why, sizeof why) == 1;
	char **drivers = winfs_list(d, p, DRIVERS_PATH, why, sizeof why);
	windows_read_hive(w, drivers, p->start * d->ssz);
	winfs_list_free(drivers);
	return w;
}
