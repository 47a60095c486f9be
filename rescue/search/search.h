/* Finding lost partitions: the quick search (cheap reads at the usual
 * partition alignments) and the deep search (every sector, one sequential
 * pass). Both turn what they see into claims, "a volume of this filesystem
 * starts at S and spans N sectors", which assemble.c pairs into volumes. */
#ifndef DM_SEARCH_H
#define DM_SEARCH_H
#include <stdint.h>
#include "../fix/plan.h"
#include "../parse/gpt.h"
#include "../probe/disk.h"

/* What a found volume holds. The first eight are the ones the sector scan
 * itself recognises (boot sectors and ext superblocks, with their backups);
 * the rest only libblkid finds, at the places where partitions start
 * (identify.c). kinds.c has the one table that names them. */
enum fs_kind { FSK_NONE, FSK_NTFS, FSK_FAT12, FSK_FAT16, FSK_FAT32, FSK_EXT2, FSK_EXT3, FSK_EXT4,
	       FSK_EXFAT, FSK_XFS, FSK_BTRFS, FSK_SWAP, FSK_LUKS, FSK_BITLOCKER, FSK_MAX };
enum claim_role { ROLE_PRIMARY, ROLE_BACKUP, ROLE_CONTENT };	/* content: a verified $MFT or FAT */

struct claim {
	uint64_t start, sectors;	/* the volume this structure implies */
	uint64_t seen_lba;		/* the sector it was read from */
	uint64_t serial;		/* NTFS serial, FAT volume id, ext UUID: copies of one volume agree */
	uint8_t fs, role;
	char label[17];
};

/* Claims are bounded: past max, further ones are counted, not kept. */
struct claims {
	struct claim *v;
	int n, cap, max;
	uint64_t dropped;
};

/* Evidence of a GPT that was there. */
struct gpt_evidence {
	int header_found;
	uint64_t header_lba;
	struct gpt_header h;	/* disk GUID, entry geometry */
	uint64_t entries_lba;	/* entries_len 0: none found */
	uint8_t *entries;
	size_t entries_len;
	uint32_t num_entries, entry_size;
	int entries_match;	/* entries starting where volumes were found */
	int protective_mbr;
};

struct volume {
	uint64_t start, sectors;
	uint8_t fs;
	int score;		/* 3 two agreeing copies, 2 one copy verified by content, 1 unverified */
	int chosen;		/* part of the proposed table */
	uint64_t primary_lba, backup_lba;	/* UINT64_MAX: not seen */
	int copies;		/* distinct sectors that claimed it */
	uint64_t serial;
	char label[17];
	int boot_code;		/* its boot sector holds real boot code: the active one */
	char bootcode[16];	/* bootcode_kind_name */
	/* identify.c: what libblkid says the chosen volume's extent holds now.
	 * When that is not what the claims said (an exFAT over an old NTFS whose
	 * backup boot sector survived), fs becomes the live kind, stale names
	 * the old one, and the table is rebuilt for the live content. */
	char content[32];	/* libblkid's TYPE, "" if it found nothing */
	char stale[16];		/* fs_kind_name of the remnant that found it, or "" */
	char refused[80];	/* why the volume was not chosen after all, or "" */
};

struct search_result {
	struct claims c;
	struct volume *vols;
	int nvols, nchosen;
	struct gpt_evidence gpt;
	uint64_t reads, bytes_read;	/* cost, for the report and the bench */
	uint64_t holes_skipped;		/* deep, image files: bytes of holes not read (they read as zeros) */
	double seconds;
	int interrupted, budget_exhausted;
	uint64_t scanned_to;	/* deep: the search covered [0, scanned_to) bytes */
};

/* Past this many sectors (1024 cylinders of 255 x 63) a rebuilt table uses
 * the LBA partition types: FAT16 0x0E, extended 0x0F. */
#define CHS_LIMIT (1024ull * 255 * 63)

/* kinds.c: the table of volume kinds. */
const char *fs_kind_name(int fs);	/* "ntfs", "fat32", "ext4", "xfs", ... */
int fs_kind_is_ext(int fs);
int fs_kind_linux(int fs);	/* a Linux GPT type (8300), not basic data (0700) */
uint8_t fs_kind_mbr_type(int fs, uint64_t start, uint64_t sectors);
/* The kind of libblkid's TYPE (and VERSION, for vfat's FAT12/16/32), or FSK_NONE. */
int fs_kind_of_blkid(const char *type, const char *version);

/* identify.c: libblkid over the chosen volumes (search_identify), and at the
 * places a next partition would start, for the kinds the sector scan does
 * not know (search_blkid_next). Both read only. */
void search_identify(struct disk *d, struct search_result *r);
void search_blkid_next(struct disk *d, struct search_result *r);

/* classify.c (pure): claims from one sector at lba (NTFS or FAT boot sector,
 * primary or backup), and from ext superblock bytes at byte offset off. */
int classify_boot_sector(const uint8_t *sec, uint32_t ssz, uint64_t lba, uint64_t nsec, struct claim out[2]);
int classify_ext_sb(const uint8_t *sb, size_t len, uint64_t off, uint32_t ssz, uint64_t nsec, struct claim *out);
/* Every claim in buf (len bytes at disk byte offset off; both ssz-aligned);
 * GPT header sectors are reported through gpt_lba (may be NULL). Returns claims added. */
int classify_buffer(const uint8_t *buf, size_t len, uint64_t off, uint32_t ssz, uint64_t nsec, struct claims *c,
		    void (*gpt_seen)(void *ctx, uint64_t lba, const uint8_t *sec), void *ctx);

/* claims.c */
void claims_init(struct claims *c, int max);
void claims_add(struct claims *c, const struct claim *x);
void claims_free(struct claims *c);

/* assemble.c (pure): group claims into volumes, score them, choose a
 * non-overlapping set that fits the disk. */
void search_assemble(struct search_result *r, uint64_t nsec);

/* verify.c: read partner copies and content ($MFT, FAT) for weak claims so
 * that they can be scored. At most max_reads reads. */
void search_verify(struct disk *d, struct search_result *r, int max_reads);
/* Boot code of each chosen volume (for the active flag). */
void search_bootcode(struct disk *d, struct search_result *r);

/* gpt_evidence.c: headers and entry arrays left from a GPT. */
void search_gpt_evidence(struct disk *d, struct search_result *r);

/* quick.c: the usual alignments, at most budget positions (0 = no limit). */
void search_quick(struct disk *d, int budget, struct search_result *r);
/* deep.c: every sector. Progress on stderr unless quiet; a key on a tty stdin
 * stops it. read_holes: read a sparse image's holes too (benchmarks). */
void search_deep(struct disk *d, int quiet, int read_holes, struct search_result *r);
void search_result_free(struct search_result *r);

/* lost.c: could this disk's table be lost (cheap, before searching)? Is it,
 * given what the search found? */
int search_may_be_lost(const struct disk *d);
int search_table_lost(const struct disk *d, const struct search_result *r);

/* rebuild.c: the proposed table as detail lines and fixes, for the finding
 * checks/mbr_table_lost.c raises. */
void search_plan(struct disk *d, struct search_result *r, struct proposal *f);
/* syslinux_mbr.c: Debian syslinux-common's mbr.bin, embedded at build time, or len 0. */
extern const uint8_t syslinux_mbr[];
extern const unsigned syslinux_mbr_len;
#endif
