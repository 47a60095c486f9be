/* See state.h. Library structs are read through libntfs-3g's own accessors
 * (le16_to_cpu on its types); nothing here decodes raw disk bytes. */
#include "../lib/ntfs3g.h"
#include "state.h"
#include "volume.h"
#include "../lib/util.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define UPCASE_MAX_BYTES (65536 * 2)

static int lib_failed(const char *what, char *why, size_t whylen)
{
	snprintf(why, whylen, "%s: %s", what, *nt_log_text() ? nt_log_text() : strerror(errno));
	return -1;
}

int nt_read_volinfo(struct disk *d, struct part *p, struct nt_volinfo *vi, char *why, size_t whylen)
{
	memset(vi, 0, sizeof *vi);
	struct nt_vol *v = nt_vol_get(d, p, why, whylen);
	if (!v) return -1;
	int r = -1;
	ntfs_inode *ni = ntfs_inode_open(v->vol, FILE_Volume);
	ntfs_attr_search_ctx *ctx = ni ? ntfs_attr_get_search_ctx(ni, NULL) : NULL;
	if (!ctx || ntfs_attr_lookup(AT_VOLUME_INFORMATION, AT_UNNAMED, 0, CASE_SENSITIVE, 0, NULL, 0, ctx)) {
		lib_failed("$Volume's $VOLUME_INFORMATION", why, whylen);
	} else if (ctx->attr->non_resident ||
		   le32_to_cpu(ctx->attr->value_length) < sizeof(VOLUME_INFORMATION) ||
		   le16_to_cpu(ctx->attr->value_offset) + le32_to_cpu(ctx->attr->value_length) >
			   le32_to_cpu(ctx->attr->length)) {
		snprintf(why, whylen, "$Volume's $VOLUME_INFORMATION is malformed");
	} else {
		const VOLUME_INFORMATION *vinf =
			(const VOLUME_INFORMATION *)((const u8 *)ctx->attr + le16_to_cpu(ctx->attr->value_offset));
		vi->flags = le16_to_cpu(vinf->flags);
		vi->major = vinf->major_ver;
		vi->minor = vinf->minor_ver;
		r = 0;
	}
	if (ctx) ntfs_attr_put_search_ctx(ctx);
	if (ni) ntfs_inode_close(ni);
	nt_vol_put(v);
	return r;
}

int nt_read_hiber(struct disk *d, struct part *p, struct nt_hiberinfo *hi, char *why, size_t whylen)
{
	memset(hi, 0, sizeof *hi);
	struct nt_vol *v = nt_vol_get(d, p, why, whylen);
	if (!v) return -1;
	int r = 0;
	ntfs_inode *ni = ntfs_pathname_to_inode(v->vol, NULL, "hiberfil.sys");
	if (ni) {
		hi->present = 1;
		ntfs_attr *na = ntfs_attr_open(ni, AT_DATA, AT_UNNAMED, 0);
		if (na) {
			hi->size = (uint64_t)na->data_size;
			s64 n = ntfs_attr_pread(na, 0, sizeof hi->head, hi->head);
			hi->head_len = n > 0 ? (int)n : 0;
			ntfs_attr_close(na);
		}
		ntfs_inode_close(ni);
		/* The library's own verdict, the one a read-write mount obeys. */
		errno = 0;
		if (ntfs_volume_check_hiberfile(v->vol, 0) != 0) {
			if (errno == EPERM) hi->hibernated = 1;
			else r = lib_failed("hiberfil.sys", why, whylen);
		}
	} else if (errno != ENOENT) {
		r = lib_failed("looking up hiberfil.sys", why, whylen);
	}
	nt_vol_put(v);
	return r;
}

