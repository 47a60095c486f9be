/* VM disk image formats by magic: each format, raw for an MBR disk, the
 * qcow2/qed backing-name fields, and the streamOptimized vmdk markers. */
#include "check.h"
#include "parse/imgfmt.h"
#include <stdint.h>

static uint8_t h[4096], t[512];

static void clear(void) { memset(h, 0, sizeof h), memset(t, 0, sizeof t); }

int main(void)
{
	clear();
	h[510] = 0x55, h[511] = 0xAA;	/* an MBR disk */
	CHECK_EQ(imgfmt_detect(h, sizeof h, t), IMG_RAW);
	CHECK_EQ(imgfmt_detect(h, 0, NULL), IMG_RAW);

	clear();
	memcpy(h, "QFI\xfb\0\0\0\3", 8);
	CHECK_EQ(imgfmt_detect(h, sizeof h, t), IMG_QCOW2);
	CHECK_STR(imgfmt_name(IMG_QCOW2), "qcow2");
	h[7] = 1;
	CHECK_EQ(imgfmt_detect(h, sizeof h, t), IMG_QCOW);
	CHECK_EQ(imgfmt_detect(h, 3, t), IMG_RAW);	/* too short to say */

	/* qcow2 backing name: offset (be64) at 8, size (be32) at 16. */
	clear();
	memcpy(h, "QFI\xfb\0\0\0\3", 8);
	uint64_t off;
	uint32_t len;
	CHECK_EQ(imgfmt_backing(IMG_QCOW2, h, sizeof h, &off, &len), 0);
	CHECK_EQ(len, 0);
	h[14] = 0x01, h[15] = 0x20;	/* 0x120 */
	h[19] = 10;
	CHECK_EQ(imgfmt_backing(IMG_QCOW2, h, sizeof h, &off, &len), 0);
	CHECK_EQ(off, 0x120);
	CHECK_EQ(len, 10);
	h[17] = 0x10;	/* 1 MiB + 10: implausible */
	CHECK_EQ(imgfmt_backing(IMG_QCOW2, h, sizeof h, &off, &len), -1);
	CHECK_EQ(imgfmt_backing(IMG_VDI, h, sizeof h, &off, &len), -1);

	clear();
	memcpy(h, "QED\0", 4);
	CHECK_EQ(imgfmt_detect(h, sizeof h, t), IMG_QED);
	h[56] = 0x00, h[57] = 0x02, h[60] = 7;	/* little-endian 0x200, 7 */
	CHECK_EQ(imgfmt_backing(IMG_QED, h, sizeof h, &off, &len), 0);
	CHECK_EQ(off, 0x200);
	CHECK_EQ(len, 7);

	/* vmdk: sparse extent header, and descriptor text. */
	clear();
	memcpy(h, "KDMV", 4);
	CHECK_EQ(imgfmt_detect(h, sizeof h, t), IMG_VMDK);
	CHECK_EQ(imgfmt_vmdk_stream_optimized(h, sizeof h), 0);
	h[10] = 1;	/* flags bit 16: compressed grains */
	CHECK_EQ(imgfmt_vmdk_stream_optimized(h, sizeof h), 1);
	h[10] = 0;
	h[77] = 1;	/* compressAlgorithm deflate */
	CHECK_EQ(imgfmt_vmdk_stream_optimized(h, sizeof h), 1);
	h[77] = 0;
	h[28] = 1;	/* descriptor at sector 1 */
	strcpy((char *)h + 512, "# Disk DescriptorFile\nversion=1\ncreateType=\"streamOptimized\"\n");
	CHECK_EQ(imgfmt_vmdk_stream_optimized(h, sizeof h), 1);
	clear();
	strcpy((char *)h, "\n# Disk DescriptorFile\nversion=1\ncreateType=\"monolithicFlat\"\n");
	CHECK_EQ(imgfmt_detect(h, sizeof h, t), IMG_VMDK);
	CHECK_EQ(imgfmt_vmdk_stream_optimized(h, sizeof h), 0);

	clear();
	memcpy(h, "vhdxfile", 8);
	CHECK_EQ(imgfmt_detect(h, sizeof h, t), IMG_VHDX);

	/* VDI: signature 0xbeda107f, little-endian, at 64. */
	clear();
	h[64] = 0x7f, h[65] = 0x10, h[66] = 0xda, h[67] = 0xbe;
	CHECK_EQ(imgfmt_detect(h, sizeof h, t), IMG_VDI);
	CHECK_EQ(imgfmt_detect(h, 67, t), IMG_RAW);

	/* VHD: the footer at the end of a fixed disk (an MBR at the start). */
	clear();
	h[510] = 0x55, h[511] = 0xAA;
	memcpy(t, "conectix", 8);
	CHECK_EQ(imgfmt_detect(h, sizeof h, t), IMG_VPC);
	CHECK_STR(imgfmt_name(IMG_VPC), "vpc");
	CHECK_EQ(imgfmt_detect(h, sizeof h, NULL), IMG_RAW);

	clear();
	memcpy(h, "WithoutFreeSpace", 16);
	CHECK_EQ(imgfmt_detect(h, sizeof h, t), IMG_PARALLELS);
	return check_done("imgfmt");
}
