/* See hive.h. */
#include "hive.h"
#include "../lib/util.h"
#include "../parse/le.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int tmpdir(char *dir, size_t n)
{
	const char *t = getenv("TMPDIR");
	snprintf(dir, n, "%s/diskmedic-hive-XXXXXX", t && *t ? t : "/tmp");
	return mkdtemp(dir) ? 0 : -1;
}

static int write_all(const char *path, const uint8_t *b, size_t n)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0) return -1;
	for (size_t done = 0; done < n;) {
		ssize_t w = write(fd, b + done, n - done);
		if (w <= 0) {
			close(fd);
			return -1;
		}
		done += (size_t)w;
	}
	return close(fd);
}

hive_h *hive_open_bytes(const uint8_t *b, size_t n, int flags, char *why, size_t whylen)
{
	char dir[256], path[300];
	if (tmpdir(dir, sizeof dir) != 0) {
		snprintf(why, whylen, "cannot make a temporary directory: %s", strerror(errno));
		return NULL;
	}
	snprintf(path, sizeof path, "%s/SYSTEM", dir);
	hive_h *h = NULL;
	if (write_all(path, b, n) != 0) {
		snprintf(why, whylen, "cannot write a temporary copy of the hive: %s", strerror(errno));
	} else {
		errno = 0;
		h = hivex_open(path, flags);
		if (!h) snprintf(why, whylen, "libhivex cannot open the hive: %s", strerror(errno));
	}
	unlink(path);
	rmdir(dir);
	return h;
}

int hive_commit_bytes(hive_h *h, uint8_t **out, size_t *outn, char *why, size_t whylen)
{
	char dir[256], path[300];
	*out = NULL;
	*outn = 0;
	if (tmpdir(dir, sizeof dir) != 0) {
		snprintf(why, whylen, "cannot make a temporary directory: %s", strerror(errno));
		return -1;
	}
	snprintf(path, sizeof path, "%s/SYSTEM.new", dir);
	int r = -1;
	errno = 0;
	if (hivex_commit(h, path, 0) != 0) {
		snprintf(why, whylen, "libhivex cannot write the changed hive: %s", strerror(errno));
	} else {
		FILE *f = fopen(path, "rb");
		if (f && fseek(f, 0, SEEK_END) == 0) {
			long sz = ftell(f);
			if (sz > 0 && fseek(f, 0, SEEK_SET) == 0) {
				uint8_t *b = xmalloc((size_t)sz);
				if (fread(b, 1, (size_t)sz, f) == (size_t)sz) {
					*out = b;
					*outn = (size_t)sz;
					r = 0;
				} else {
					free(b);
				}
			}
		}
		if (f) fclose(f);
		if (r) snprintf(why, whylen, "cannot read back the changed hive");
	}
	unlink(path);
	rmdir(dir);
	return r;
}

hive_node_h hive_path(hive_h *h, hive_node_h node, const char *path)
{
	char buf[512];
	snprintf(buf, sizeof buf, "%s", path);
	for (char *save = NULL, *part = strtok_r(buf, "\\", &save); node && part; part = strtok_r(NULL, "\\", &save))
		node = hivex_node_get_child(h, node, part);
	return node;
}

int64_t hive_dword(hive_h *h, hive_node_h node, const char *name)
{
	hive_value_h v = node ? hivex_node_get_value(h, node, name) : 0;
	hive_type t;
	size_t len;
	if (!v || hivex_value_type(h, v, &t, &len) != 0) return -1;
	if (t != hive_t_REG_DWORD || len < 4) return -1;
	return (int64_t)(uint32_t)hivex_value_dword(h, v);
}

char *hive_string(hive_h *h, hive_node_h node, const char *name)
{
	hive_value_h v = node ? hivex_node_get_value(h, node, name) : 0;
	return v ? hivex_value_string(h, v) : NULL;
}

int hive_sequence(const uint8_t *b, size_t n, uint32_t *s1, uint32_t *s2)
{
	if (n < 12) return -1;
	*s1 = le32(b + 4);
	*s2 = le32(b + 8);
	return 0;
}
