/* See spans.h. */
#include "../lib/ntfs3g.h"
#include "spans.h"
#include "volume.h"
#include "../lib/util.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int map(struct disk *d, struct part *p, ntfs_volume *vol, ntfs_attr *na, uint64_t pos, uint64_t len,
	       struct disk_span **out, char *why, size_t whylen)
{
	if (!NAttrNonResident(na) || NAttrCompressed(na) || NAttrEncrypted(na) || NAttrSparse(na)) {
		snprintf(why, whylen, "the data is resident, compressed, encrypted or sparse: no fixed place on disk");
		return -1;
	}
	if (pos + len > (uint64_t)na->initialized_size) {
		snprintf(why, whylen, "bytes %llu..%llu lie past the initialized size %lld", (unsigned long long)pos,
			 (unsigned long long)(pos + len), (long long)na->initialized_size);
		return -1;
	}
	if (ntfs_attr_map_whole_runlist(na) != 0) {
		snprintf(why, whylen, "cannot map the runlist: %s", nt_log_text());
		return -1;
	}
	uint64_t csize = vol->cluster_size;
	int n = 0;
	struct disk_span *s = NULL;
	for (uint64_t b = pos; b < pos + len;) {
		LCN lcn = ntfs_attr_vcn_to_lcn(na, (VCN)(b / csize));
		if (lcn < 0) {
			snprintf(why, whylen, "file offset %llu has no cluster (hole or damaged runlist)",
				 (unsigned long long)b);
			free(s);
			return -1;
		}
		uint64_t in = b % csize, chunk = csize - in;
		if (chunk > pos + len - b) chunk = pos + len - b;
		uint64_t off = p->start * d->ssz + (uint64_t)lcn * csize + in;
		if (n && s[n - 1].disk_off + s[n - 1].len == off) {
			s[n - 1].len += chunk;	/* contiguous: extend */
		} else {
			s = xrealloc(s, (size_t)(n + 1) * sizeof *s);
			s[n++] = (struct disk_span){.file_off = b, .disk_off = off, .len = chunk};
		}
		b += chunk;
	}
	*out = s;
	return n;
}

int nt_file_spans(struct disk *d, struct part *p, const char *path, uint64_t inode, uint64_t pos, uint64_t len,
		    struct disk_span **out, char *why, size_t whylen)
{
	*out = NULL;
	struct nt_vol *v = nt_vol_get(d, p, why, whylen);
	if (!v) return -1;
	int n = -1;
	ntfs_inode *ni = path ? ntfs_pathname_to_inode(v->vol, NULL, path) : ntfs_inode_open(v->vol, (MFT_REF)inode);
	ntfs_attr *na = ni ? ntfs_attr_open(ni, AT_DATA, AT_UNNAMED, 0) : NULL;
	if (!na) snprintf(why, whylen, "cannot open %s: %s", path ? path : "the file", strerror(errno));
	else n = map(d, p, v->vol, na, pos, len, out, why, whylen);
	if (na) ntfs_attr_close(na);
	if (ni) ntfs_inode_close(ni);
	nt_vol_put(v);
	return n;
}
