/* See ntfs_record.h. The record header gives the update sequence array's
 * offset (0x04) and its count (0x06): the sequence number, then one saved
 * word per 512-byte block. Each block's last word must equal the sequence
 * number (else the write that made the record was torn); the saved words
 * go back in their place. */
#include "ntfs_record.h"
#include "le.h"

#define BLOCK 512u

int ntfs_record_unfix(uint8_t *rec, uint32_t size)
{
	if (size < BLOCK || size % BLOCK) return -1;
	uint32_t usa_ofs = le16(rec + 4), usa_count = le16(rec + 6);
	if (usa_count < 1 || (usa_ofs & 1)) return -1;
	uint32_t blocks = usa_count - 1;
	if (blocks != size / BLOCK || usa_ofs + 2 * usa_count > size) return -1;
	uint16_t usn = le16(rec + usa_ofs);
	for (uint32_t i = 0; i < blocks; i++)
		if (le16(rec + (i + 1) * BLOCK - 2) != usn) return -1;
	for (uint32_t i = 0; i < blocks; i++) {
		rec[(i + 1) * BLOCK - 2] = rec[usa_ofs + 2 * (i + 1)];
		rec[(i + 1) * BLOCK - 1] = rec[usa_ofs + 2 * (i + 1) + 1];
	}
	return 0;
}
