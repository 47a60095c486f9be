/* The system's partitions (/sys/class/block), for the menu's save step. */
#ifndef DM_BLOCKDEVS_H
#define DM_BLOCKDEVS_H
/* Partitions whose parent disk is not in `disks` (nor the boot medium), as
 * /dev/NAME in out[0..max). Returns the count. */
int save_candidates(char **disks, int ndisks, char out[][64], int max);
/* The partition whose filesystem label (libblkid) is label, and its disk:
 * where an unattended run keeps its undo records. 0, or -1 if none. */
int save_find_label(const char *label, char part[64], char disk[64]);
#endif
