; Test boot code for an NTFS volume boot record, standing in for Windows'
; NTFS boot code (which cannot be shipped). It behaves like NT4's: it trusts
; the BPB. It takes LBA = hidden sectors + the $MFTMirr's first sector (deep
; inside the volume, so a wrong head count yields a wrong CHS address), reads
; it with INT 13h AH=02h by CHS computed from the BPB's heads and sectors per
; track, and checks for the "FILE" record magic. It prints "BOOT OK" or NT's
; "A disk read error occurred" on the screen and on COM1, then halts.
;
; Assembled twice (tests/bootcode/build.sh):
;   default  NT4 style: CHS only.
;   -DXP     XP style: probes the INT 13h extensions (AH=41h, BX=55AAh); reads
;            by CHS below the CHS limit and by LBA (AH=42h) above it.
; Installed at offset 0x54 of both NTFS boot sectors; the BPB is untouched.
; The NTLDR message below is part of the NT boot code's message set, which
; is also what diskmedic's boot code fingerprint keys on (docs/bootcode.md).

	bits 16
	org 0x7c54

BPB_SPC		equ 0x7c0d	; sectors per cluster (byte)
BPB_SPT		equ 0x7c18
BPB_HEADS	equ 0x7c1a
BPB_HIDDEN	equ 0x7c1c
BPB_MFTMIRR	equ 0x7c38	; $MFTMirr LCN (low dword is enough here)
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

	; LBA = hidden + mftmirr_lcn * sectors_per_cluster
	movzx eax, byte [BPB_SPC]
	mul dword [BPB_MFTMIRR]
	add eax, [BPB_HIDDEN]
	mov [lba], eax

%ifdef XP
	; Above the CHS limit (1024 cylinders) use the extensions, if present.
	movzx ecx, word [BPB_SPT]
	movzx edx, word [BPB_HEADS]
	imul ecx, edx
	shl ecx, 10
	cmp eax, ecx
	jb chs_read
	mov ah, 0x41
	mov bx, 0x55aa
	mov dl, [drive]
	int 0x13
	jc fail
	cmp bx, 0xaa55
	jne fail
	mov eax, [lba]
	mov [dap_lba], eax
	mov si, dap
	mov ah, 0x42
	mov dl, [drive]
	int 0x13
	jc fail
	jmp check
%endif

chs_read:
	; sector = lba % spt + 1; t = lba / spt; head = t % heads; cyl = t / heads
	mov eax, [lba]
	xor edx, edx
	movzx ecx, word [BPB_SPT]
	div ecx
	inc dx
	mov [sect], dl
	xor edx, edx
	movzx ecx, word [BPB_HEADS]
	div ecx
	cmp eax, 1023
	ja fail
	mov ch, al		; cylinder low 8 bits
	mov cl, ah
	shl cl, 6		; cylinder bits 8-9 into CL 7-6
	or cl, [sect]
	mov dh, dl		; head
	mov dl, [drive]
	mov bx, BUF
	mov ax, 0x0201
	int 0x13
	jc fail

check:
%include "verdict.inc"

%include "verdict-msgs.inc"
msg_ntldr	db "NTLDR is missing", 13, 10, 0
drive		db 0
sect		db 0
lba		dd 0
%ifdef XP
dap		db 16, 0
		dw 1		; sectors
		dw BUF, 0	; buffer offset, segment
dap_lba		dd 0, 0
%endif

	times 0x1fe - 0x54 - ($ - $$) db 0
