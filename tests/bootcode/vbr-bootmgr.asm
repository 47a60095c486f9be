; Test boot code in the style of Vista-and-later NTFS boot code (BOOTMGR):
; LBA reads only. It requires the INT 13h extensions (AH=41h, BX=55AAh),
; takes LBA = hidden sectors + the $MFTMirr's first sector and reads it with
; AH=42h, never by CHS, so the BPB's heads and sectors per track do not
; matter to it. It prints "BOOT OK" or "A disk read error occurred" on the
; screen and on COM1, like vbr.asm. Its message set names BOOTMGR (and not
; NTLDR), which is what diskmedic's boot code fingerprint keys on
; (docs/bootcode.md): a geometry mismatch under this code is harmless.
; Installed at offset 0x54 of both NTFS boot sectors; the BPB is untouched.

	bits 16
	org 0x7c54

BPB_SPC		equ 0x7c0d
BPB_HIDDEN	equ 0x7c1c
BPB_MFTMIRR	equ 0x7c38
BUF		equ 0x8000

start:
	cli
	xor ax, ax
	mov ds, ax
	mov es, ax
	mov ss, ax
	mov sp, 0x7c00
	sti
	mov [drive], dl

	mov ah, 0x41
	mov bx, 0x55aa
	mov dl, [drive]
	int 0x13
	jc fail
	cmp bx, 0xaa55
	jne fail

	movzx eax, byte [BPB_SPC]
	mul dword [BPB_MFTMIRR]
	add eax, [BPB_HIDDEN]
	mov [dap_lba], eax
	mov si, dap
	mov ah, 0x42
	mov dl, [drive]
	int 0x13
	jc fail

%include "verdict.inc"

%include "verdict-msgs.inc"
msg_missing	db "BOOTMGR is missing", 13, 10, 0
drive		db 0
dap		db 16, 0
		dw 1		; sectors
		dw BUF, 0	; buffer offset, segment
dap_lba		dd 0, 0

	times 0x1fe - 0x54 - ($ - $$) db 0
