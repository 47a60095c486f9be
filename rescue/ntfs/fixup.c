#include "lib.h"
#include "fixup.h"

int ntfs_record_unfix(uint8_t *rec, uint32_t size)
{
	return ntfs_mst_post_read_fixup((NTFS_RECORD *)rec, size) == 0 ? 0 : -1;
}
