/* MBR and EBR: pure decoding of one 512-byte table sector. */
#ifndef DM_MBR_H
#define DM_MBR_H
#include <stddef.h>
#include <stdint.h>

#define MBR_TABLE_OFF 446	/* four 16-byte entries start here */
#define MBR_SIG_OFF 510		/* 0x55 0xAA */
#define MBR_DISKSIG_OFF 440	/* NT disk signature, 4 bytes */

struct chs { unsigned cyl, head, sect; };	/* sect is 1-based; 0 = invalid */

struct mbr_entry {
	uint8_t status;		/* 0x80 active, 0x00 inactive, anything else invalid */
	uint8_t type;		/* 0 = unused slot */
	struct chs chs_first, chs_last;
	uint32_t lba_first;	/* relative to the table's base (0 for the MBR) */
	uint32_t sectors;
};

struct mbr {
	int has_signature;	/* bytes 510..511 == 55 AA */
	uint32_t disk_signature;
	int boot_code_empty;	/* bytes 0..439 all zero */
	int is_protective;	/* one 0xEE entry: the disk is GPT */
	struct mbr_entry e[4];
};

/* Decode a sector of at least 512 bytes. Returns 0, or -1 if len < 512. */
int mbr_parse(const uint8_t *sec, size_t len, struct mbr *out);
/* 10-bit cylinder, 8-bit head, 6-bit sector from the 3 on-disk bytes. */
struct chs chs_decode(const uint8_t b[3]);
void chs_encode(struct chs c, uint8_t b[3]);
int mbr_type_is_extended(uint8_t type);	/* 0x05, 0x0F, 0x85 */
const char *mbr_type_name(uint8_t type);	/* "NTFS/exFAT", "FAT32 LBA", ... */
#endif
