/* Partition content through libblkid (util-linux), with its full prober set.
 * diskmedic's own parsers know NTFS and FAT in depth, but only libblkid knows
 * every format a technician's disk may hold (exFAT, ext4, XFS, LUKS,
 * BitLocker, md, LVM, ...). Without this a partition reformatted from NTFS
 * still carries the old NTFS backup boot sector at its end, and that stale
 * sector would be taken for the volume. */
#include "content.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef DM_WITH_BLKID
#include <blkid.h>

static void value(blkid_probe pr, const char *name, char *out, size_t outlen)
{
	const char *data;
	size_t len;
	out[0] = 0;
	if (blkid_probe_lookup_value(pr, name, &data, &len) == 0) snprintf(out, outlen, "%s", data);
}

static uint64_t number(blkid_probe pr, const char *name)
{
	char v[32];
	value(pr, name, v, sizeof v);
	return v[0] ? strtoull(v, NULL, 10) : 0;
}

/* FSSIZE is the usable size for XFS (its internal log left out), so the
 * last block times the block size comes first: that is the extent. */
static uint64_t extent(blkid_probe pr)
{
	uint64_t last = number(pr, "FSLASTBLOCK"), bs = number(pr, "FSBLOCKSIZE");
	if (last && bs && last <= UINT64_MAX / bs) return last * bs;
	return number(pr, "FSSIZE");
}

void content_identify(int fd, uint64_t off, uint64_t size, struct content *c)
{
	memset(c, 0, sizeof *c);
	blkid_probe pr = blkid_new_probe();
	if (!pr || blkid_probe_set_device(pr, fd, (blkid_loff_t)off, (blkid_loff_t)size) != 0) {
		snprintf(c->why, sizeof c->why, "libblkid could not open the range");
		if (pr) blkid_free_probe(pr);
		return;
	}
	blkid_probe_enable_superblocks(pr, 1);
	blkid_probe_set_superblocks_flags(pr, BLKID_SUBLKS_TYPE | BLKID_SUBLKS_USAGE | BLKID_SUBLKS_VERSION |
						      BLKID_SUBLKS_LABEL | BLKID_SUBLKS_UUID | BLKID_SUBLKS_FSINFO);
	/* A partition table inside a partition is not what we ask about here. */
	blkid_probe_enable_partitions(pr, 0);
	int rc = blkid_do_safeprobe(pr);
	if (rc == 0) {
		c->state = CONTENT_FOUND;
		value(pr, "TYPE", c->type, sizeof c->type);
		value(pr, "USAGE", c->usage, sizeof c->usage);
		value(pr, "VERSION", c->version, sizeof c->version);
		value(pr, "LABEL", c->label, sizeof c->label);
		value(pr, "UUID", c->uuid, sizeof c->uuid);
		c->size_bytes = extent(pr);
	} else if (rc == 1) {
		c->state = CONTENT_NONE;
	} else if (rc == -2) {
		c->state = CONTENT_AMBIGUOUS;
		snprintf(c->why, sizeof c->why, "libblkid found more than one live signature");
	} else {
		snprintf(c->why, sizeof c->why, "libblkid could not read the range");
	}
	blkid_free_probe(pr);
}
#else
void content_identify(int fd, uint64_t off, uint64_t size, struct content *c)
{
	(void)fd, (void)off, (void)size;
	memset(c, 0, sizeof *c);
	snprintf(c->why, sizeof c->why, "this build has no libblkid");
}
#endif

int content_is_ntfs_or_fat(const struct content *c)
{
	return c->state == CONTENT_FOUND && (!strcmp(c->type, "ntfs") || !strcmp(c->type, "vfat"));
}

int content_is_encrypted(const struct content *c)
{
	return c->state == CONTENT_FOUND && !strcmp(c->usage, "crypto");
}
