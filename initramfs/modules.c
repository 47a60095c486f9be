/* Load kernel modules by name, dependencies first, as modules.dep says.
 * The kernel cannot load compressed modules here, so the files are plain
 * .ko, still carrying Debian's signature for lockdown under Secure Boot. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <unistd.h>
#include "init.h"

static char *dep;	/* modules.dep, whole */
static char *softdep;	/* modules.softdep, whole ("" if none) */
static char dir[128];
static int mod_load_depth(const char *want, int depth);
static int nloaded;

/* Module names use '_' where file names may use '-'. */
static void norm(char *out, const char *in, size_t len, size_t outsz)
{
	size_t i;
	for (i = 0; i < len && i + 1 < outsz; i++)
		out[i] = in[i] == '-' ? '_' : in[i];
	out[i] = 0;
}

/* The module name of a path such as kernel/drivers/ata/ahci.ko. */
static void path_name(char *out, const char *path, size_t len, size_t outsz)
{
	const char *b = path, *p;
	for (p = path; p < path + len; p++)
		if (*p == '/')
			b = p + 1;
	len -= b - path;
	if (len > 3 && !memcmp(b + len - 3, ".ko", 3))
		len -= 3;
	norm(out, b, len, outsz);
}

static int read_dep(void)
{
	struct utsname u;
	char path[192];
	struct stat st;
	int fd;

	if (dep)
		return 0;
	uname(&u);
	snprintf(dir, sizeof dir, "/lib/modules/%s", u.release);
	snprintf(path, sizeof path, "%s/modules.softdep", dir);
	fd = open(path, O_RDONLY);
	softdep = calloc(1, fd >= 0 && fstat(fd, &st) == 0 ? st.st_size + 1 : 1);
	if (fd >= 0) {
		if (softdep && read(fd, softdep, st.st_size) != st.st_size)
			softdep[0] = 0;
		close(fd);
	}
	snprintf(path, sizeof path, "%s/modules.dep", dir);
	fd = open(path, O_RDONLY);
	if (fd < 0 || fstat(fd, &st) < 0)
		return -1;
	dep = calloc(1, st.st_size + 1);
	if (!dep || read(fd, dep, st.st_size) != st.st_size) {
		close(fd);
		return -1;
	}
	close(fd);
	return 0;
}

static int load_file(const char *rel, size_t len)
{
	char path[256], name[64], sys[96];
	int fd, r;

	path_name(name, rel, len, sizeof name);
	snprintf(sys, sizeof sys, "/sys/module/%s/initstate", name);
	if (access(sys, F_OK) == 0)
		return 0;
	snprintf(path, sizeof path, "%s/%.*s", dir, (int)len, rel);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	r = syscall(SYS_finit_module, fd, "", 0);
	close(fd);
	if (r == 0) {
		nloaded++;
		return 0;
	}
	/* Missing hardware (ENODEV) is normal for a coldplugged match. */
	return errno == EEXIST ? 0 : -1;
}

/* "softdep NAME pre: A B": modules NAME wants loaded first, such as
 * ehci_pci before the USB 1.1 companions ohci_pci and uhci_hcd. */
/* The modules.dep line of module `name` (normalised): its start, the colon
 * after the module's own path, and its end. NULL if modules.dep lacks it. */
static const char *dep_entry(const char *name, const char **colon, const char **eol)
{
	char n2[64];
	const char *line;

	for (line = dep; *line; line = **eol ? *eol + 1 : *eol) {
		*eol = strchrnul(line, '\n');
		*colon = memchr(line, ':', *eol - line);
		if (!*colon)
			continue;
		path_name(n2, line, *colon - line, sizeof n2);
		if (!strcmp(n2, name))
			return line;
	}
	return NULL;
}

