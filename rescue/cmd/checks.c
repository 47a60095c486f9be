/* diskmedic checks: what each check looks at and the codes it may raise,
 * straight from the registry (checks/registry.c). */
static const char usage[] =
"usage: diskmedic checks\n"
"\n"
"Lists every check, in the order they run: its name, what it reads, and the\n"
"finding codes it may raise (the codes 'fix --only' accepts). docs/checks.md\n"
"explains each code.\n"
"\n"
"Exit status: 0, or 16 on a usage error.\n";

#include "cmd.h"
#include "../checks/check.h"
#include "../lib/util.h"
#include <string.h>

int cmd_checks(int argc, char **argv)
{
	if (argc > 1 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		fputs(usage, stdout);
		return EX_CLEAN;
	}
	if (argc > 1) {
		usage_error(usage, "checks takes no arguments");
		return EX_USAGE;
	}
	for (const struct check *const *c = check_table; *c; c++)
		printf("%-22s %s\n%-22s codes: %s\n", (*c)->name, (*c)->looks_at, "", (*c)->codes);
	return EX_CLEAN;
}
