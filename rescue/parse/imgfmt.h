/* VM disk image formats, recognised by their magic (parse/imgfmt.c).
 * Pure parsing of bytes the caller read: the file's head and its last 512
 * bytes. diskmedic never interprets these formats' data itself; io/image.c
 * hands a non-raw image to qemu's own block layer (qemu-nbd). This file only
 * decides that an image is not raw, so that it is never read as raw, and
 * finds what io/image.c must check before starting qemu-nbd: the backing file
 * a qcow2/qed overlay names, and a vmdk that qemu can only read. */
#ifndef DM_IMGFMT_H
#define DM_IMGFMT_H
#include <stddef.h>
#include <stdint.h>

enum imgfmt {
	IMG_RAW = 0,
	IMG_QCOW2,
	IMG_QCOW,	/* qcow version 1 */
	IMG_VMDK,	/* sparse extent (KDMV) or descriptor text */
	IMG_VHDX,
	IMG_VPC,	/* VHD: "conectix" footer */
	IMG_VDI,
	IMG_QED,
	IMG_PARALLELS,
	IMG_CLOOP,
	IMG_DMG,
};

/* How many bytes of the head imgfmt_detect wants (less is fine for a short file). */
#define IMGFMT_HEAD 4096

/* head: the first headlen bytes; tail: the last 512 bytes of the file, or
 * NULL when it is shorter than 512. */
enum imgfmt imgfmt_detect(const uint8_t *head, size_t headlen, const uint8_t *tail);
/* qemu's name for the format (its --format / -f argument). */
const char *imgfmt_name(enum imgfmt f);

/* Where the backing file's name lies in a qcow2/qcow/qed image: offset and
 * length in the file. 0 with *len = 0 when there is none, -1 when the
 * header is not one of these formats or the fields are implausible. */
int imgfmt_backing(enum imgfmt f, const uint8_t *head, size_t headlen, uint64_t *off, uint32_t *len);

/* A vmdk whose grains are compressed (createType streamOptimized): qemu reads
 * it but cannot rewrite a grain in place. head is the file's head (sparse
 * extent header, or descriptor text). 1 yes, 0 no. */
int imgfmt_vmdk_stream_optimized(const uint8_t *head, size_t headlen);
#endif
