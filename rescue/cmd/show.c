/* diskmedic show: hex dump of a target's bytes. */
static const char usage[] =
"usage: diskmedic show TARGET OFFSET [LENGTH]\n"
"\n"
"Print LENGTH bytes (default 512) at OFFSET as a hexdump -C style dump.\n"
"OFFSET and LENGTH take decimal, 0x hex, or K/M/G suffixes; OFFSET may also\n"
"be given in sectors as Ns (e.g. 2048s). Opens TARGET read-only.\n";

#include "cmd.h"
#include "../lib/util.h"
#include "../lib/hexdump.h"
#include <stdlib.h>
#include <string.h>

/* Offsets: plain numbers, or "<n>s" for sectors of the target. */
int parse_offset(const char *s, uint32_t ssz, uint64_t *v)
{
	size_t n = strlen(s);
	if (n > 1 && s[n - 1] == 's') {
		char *t = xstrdup(s);
		t[n - 1] = 0;
		int r = parse_u64(t, v);
		free(t);
		if (r || *v > UINT64_MAX / ssz) return -1;
		*v *= ssz;
		return 0;
	}
	return parse_u64(s, v);
}

int cmd_show(int argc, char **argv)
{
	if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		fputs(usage, stdout);
		return EX_CLEAN;
	}
	if (argc < 3 || argc > 4) {
		usage_error(usage, "show needs TARGET OFFSET [LENGTH]");
		return EX_USAGE;
	}
	char why[512];
	struct dev *d = dev_open(argv[1], DEV_RDONLY, why, sizeof why);
	if (!d) {
		msg("%s", why);
		return EX_OPERR;
	}
	uint64_t off, len = 512;
	if (parse_offset(argv[2], d->ssz, &off) || (argc == 4 && parse_u64(argv[3], &len)) || !len ||
	    len > (64u << 20)) {
		usage_error(usage, "bad OFFSET or LENGTH (LENGTH 1..64M)");
		dev_close(d);
		return EX_USAGE;
	}
	if (off >= d->size) {
		msg("%s: offset %llu is beyond the end (%llu bytes)", argv[1], (unsigned long long)off,
		    (unsigned long long)d->size);
		dev_close(d);
		return EX_OPERR;
	}
	if (len > d->size - off) len = d->size - off;
	uint8_t *b = dev_read_alloc(d, off, (size_t)len);
	if (!b) {
		msg("%s: %s", argv[1], d->why);
		dev_close(d);
		return EX_OPERR;
	}
	struct sb s = {0};
	hexdump_sb(&s, b, (size_t)len, off, NULL);
	fputs(s.s, stdout);
	sb_free(&s);
	free(b);
	dev_close(d);
	return EX_CLEAN;
}