static void load_pre(const char *name, int depth)
{
	const char *line, *eol;
	char n2[64], buf[512], *tok, *save;
	int pre;

	for (line = softdep; line && *line; line = *eol ? eol + 1 : eol) {
		eol = strchrnul(line, '\n');
		if ((size_t)(eol - line) >= sizeof buf)
			continue;
		memcpy(buf, line, eol - line);
		buf[eol - line] = 0;
		if (!(tok = strtok_r(buf, " \t", &save)) || strcmp(tok, "softdep"))
			continue;
		if (!(tok = strtok_r(0, " \t", &save)))
			continue;
		norm(n2, tok, strlen(tok), sizeof n2);
		if (strcmp(n2, name))
			continue;
		pre = 0;
		while ((tok = strtok_r(0, " \t", &save))) {
			if (!strcmp(tok, "pre:"))
				pre = 1;
			else if (!strcmp(tok, "post:"))
				pre = 0;
			else if (pre && depth < 4)
				mod_load_depth(tok, depth + 1);
		}
	}
}

int mod_load(const char *want)
{
	return mod_load_depth(want, 0);
}

static int mod_load_depth(const char *want, int depth)
{
	char name[64];
	const char *line, *colon, *eol, *p, *q;

	if (read_dep() < 0)
		return -1;
	norm(name, want, strlen(want), sizeof name);
	load_pre(name, depth);
	if (!(line = dep_entry(name, &colon, &eol)))
		return -1;
	/* modules.dep lists what a module needs with the most basic
	 * last: load from the end. */
	const char *tok[64];
	size_t tlen[64];
	int nt = 0;
	for (p = colon + 1; p < eol && nt < 64; p = q) {
		while (p < eol && *p == ' ')
			p++;
		for (q = p; q < eol && *q != ' '; q++)
			;
		if (q > p) {
			tok[nt] = p;
			tlen[nt++] = q - p;
		}
	}
	while (nt-- > 0)
		load_file(tok[nt], tlen[nt]);
	return load_file(line, colon - line);
}

int mod_loaded_count(void)
{
	return nloaded;
}

/* The initramfs lives in RAM.  Once coldplug is over, module files that
 * were loaded or matched no hardware only take memory a small machine
 * needs for the scan, so delete them.  Keep what may still be needed: the
 * file systems mount asks for, UEFI variables, and a USB stick plugged in
 * later (to save reports on), with everything those depend on. */
static char keepset[2048] = " ";

static void keep_add(const char *want)
{
	char name[64], n2[64];
	const char *line, *colon, *eol, *p, *q;

	norm(name, want, strlen(want), sizeof name);
	if (!(line = dep_entry(name, &colon, &eol)))
		return;
	for (p = line; p < eol; p = q) {
		while (p < eol && (*p == ' ' || *p == ':'))
			p++;
		for (q = p; q < eol && *q != ' ' && *q != ':'; q++)
			;
		if (q > p && strlen(keepset) + 66 < sizeof keepset) {
			path_name(n2, p, q - p, sizeof n2);
			strcat(keepset, n2);
			strcat(keepset, " ");
		}
	}
}

static int keep(const char *file)
{
	char name[64], pat[68];

	if (!strncmp(file, "nls_", 4))
		return 1;
	path_name(name, file, strlen(file), sizeof name);
	snprintf(pat, sizeof pat, " %s ", name);
	return strstr(keepset, pat) != 0;
}

static void prune(char *path, size_t len)
{
	DIR *d = opendir(path);
	struct dirent *e;

	if (!d)
		return;
	while ((e = readdir(d))) {
		size_t n = strlen(e->d_name);
		if (e->d_name[0] == '.' || len + n + 2 >= 512)
			continue;
		path[len] = '/';
		memcpy(path + len + 1, e->d_name, n + 1);
		if (e->d_type == DT_DIR)
			prune(path, len + 1 + n);
		else if (n > 3 && !strcmp(e->d_name + n - 3, ".ko") && !keep(e->d_name))
			unlink(path);
		path[len] = 0;
	}
	closedir(d);
}

void mod_prune(void)
{
	char path[512];

	if (read_dep() < 0)
		return;
	keep_add("efivarfs");
	keep_add("vfat");
	keep_add("usb-storage");
	keep_add("uas");
	keep_add("sd_mod");
	keep_add("usbhid");
	keep_add("hid-generic");
	snprintf(path, sizeof path, "%s/kernel", dir);
	prune(path, strlen(path));
}
