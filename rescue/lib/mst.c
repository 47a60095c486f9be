#include "ntfs3g.h"
#include "mst.h"

int mst_unfix(uint8_t *rec, uint32_t size)
{
	return ntfs_mst_post_read_fixup((NTFS_RECORD *)rec, size) == 0 ? 0 : -1;
}
