/* MBR / EBR table sector decoding. Pure: bytes in, struct out.
 * The EBR chain walk (loops, depth) belongs to the probe; it calls
 * mbr_parse() once per table sector. */
#include <string.h>
#include "mbr.h"
#include "le.h"

struct chs chs_decode(const uint8_t b[3])
{
	/* byte 0: head; byte 1: sector in bits 0-5, cylinder bits 8-9 in bits 6-7;
	 * byte 2: cylinder bits 0-7. */
	struct chs c;
	c.head = b[0];
	c.sect = b[1] & 0x3F;
	c.cyl = (unsigned)(b[1] & 0xC0) << 2 | b[2];
	return c;
}

void chs_encode(struct chs c, uint8_t b[3])
{
	/* Clamp rather than mask: a masked cylinder 1024 would wrap to 0 and point
	 * at the start of the disk, whereas 1023 is the conventional "beyond CHS". */
	unsigned cyl = c.cyl > 1023 ? 1023 : c.cyl;
	unsigned head = c.head > 255 ? 255 : c.head;
	unsigned sect = c.sect > 63 ? 63 : c.sect;
	b[0] = (uint8_t)head;
	b[1] = (uint8_t)(sect | (cyl >> 8) << 6);
	b[2] = (uint8_t)(cyl & 0xFF);
}

int mbr_parse(const uint8_t *sec, size_t len, struct mbr *out)
{
	memset(out, 0, sizeof *out);
	if (!sec || len < 512)
		return -1;
	out->has_signature = sec[MBR_SIG_OFF] == 0x55 && sec[MBR_SIG_OFF + 1] == 0xAA;
	out->disk_signature = le32(sec + MBR_DISKSIG_OFF);
	out->boot_code_empty = 1;
	for (size_t i = 0; i < MBR_DISKSIG_OFF; i++)
		if (sec[i]) {
			out->boot_code_empty = 0;
			break;
		}
	for (int i = 0; i < 4; i++) {
		const uint8_t *p = sec + MBR_TABLE_OFF + 16 * i;
		struct mbr_entry *e = &out->e[i];
		e->status = p[0];
		e->chs_first = chs_decode(p + 1);
		e->type = p[4];
		e->chs_last = chs_decode(p + 5);
		e->lba_first = le32(p + 8);
		e->sectors = le32(p + 12);
		/* Any 0xEE entry marks a GPT disk: the UEFI spec's protective MBR has
		 * exactly one, hybrid MBRs add others beside it; both mean "read GPT". */
		if (e->type == 0xEE)
			out->is_protective = 1;
	}
	return 0;
}

int mbr_type_is_extended(uint8_t type)
{
	return type == 0x05 || type == 0x0F || type == 0x85;
}

const char *mbr_type_name(uint8_t type)
{
	switch (type) {
	case 0x00: return "empty";
	case 0x01: return "FAT12";
	case 0x04: return "FAT16 <32M";
	case 0x05: return "Extended";
	case 0x06: return "FAT16";
	case 0x07: return "NTFS/exFAT";
	case 0x0B: return "FAT32";
	case 0x0C: return "FAT32 LBA";
	case 0x0E: return "FAT16 LBA";
	case 0x0F: return "Extended LBA";
	case 0x11: return "Hidden FAT12";
	case 0x12: return "Compaq diagnostics";
	case 0x14: return "Hidden FAT16 <32M";
	case 0x16: return "Hidden FAT16";
	case 0x17: return "Hidden NTFS/exFAT";
	case 0x1B: return "Hidden FAT32";
	case 0x1C: return "Hidden FAT32 LBA";
	case 0x1E: return "Hidden FAT16 LBA";
	case 0x27: return "Windows recovery";
	case 0x42: return "Windows dynamic disk";
	case 0x82: return "Linux swap";
	case 0x83: return "Linux";
	case 0x85: return "Linux extended";
	case 0x8E: return "Linux LVM";
	case 0xA5: return "FreeBSD";
	case 0xA6: return "OpenBSD";
	case 0xA9: return "NetBSD";
	case 0xAF: return "HFS/HFS+";
	case 0xEE: return "GPT protective";
	case 0xEF: return "EFI System";
	case 0xFB: return "VMware VMFS";
	case 0xFD: return "Linux RAID autodetect";
	default: return "unknown";
	}
}
