/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ntfsprogs: one static binary for the rescue shell's ntfsprogs tools.
 *
 * Each tool linked alone would carry its own copy of libntfs-3g; together
 * they share one. mk/ntfs3g.sh renames each tool's main() to <tool>_main and
 * writes tools.h, one TOOL(name) line per tool. The tool is picked by the
 * name the binary is called by (a symlink such as ntfsfix -> ntfsprogs), or
 * by the first argument: "ntfsprogs ntfsfix /dev/sda1".
 */
#include <stdio.h>
#include <string.h>

#define TOOL(name) int name##_main(int argc, char **argv);
#include "tools.h"
#undef TOOL

struct tool {
	const char *name;
	int (*main)(int argc, char **argv);
};

static const struct tool tools[] = {
#define TOOL(name) { #name, name##_main },
#include "tools.h"
#undef TOOL
};

static const char *base(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

static const struct tool *find(const char *name)
{
	for (size_t i = 0; i < sizeof(tools) / sizeof(tools[0]); i++)
		if (strcmp(tools[i].name, name) == 0)
			return &tools[i];
	return NULL;
}

static int usage(void)
{
	fprintf(stderr, "usage: ntfsprogs TOOL [ARGS...], or call it as TOOL\ntools:");
	for (size_t i = 0; i < sizeof(tools) / sizeof(tools[0]); i++)
		fprintf(stderr, " %s", tools[i].name);
	fputc('\n', stderr);
	return 1;
}

int main(int argc, char **argv)
{
	const struct tool *t = find(base(argc > 0 ? argv[0] : ""));

	if (!t) {
		/* Called as ntfsprogs (or an unknown name): the tool is argv[1]. */
		if (argc < 2)
			return usage();
		t = find(base(argv[1]));
		if (!t)
			return usage();
		argc--;
		argv++;
	}
	return t->main(argc, argv);
}
