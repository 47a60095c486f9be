/* diskmedic: find and fix what keeps a disk from booting or mounting. */
static const char usage[] =
"usage: diskmedic COMMAND [OPTIONS] [ARGS]\n"
"\n"
"  scan   [--json] [--bios MODE] [TARGET...]   report problems (read-only)\n"
"  fix    [--yes] [--dry-run] [--only CODES] [--undo-dir DIR] TARGET...\n"
"  undo   [--yes] [--force] UNDO-FILE...        restore bytes a fix changed\n"
"  show   TARGET OFFSET [LENGTH]                hex dump\n"
"  edit   [--yes] TARGET OFFSET HEXBYTES        change bytes, with undo\n"
"  menu                                         the one-key console UI\n"
"  search [--deep] [--yes] [--json] TARGET      find lost partitions, rebuild the table\n"
"  checks                                       every check and the codes it raises\n"
"\n"
"  --version, --help\n"
"\n"
"'diskmedic COMMAND --help' describes each command; man diskmedic(8) has it all.\n"
"Exit status follows fsck(8): 0 clean, 1 corrected, 4 left uncorrected,\n"
"8 operational error, 16 usage error.\n";

#include "cmd/cmd.h"
#include "lib/util.h"
#include "version.h"
#include <string.h>

static const struct {
	const char *name;
	int (*run)(int, char **);
} commands[] = {
	{"scan", cmd_scan}, {"fix", cmd_fix}, {"undo", cmd_undo},
	{"show", cmd_show}, {"edit", cmd_edit}, {"menu", cmd_menu},
	{"search", cmd_search}, {"checks", cmd_checks},
};

int main(int argc, char **argv)
{
	if (argc < 2) {
		fputs(usage, stderr);
		return EX_USAGE;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
		fputs(usage, stdout);
		return EX_CLEAN;
	}
	if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "version")) {
		printf("diskmedic %s\n", DISKMEDIC_VERSION);
		if (ntfs3g_version())
			printf("libntfs-3g %s (Debian source package ntfs-3g)\n", ntfs3g_version());
		else
			puts("libntfs-3g: not linked in this build");
		printf("libhivex %s (Debian source package hivex)\n", hivex_version());
		return EX_CLEAN;
	}
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (!strcmp(argv[1], commands[i].name)) return commands[i].run(argc - 1, argv + 1);
	fprintf(stderr, "diskmedic: unknown command '%s'\n", argv[1]);
	fputs(usage, stderr);
	return EX_USAGE;
}
