/* The disk model: what the probe learned about one target, and the findings
 * the checks raised on it. Built by probe/probe.c, read by checks and reports. */
#ifndef DM_DISK_H
#define DM_DISK_H
#include <stdint.h>
#include "../geom/geometry.h"
#include "../io/dev.h"
#include "../parse/bootcode.h"
#include "../parse/gpt.h"
#include "../parse/mbr.h"
#include "content.h"

/* Things upper layers hang on the model, known here only by name: the
 * checks' findings (checks/finding.h), a partition's Windows installation
 * and the controller table (windows/windows.h). */
struct finding;
struct win_install;
struct ctl_class;

#define MAX_PARTS 256	/* logical partitions beyond this are reported, not modelled */

enum table_kind { TABLE_NONE, TABLE_MBR, TABLE_GPT };

struct part {
	int index;		/* 1-based, like Linux: 1..4 primary, 5.. logical; GPT: entry number + 1 */
	uint64_t start, sectors;	/* in logical sectors */
	uint8_t mbr_type;	/* MBR partitions */
	int active;
	int is_extended;	/* the extended container itself (not scanned for filesystems) */
	int whole_disk;		/* no table: a superfloppy's filesystem from sector 0 (index 1, type "whole-disk") */
	uint64_t entry_offset;	/* byte offset of its 16-byte MBR/EBR entry, or of its GPT entry */
	uint64_t ebr_lba;	/* logical: the EBR holding the entry (0 for the MBR) */
	struct mbr_entry entry;	/* raw MBR/EBR entry, base-relative */
	struct gpt_entry gpt;	/* GPT partitions */
	char type[48];		/* "0x07" or the GPT type name/GUID */
	const char *fs;		/* the NTFS/FAT volume diskmedic examines: "ntfs", "fat32",
				 * "fat16", "fat12", or NULL (none, or other content) */
	struct content content;	/* what libblkid says the partition holds */
	struct win_install *win;	/* a Windows installation on it (windows/windows.h), probed on demand */
};

struct gpt_side {
	int present;		/* signature found */
	int header_ok, entries_ok;
	uint64_t lba;		/* where it was read */
	struct gpt_header h;
	uint8_t *entries;	/* raw entry array */
	size_t entries_len;
};

struct disk {
	struct dev *dev;
	const char *path;
	uint64_t size;		/* bytes */
	uint32_t ssz;		/* logical sector size */
	uint64_t nsec;
	/* A VM disk image read through qemu-nbd (io/image.c): its format and
	 * backing chain (the image first), borrowed from dev like path. For a
	 * raw file or a block device nchain is 0 and the reports say nothing. */
	int nchain;
	const char *chain[16], *chain_format[16];
	uint8_t *sec0;		/* first sector */
	struct mbr mbr;
	struct bootcode mbr_code;	/* what the MBR's code is, and whether it reads CHS */
	enum table_kind table;
	struct gpt_side gpt[2];	/* [0] primary, [1] backup */
	int nparts;
	struct part parts[MAX_PARTS];
	int ebr_truncated;	/* chain cut by loop/depth/bounds protection */
	int ebr_limit;		/* ...only because diskmedic's own limits were reached */
	char ebr_note[128];
	struct geometry bios;	/* geometry in force (source GEOM_NONE = checks skipped) */
	const struct ctl_class *controller;	/* the controller Windows will boot from, or NULL */
	char controller_source[64];	/* "user", "sysfs:DRIVER", or why none */
	int nfindings;
	struct finding **findings;
	/* Volumes the lost-table search proposes, modelled as partitions so the
	 * Windows probe can read them (search/rebuild.c); freed with the disk. */
	int nshadow;
	struct part *shadow;
	unsigned read_errors;	/* reads that failed during this scan: findings may be incomplete */
	char read_error[256];	/* the first of them, or "" */
};

struct part *disk_part(struct disk *d, int index);
/* Free what the probe built. The findings and Windows installations hung on
 * the disk belong to the layers that made them: scan_free (checks/check.h)
 * frees those, then calls this. */
void disk_free(struct disk *d);
#endif