int nt_read_logfile(struct disk *d, struct part *p, struct nt_loginfo *li, char *why, size_t whylen)
{
	memset(li, 0, sizeof *li);
	struct nt_vol *v = nt_vol_get(d, p, why, whylen);
	if (!v) return -1;
	int r = -1;
	ntfs_inode *ni = ntfs_inode_open(v->vol, FILE_LogFile);
	ntfs_attr *na = ni ? ntfs_attr_open(ni, AT_DATA, AT_UNNAMED, 0) : NULL;
	if (!na) {
		lib_failed("$LogFile", why, whylen);
	} else {
		RESTART_PAGE_HEADER *rp = NULL;
		li->size = (uint64_t)na->data_size;
		li->consistent = ntfs_check_logfile(na, &rp) ? 1 : 0;
		li->clean = li->consistent && ntfs_is_logfile_clean(na, rp) ? 1 : 0;
		li->empty = li->consistent && !rp;
		if (rp) {
			li->major = (s16)le16_to_cpu(rp->major_ver);
			li->minor = (s16)le16_to_cpu(rp->minor_ver);
			/* ntfs_check_logfile validated the restart area's bounds. */
			const RESTART_AREA *ra =
				(const RESTART_AREA *)((const u8 *)rp + le16_to_cpu(rp->restart_area_offset));
			li->area_flags = le16_to_cpu(ra->flags);
			li->current_lsn = (uint64_t)sle64_to_cpu(ra->current_lsn);
			li->clients_in_use = ra->client_in_use_list != LOGFILE_NO_CLIENT;
		}
		free(rp);
		r = 0;
	}
	if (na) ntfs_attr_close(na);
	if (ni) ntfs_inode_close(ni);
	nt_vol_put(v);
	return r;
}

int nt_read_upcase(struct disk *d, struct part *p, struct nt_upcaseinfo *ui, char *why, size_t whylen)
{
	memset(ui, 0, sizeof *ui);
	struct nt_vol *v = nt_vol_get(d, p, why, whylen);
	if (!v) return -1;
	int r = -1;
	ntfschar *def = NULL, *tbl = NULL;
	ntfs_inode *ni = ntfs_inode_open(v->vol, FILE_UpCase);
	ntfs_attr *na = ni ? ntfs_attr_open(ni, AT_DATA, AT_UNNAMED, 0) : NULL;
	if (!na) {
		lib_failed("$UpCase", why, whylen);
		goto out;
	}
	ui->size = (uint64_t)na->data_size;
	/* libntfs-3g's rule: an even size of at most 65536 entries. */
	ui->size_ok = na->data_size >= 2 && !((na->data_size - 2) & ~0x1fffeLL);
	s64 len = ui->size_ok ? na->data_size : 0;
	tbl = xcalloc(1, UPCASE_MAX_BYTES);
	if (len && ntfs_attr_pread(na, 0, len, tbl) != len) {
		lib_failed("reading $UpCase", why, whylen);
		goto out;
	}
	u32 n = (u32)(len / 2);
	/* The same ASCII consistency rule that makes ntfs_mount refuse. */
	ui->ascii_ok = ui->size_ok && n >= 0x7f;
	for (u32 k = 0x20; ui->ascii_ok && k < 0x7f; k++) {
		u16 want = (u16)(k < 'a' || k > 'z' ? k : k + 'A' - 'a');
		if (le16_to_cpu(tbl[k]) != want) {
			ui->ascii_ok = 0;
			ui->first_bad = k;
			ui->bad_value = le16_to_cpu(tbl[k]);
			ui->want_value = want;
		}
	}
	/* The evidence of a table the library refuses; a usable one is not
	 * compared (building the default costs as much as the rest). */
	if (!ui->ascii_ok) {
		u32 deflen = ntfs_upcase_build_default(&def);
		if (!deflen) {
			lib_failed("$UpCase's default table", why, whylen);
			goto out;
		}
		for (u32 k = 0; k < n && k < deflen; k++) ui->differ_default += tbl[k] != def[k];
		if (n != deflen) ui->differ_default += n > deflen ? n - deflen : deflen - n;
	}
	r = 0;
out:
	free(def);
	free(tbl);
	if (na) ntfs_attr_close(na);
	if (ni) ntfs_inode_close(ni);
	nt_vol_put(v);
	return r;
}

int nt_mount_check(struct disk *d, struct part *p, int *err, char *why, size_t whylen)
{
	*err = 0;
	struct nt_vol *v = nt_vol_open(d, p, NULL, NULL, NTFS_MOUNT, 0, why, whylen);
	if (!v) {
		*err = errno ? errno : EIO;
		return -1;
	}
	nt_vol_close(v, NULL, 0);
	return 0;
}
