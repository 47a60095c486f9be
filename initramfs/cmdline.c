/* Kernel command line options (diskmedic.mode=, diskmedic.after=, ...). */
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include "init.h"

static char line[4096];
static int loaded;

/* The value of the last "key=value" word, or def.  A value is returned in a
 * static buffer, so it stays valid until the next call. */
const char *cmdline_get(const char *key, const char *def)
{
	static char val[256];
	const char *found = 0;
	size_t klen = strlen(key);
	char *p;

	if (!loaded) {
		int fd = open("/proc/cmdline", O_RDONLY);
		ssize_t n = fd < 0 ? -1 : read(fd, line, sizeof line - 1);
		if (n < 0)
			n = 0;
		line[n] = 0;
		if (fd >= 0)
			close(fd);
		loaded = 1;
	}
	for (p = line; *p; ) {
		while (*p == ' ' || *p == '\n')
			p++;
		if (!strncmp(p, key, klen) && p[klen] == '=')
			found = p + klen + 1;
		while (*p && *p != ' ' && *p != '\n')
			p++;
	}
	if (!found)
		return def;
	size_t n = strcspn(found, " \n");
	if (n >= sizeof val)
		n = sizeof val - 1;
	memcpy(val, found, n);
	val[n] = 0;
	return val;
}
