/* ext2/3/4 superblock: pure decoding, enough to place and size the volume.
 * The primary superblock sits 1024 bytes into the filesystem; backups sit at
 * the start of groups 1, 3, 5, 7, 9, 25, 27... and say which group they are
 * in, so any one copy tells where the filesystem starts. */
#ifndef DM_EXT_SB_H
#define DM_EXT_SB_H
#include <stddef.h>
#include <stdint.h>

#define EXT_SB_OFF 1024		/* primary superblock, bytes from the volume start */
#define EXT_SB_SIZE 0x154	/* the fields decoded here all lie within this */
#define EXT_MAGIC_OFF 0x38	/* le16 0xEF53 */
#define EXT_MAGIC 0xEF53

struct ext_sb {
	uint64_t blocks;		/* total blocks (64-bit when the 64bit feature is on) */
	uint32_t block_size;		/* bytes: 1024 << s_log_block_size */
	uint32_t first_data_block;	/* 1 for 1 KiB blocks, else 0 */
	uint32_t blocks_per_group;
	uint16_t group;			/* s_block_group_nr: 0 for the primary */
	uint32_t compat, incompat, ro_compat;
	uint8_t uuid[16];
	char label[17];
	int version;			/* 2, 3 or 4: by features, as blkid names them */
};

/* sb: the superblock (at least EXT_SB_SIZE bytes). 0 if it is a plausible ext superblock. */
int ext_sb_parse(const uint8_t *sb, size_t len, struct ext_sb *out);
/* Byte offset of this copy from the volume start: 1024 for group 0, else the
 * first byte of the group's first block. */
uint64_t ext_sb_offset(const struct ext_sb *s);
uint64_t ext_sb_bytes(const struct ext_sb *s);	/* the volume's size in bytes */
#endif
