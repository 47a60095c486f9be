/* Every check, in the order they run and report. Adding a check means one
 * file in checks/ and one line here. */
#include "check.h"
#include "../fix/rules.h"
#include "../lib/memo.h"
#include "../windows/windows.h"
#include <string.h>

DECLARE_CHECK(check_mbr_signature);
DECLARE_CHECK(check_mbr_table_lost);
DECLARE_CHECK(check_mbr_active);
DECLARE_CHECK(check_mbr_boot_code);
DECLARE_CHECK(check_mbr_overlap);
DECLARE_CHECK(check_mbr_ebr_chain);
DECLARE_CHECK(check_mbr_beyond);
DECLARE_CHECK(check_mbr_chs);
DECLARE_CHECK(check_gpt_primary);
DECLARE_CHECK(check_gpt_backup);
DECLARE_CHECK(check_partition_encrypted);
DECLARE_CHECK(check_partition_ambiguous);
DECLARE_CHECK(check_partition_stale);
DECLARE_CHECK(check_ntfs_boot);
DECLARE_CHECK(check_ntfs_mft);
DECLARE_CHECK(check_ntfs_mftmirr);
DECLARE_CHECK(check_ntfs_upcase);
DECLARE_CHECK(check_ntfs_dirty);
DECLARE_CHECK(check_ntfs_logfile);
DECLARE_CHECK(check_ntfs_fast_startup);
DECLARE_CHECK(check_ntfs_hibernated);
DECLARE_CHECK(check_ntfs_unmountable);
DECLARE_CHECK(check_windows_hive_dirty);
DECLARE_CHECK(check_windows_boot_driver);
DECLARE_CHECK(check_windows_disk_signature);
DECLARE_CHECK(check_fat_boot);
DECLARE_CHECK(check_vbr_size);
DECLARE_CHECK(check_vbr_geometry);
DECLARE_CHECK(check_vbr_hidden);

const struct check *const check_table[] = {
	&check_mbr_signature,
	&check_mbr_table_lost,
	&check_mbr_active,
	&check_mbr_boot_code,
	&check_mbr_overlap,
	&check_mbr_ebr_chain,
	&check_mbr_beyond,
	&check_mbr_chs,
	&check_gpt_primary,
	&check_gpt_backup,
	&check_partition_encrypted,
	&check_partition_ambiguous,
	&check_partition_stale,
	&check_ntfs_boot,
	&check_ntfs_mft,
	&check_ntfs_mftmirr,
	&check_ntfs_upcase,
	&check_ntfs_dirty,
	&check_ntfs_logfile,
	&check_ntfs_fast_startup,
	&check_ntfs_hibernated,
	&check_ntfs_unmountable,
	&check_windows_hive_dirty,
	&check_windows_boot_driver,
	&check_windows_disk_signature,
	&check_fat_boot,
	&check_vbr_size,
	&check_vbr_geometry,
	&check_vbr_hidden,
	0,
};

void check_run(const struct check *c, struct disk *d)
{
	if (c->run) c->run(d);
	if (c->run_part)
		for (int i = 0; i < d->nparts; i++) c->run_part(d, &d->parts[i]);
}

/* The checks share what they read of a partition (lib/memo.h) for the
 * length of one run, never beyond it. */
void run_checks(struct disk *d)
{
	memo_begin();
	for (const struct check *const *c = check_table; *c; c++) check_run(*c, d);
	memo_end();
	/* The evidence rules (fix/rules.c) have the last word on "safe". */
	for (int i = 0; i < d->nfindings; i++) {
		struct finding *f = d->findings[i];
		for (int k = 0; k < f->nfixes; k++)
			if (f->fixes[k].safe && !rules_safe(d, &f->fixes[k])) f->fixes[k].safe = 0;
	}
}

void scan_free(struct disk *d)
{
	if (!d) return;
	disk_findings_free(d);
	for (int i = 0; i < d->nparts; i++) windows_free(d->parts[i].win);
	for (int i = 0; i < d->nshadow; i++) windows_free(d->shadow[i].win);
	disk_free(d);
}

/* 1 when the n bytes at code are, exactly, one of the codes some check may
 * raise. Exact: "--only" names are compared byte for byte when fixes are
 * chosen, so a near miss (case, a space) must not pass here either. */
int check_code_known(const char *code, size_t n)
{
	if (!n) return 0;
	for (const struct check *const *c = check_table; *c; c++)
		for (const char *p = (*c)->codes; p && *p;) {
			const char *e = strchr(p, ',');
			size_t l = e ? (size_t)(e - p) : strlen(p);
			if (l == n && !memcmp(p, code, n)) return 1;
			p = e ? e + 1 : NULL;
		}
	return 0;
}
