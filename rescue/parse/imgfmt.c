/* VM disk image formats by magic; see imgfmt.h. qcow/qcow2 headers are
 * big-endian (qemu's own layout), the others little-endian. */
#include "imgfmt.h"
#include "le.h"
#include <string.h>

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}
static uint64_t be64(const uint8_t *p) { return (uint64_t)be32(p) << 32 | be32(p + 4); }

static int at(const uint8_t *b, size_t len, size_t off, const char *magic, size_t n)
{
	return len >= off + n && memcmp(b + off, magic, n) == 0;
}

/* A vmdk descriptor file is text that starts with this comment line (after
 * optional blank space); VMware and qemu both write it. */
static int vmdk_descriptor(const uint8_t *b, size_t len)
{
	size_t i = 0;
	while (i < len && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n')) i++;
	return at(b, len, i, "# Disk DescriptorFile", 21);
}

enum imgfmt imgfmt_detect(const uint8_t *h, size_t n, const uint8_t *tail)
{
	if (at(h, n, 0, "QFI\xfb", 4)) {
		uint32_t v = n >= 8 ? be32(h + 4) : 0;
		return v == 1 ? IMG_QCOW : IMG_QCOW2;
	}
	if (at(h, n, 0, "KDMV", 4) || at(h, n, 0, "COWD", 4) || vmdk_descriptor(h, n)) return IMG_VMDK;
	if (at(h, n, 0, "vhdxfile", 8)) return IMG_VHDX;
	/* VDI: a text banner, then the signature 0xbeda107f at offset 64. */
	if (n >= 68 && le32(h + 64) == 0xbeda107fu) return IMG_VDI;
	if (at(h, n, 0, "QED\0", 4)) return IMG_QED;
	if (at(h, n, 0, "WithoutFreeSpace", 16) || at(h, n, 0, "WithouFreSpacExt", 16)) return IMG_PARALLELS;
	if (at(h, n, 0, "#!/bin/sh\n#V2.0 Format\n", 23)) return IMG_CLOOP;
	/* VHD (qemu's "vpc"): the 512-byte footer at the end of the file, and a
	 * copy at the start of a dynamic disk. */
	if (at(h, n, 0, "conectix", 8) || (tail && memcmp(tail, "conectix", 8) == 0)) return IMG_VPC;
	/* DMG: the "koly" trailer in the last 512 bytes. */
	if (tail && memcmp(tail, "koly", 4) == 0) return IMG_DMG;
	return IMG_RAW;
}

const char *imgfmt_name(enum imgfmt f)
{
	switch (f) {
	case IMG_RAW: return "raw";
	case IMG_QCOW2: return "qcow2";
	case IMG_QCOW: return "qcow";
	case IMG_VMDK: return "vmdk";
	case IMG_VHDX: return "vhdx";
	case IMG_VPC: return "vpc";
	case IMG_VDI: return "vdi";
	case IMG_QED: return "qed";
	case IMG_PARALLELS: return "parallels";
	case IMG_CLOOP: return "cloop";
	case IMG_DMG: return "dmg";
	}
	return "raw";
}

int imgfmt_backing(enum imgfmt f, const uint8_t *h, size_t n, uint64_t *off, uint32_t *len)
{
	*off = 0, *len = 0;
	if (f == IMG_QCOW2 || f == IMG_QCOW) {
		/* Both: backing_file_offset (8 bytes) at 8, backing_file_size (4) at 16. */
		if (n < 20) return -1;
		*off = be64(h + 8);
		*len = be32(h + 16);
	} else if (f == IMG_QED) {
		/* backing_filename_offset (4) at 56, backing_filename_size (4) at 60. */
		if (n < 64) return -1;
		*off = le32(h + 56);
		*len = le32(h + 60);
	} else {
		return -1;
	}
	if (!*off || !*len) {
		*off = 0, *len = 0;
		return 0;
	}
	/* qemu limits the name to 1023 bytes. */
	return *len <= 1023 ? 0 : -1;
}

int imgfmt_vmdk_stream_optimized(const uint8_t *h, size_t n)
{
	if (at(h, n, 0, "KDMV", 4)) {
		/* flags at 8: bit 16 = compressed grains; compressAlgorithm (2)
		 * at 77: 1 = deflate. Either makes grains unwritable in place. */
		if (n >= 79 && ((le32(h + 8) & (1u << 16)) || le16(h + 77) == 1)) return 1;
		/* The embedded descriptor may say so too (descriptorOffset, in
		 * sectors, at 28; qemu puts it at sector 1). */
		uint64_t doff = n >= 36 ? le64(h + 28) * 512 : 0;
		if (!doff || doff >= n) return 0;
		h += doff, n -= (size_t)doff;
	}
	static const char key[] = "createType=\"streamOptimized\"";
	size_t k = sizeof key - 1;
	for (size_t i = 0; i + k <= n && h[i]; i++)
		if (memcmp(h + i, key, k) == 0) return 1;
	return 0;
}
