/* See undo_log.h. The record's own format does the integrity work: every
 * change line carries a CRC (fix/undo.c), so a line that the console garbled
 * is caught when the extracted record is parsed, never applied. */
#include "undo_log.h"
#include "../lib/util.h"
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

int undo_record_name(const char *name)
{
	size_t l = strlen(name);
	return l >= 6 && strcmp(name + l - 5, ".undo") == 0;
}

static int is_record(const struct dirent *e)
{
	return undo_record_name(e->d_name);
}

void undo_log_print(FILE *out, const char *dir)
{
	struct dirent **list;
	int n = scandir(dir, &list, is_record, by_name);
	for (int i = 0; i < n; i++) {
		char path[4096];
		snprintf(path, sizeof path, "%s/%s", dir, list[i]->d_name);
		FILE *f = fopen(path, "r");
		if (f) {
			char buf[65536];
			size_t r;
			fprintf(out, "%s %s-----\n", UNDO_LOG_BEGIN, list[i]->d_name);
			while ((r = fread(buf, 1, sizeof buf, f)) > 0) fwrite(buf, 1, r, out);
			fprintf(out, "%s\n", UNDO_LOG_END);
			fclose(f);
		}
		free(list[i]);
	}
	if (n > 0) free(list);
	fflush(out);
}

int undo_log_extract(const char *log, size_t len, char ***texts)
{
	int n = 0;
	*texts = NULL;
	struct sb cur = {0};
	int inside = 0;
	const char *p = log, *end = log + len;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t l = nl ? (size_t)(nl - p) : (size_t)(end - p);
		const char *line = p;
		p += l + (nl ? 1 : 0);
		while (l && (line[l - 1] == '\r')) l--;
		if (l >= strlen(UNDO_LOG_BEGIN) && !memcmp(line, UNDO_LOG_BEGIN, strlen(UNDO_LOG_BEGIN))) {
			sb_free(&cur);
			cur = (struct sb){0};
			inside = 1;
		} else if (inside && l == strlen(UNDO_LOG_END) && !memcmp(line, UNDO_LOG_END, l)) {
			*texts = xrealloc(*texts, (size_t)(n + 1) * sizeof **texts);
			(*texts)[n++] = cur.s ? cur.s : xstrdup("");
			cur = (struct sb){0};
			inside = 0;
		} else if (inside && !(l && line[0] == '[')) {
			sb_addn(&cur, line, l);
			sb_addn(&cur, "\n", 1);
		}
	}
	sb_free(&cur);
	return n;
}
