/* ext2/3/4 superblock decoding. Field offsets from the kernel's ext4.h. */
#include "ext_sb.h"
#include "../parse/le.h"
#include <string.h>

#define COMPAT_HAS_JOURNAL 0x4
#define INCOMPAT_EXTENTS 0x40
#define INCOMPAT_64BIT 0x80
#define INCOMPAT_FLEX_BG 0x200
#define RO_COMPAT_HUGE_FILE 0x8
#define RO_COMPAT_GDT_CSUM 0x10
#define RO_COMPAT_METADATA_CSUM 0x400

int ext_sb_parse(const uint8_t *sb, size_t len, struct ext_sb *out)
{
	memset(out, 0, sizeof *out);
	if (len < EXT_SB_SIZE || le16(sb + EXT_MAGIC_OFF) != EXT_MAGIC) return -1;
	uint32_t log_bs = le32(sb + 0x18);
	/* 1 KiB to 64 KiB blocks are what mke2fs makes. */
	if (log_bs > 6) return -1;
	out->block_size = 1024u << log_bs;
	out->first_data_block = le32(sb + 0x14);
	out->blocks_per_group = le32(sb + 0x20);
	out->compat = le32(sb + 0x5C);
	out->incompat = le32(sb + 0x60);
	out->ro_compat = le32(sb + 0x64);
	out->blocks = le32(sb + 0x04);
	if (out->incompat & INCOMPAT_64BIT) out->blocks |= (uint64_t)le32(sb + 0x150) << 32;
	out->group = le16(sb + 0x5A);
	memcpy(out->uuid, sb + 0x68, 16);
	memcpy(out->label, sb + 0x78, 16);
	out->label[16] = 0;
	uint32_t inodes = le32(sb + 0x00), inodes_per_group = le32(sb + 0x28);
	/* Sanity: random data with EF53 at the right place must not pass. */
	if (out->first_data_block != (out->block_size == 1024 ? 1u : 0u)) return -1;
	if (!out->blocks || !inodes || !inodes_per_group || inodes_per_group > inodes) return -1;
	if (out->blocks_per_group == 0 || out->blocks_per_group > 8u * out->block_size) return -1;
	if (out->blocks <= out->first_data_block) return -1;
	uint64_t groups = (out->blocks - out->first_data_block + out->blocks_per_group - 1) / out->blocks_per_group;
	if (out->group >= groups) return -1;
	uint32_t rev = le32(sb + 0x4C);
	if (rev > 1) return -1;
	if (out->incompat & (INCOMPAT_EXTENTS | INCOMPAT_64BIT | INCOMPAT_FLEX_BG) ||
	    out->ro_compat & (RO_COMPAT_HUGE_FILE | RO_COMPAT_GDT_CSUM | RO_COMPAT_METADATA_CSUM))
		out->version = 4;
	else
		out->version = out->compat & COMPAT_HAS_JOURNAL ? 3 : 2;
	return 0;
}

uint64_t ext_sb_offset(const struct ext_sb *s)
{
	if (s->group == 0) return EXT_SB_OFF;
	return ((uint64_t)s->group * s->blocks_per_group + s->first_data_block) * s->block_size;
}

uint64_t ext_sb_bytes(const struct ext_sb *s) { return s->blocks * s->block_size; }
