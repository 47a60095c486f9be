# Windows-like test disks for the windows-boot-driver and windows-hive checks,
# built with real tools only: sfdisk (the MBR), mkntfs (the volume), an
# ntfs-3g FUSE mount (directories and files), hivexsh (the hives, grown from
# hivex's own images/minimal). docs/windows-test-images.md says what each
# kind is for. Sourced by tests after lib.sh (it needs $SRCDIR and $BUILD).
#
#     windows_disk KIND OUT [SYSTEM]  raw MBR disk image (256 MiB, sparse);
#                                 SYSTEM replaces the kind's hive when given
#     windows_hive KIND OUT       the SYSTEM hive alone
#     windows_software KIND OUT   the SOFTWARE hive alone (the version keys)
#     windows_minimal OUT         hivex's images/minimal, fetched and cached
#     windows_ready               0 when the tools are there (else says why)
#     windows_hostile_hive HOW IN OUT   IN spoiled: $WINDOWS_HOSTILE
#
# The same KIND gives the same bytes: the hives come from a fixed script (hivex
# writes no clock), mkntfs runs with -T, the volume serial and the MBR disk
# signature are fixed, and ntfs-3g runs with its clock stopped (frozen, from
# rescue/lab/ntfs.sh).

. "$SRCDIR/rescue/lab/bytes.sh"
. "$SRCDIR/rescue/lab/ntfs.sh"
PATH=$PATH:/usr/sbin:/sbin

WINDOWS_KINDS="win8-ide-disabled win8-ahci-disabled win8-clean win7-ahci-disabled
win8-virtio-missing win8-dirty win8-ide-disabled-cs2 win8-ide-nodriverfile"

# The disk: one NTFS partition (type 07, active) at LBA 2048 filling the rest.
WINDOWS_DISK_MIB=256
WINDOWS_PART_START=2048
WINDOWS_DISK_SIG=0d15c0de       # sfdisk label-id; MountedDevices names it
WINDOWS_NTFS_SERIAL=5741534d4d454449   # 8 bytes, little-endian in the VBR

# Where the hivex source the build fetches is cached (as mk/hivex.sh does),
# and where its images/minimal is taken out.
WINDOWS_HIVEX_SRC=$BUILD/src/hivex
WINDOWS_HIVEX_TREE=$BUILD/hivex-src

windows_say() { echo "lib-windows: $*" >&2; }

# windows_ready: the tools exist and FUSE can be used; else one line saying
# what is missing, and status 1 (for test_skip).
windows_ready() {
	for _t in hivexsh hivexget hivexml python3 sfdisk mkntfs ntfs-3g fusermount faketime; do
		command -v "$_t" >/dev/null 2>&1 || { echo "$_t is not installed"; return 1; }
	done
	[ -c /dev/fuse ] || { echo "no /dev/fuse (ntfs-3g needs FUSE)"; return 1; }
}

# windows_minimal OUT: hivex's own test hive images/minimal, from the hivex
# source fetched by mk/fetch.sh (cached under build/; no network once there).
windows_minimal() {
	_m=$WINDOWS_HIVEX_TREE/images/minimal
	if [ ! -s "$_m" ] || ! cmp -s "$WINDOWS_HIVEX_SRC/VERSION" "$WINDOWS_HIVEX_TREE/VERSION"; then
		sh "$SRCDIR/mk/fetch.sh" source hivex "$WINDOWS_HIVEX_SRC" || return 1
		_t=$WINDOWS_HIVEX_TREE.tmp.$$
		rm -rf "$_t"
		if [ "$(cat "$WINDOWS_HIVEX_SRC/KIND")" = orig ]; then
			# Only the one file is needed from the upstream tarball.
			mkdir -p "$_t" && tar -xf "$WINDOWS_HIVEX_SRC/$(cat "$WINDOWS_HIVEX_SRC/FILE")" \
				-C "$_t" --strip-components=1 --wildcards '*/images/minimal' || return 1
		else
			sh "$SRCDIR/mk/fetch.sh" unpack "$WINDOWS_HIVEX_SRC" "$_t" || return 1
		fi
		cp "$WINDOWS_HIVEX_SRC/VERSION" "$_t/VERSION" &&
			rm -rf "$WINDOWS_HIVEX_TREE" && mv "$_t" "$WINDOWS_HIVEX_TREE" || return 1
	fi
	cp "$_m" "$1" && chmod 644 "$1"
}

# ---- the driver table ---------------------------------------------------------
# windows_drivers STYLE: "SERVICE FILE GROUP" lines, the storage drivers a
# Windows of STYLE (win7, win8) ships or had installed. Names and file names
# are Windows' own, mixed case included (LSI_SAS in lsi_sas.sys): the code
# under test must match them case-insensitively. GROUP uses _ for spaces.
windows_drivers() {
	case $1 in
	win8) cat <<-'EOF'
		intelide intelide.sys Boot_Bus_Extender
		pciide pciide.sys Boot_Bus_Extender
		atapi atapi.sys SCSI_miniport
		storahci storahci.sys SCSI_miniport
		iaStorV iaStorV.sys SCSI_miniport
		stornvme stornvme.sys SCSI_miniport
		LSI_SAS lsi_sas.sys SCSI_miniport
		LSI_SCSI lsi_scsi.sys SCSI_miniport
		pvscsi pvscsi.sys SCSI_miniport
		megasas megasas.sys SCSI_miniport
		storvsc storvsc.sys SCSI_miniport
		viostor viostor.sys SCSI_miniport
		vioscsi vioscsi.sys SCSI_miniport
		disk disk.sys SCSI_Class
		EOF
		;;
	win7) cat <<-'EOF'
		intelide intelide.sys Boot_Bus_Extender
		pciide pciide.sys Boot_Bus_Extender
		atapi atapi.sys SCSI_miniport
		msahci msahci.sys SCSI_miniport
		iaStorV iaStorV.sys SCSI_miniport
		LSI_SAS lsi_sas.sys SCSI_miniport
		LSI_SCSI lsi_scsi.sys SCSI_miniport
		megasas megasas.sys SCSI_miniport
		storvsc storvsc.sys SCSI_miniport
		disk disk.sys SCSI_Class
		EOF
		;;
	esac
}

# windows_kind_state KIND: "STYLE CURRENT SETS INUSE ABSENT NOFILE", the
# settings a kind is made of:
#   STYLE   win7 or win8
#   CURRENT Select\Current
#   SETS    control set number:state pairs (state: the kind whose drivers
#           that set holds; the current set holds KIND's own)
#   INUSE   the drivers Windows uses on the controller it was installed on
#           (win8: no StartOverride; win7: Start=0); all others are disabled
#   ABSENT  drivers with neither a service key nor a file
#   NOFILE  drivers with a service key but no file under System32\drivers
# "-" is an empty list; lists are comma-separated.
windows_kind_state() {
	case $1 in
	win8-ide-disabled|win8-dirty)
		echo "win8 1 - storahci,disk,viostor,vioscsi - -" ;;
	win8-ahci-disabled)
		echo "win8 1 - intelide,atapi,disk,viostor,vioscsi - -" ;;
	win8-clean)
		echo "win8 1 - intelide,pciide,atapi,storahci,disk,viostor,vioscsi - -" ;;
	win8-virtio-missing)
		echo "win8 1 - storahci,disk,vioscsi viostor -" ;;
	win8-ide-disabled-cs2)
		# The live set is 002; 001 is an older set in which IDE still
		# worked. Code that reads ControlSet001 sees nothing to fix.
		echo "win8 2 1:win8-clean storahci,disk,viostor,vioscsi - -" ;;
	win8-ide-nodriverfile)
		echo "win8 1 - storahci,disk,viostor,vioscsi - intelide" ;;
	win7-ahci-disabled)
		echo "win7 1 - pciide,atapi,disk - -" ;;
	*) windows_say "unknown kind '$1' (kinds: $(echo $WINDOWS_KINDS))"; return 1 ;;
	esac
}

_win_in() { case ,$2, in *,$1,*) return 0 ;; esac; return 1; }

# ---- the hives --------------------------------------------------------------
# hivexsh script lines. setval replaces all values of the current key, so
# each key gets all its values at once.

# _win_services_script STYLE CS INUSE ABSENT: the Services keys of ControlSet CS.
# (Its variables are its own: the caller's _style/_inuse/_absent survive.)
_win_services_script() {
	_ss=$1 _scs=$2 _sinuse=$3 _sabsent=$4
	# Windows 7 writes "system32\DRIVERS\x.sys", Windows 8 and later
	# "System32\drivers\x.sys": both are matched without regard to case.
	case $_ss in
	win7) _dir='system32\DRIVERS' ;;
	*) _dir='System32\drivers' ;;
	esac
	echo "cd \\$_scs"
	echo "add Services"
	windows_drivers "$_ss" | while read -r _svc _file _group; do
		_win_in "$_svc" "$_sabsent" && continue
		_start=0 _override=
		if ! _win_in "$_svc" "$_sinuse"; then
			# Windows 7: an unused driver has Start=3. Windows 8+:
			# every inbox storage driver has Start=0, and the ones
			# for controllers absent at install get StartOverride
			# "0"=3. The class driver disk is never overridden.
			case $_ss in
			win7) _start=3 ;;
			*) [ "$_svc" = disk ] || _override=3 ;;
			esac
		fi
		printf 'cd \\%s\\Services\nadd %s\ncd %s\n' "$_scs" "$_svc" "$_svc"
		printf 'setval 5\nType\ndword:1\nStart\ndword:%s\nErrorControl\ndword:%s\nGroup\nstring:%s\nImagePath\nexpandstring:%s\\%s\n' \
			"$_start" 3 "$(echo "$_group" | tr _ ' ')" "$_dir" "$_file"
		if [ -n "$_override" ]; then
			printf 'add StartOverride\ncd StartOverride\nsetval 1\n0\ndword:%s\n' "$_override"
		fi
	done
}

# _win_cddb_script CS: Windows 7's CriticalDeviceDatabase, hardware ID ->
# the service that drives it and the device's setup class.
_win_cddb_script() {
	_hdc='{4d36e96a-e325-11ce-bfc1-08002be10318}'    # IDE ATA/ATAPI controllers
	_scsi='{4d36e97b-e325-11ce-bfc1-08002be10318}'   # storage controllers
	echo "cd \\$1\\Control"
	echo "add CriticalDeviceDatabase"
	while read -r _id _svc _class; do
		printf 'cd \\%s\\Control\\CriticalDeviceDatabase\nadd %s\ncd %s\n' "$1" "$_id" "$_id"
		printf 'setval 2\nService\nstring:%s\nClassGUID\nstring:%s\n' "$_svc" "$_class"
	done <<-EOF
		pci#cc_0101 pciide $_hdc
		pci#cc_010601 msahci $_hdc
		primary_ide_channel atapi $_hdc
		secondary_ide_channel atapi $_hdc
		pci#ven_8086&dev_7010 intelide $_hdc
		pci#ven_8086&dev_7111 intelide $_hdc
		pci#ven_1000&dev_0030 LSI_SCSI $_scsi
		pci#ven_1000&dev_0054 LSI_SAS $_scsi
	EOF
}

# _win_controlset_script STYLE CS INUSE ABSENT
_win_controlset_script() {
	echo 'cd \'
	echo "add $2"
	echo "cd \\$2"
	echo "add Control"
	_win_services_script "$@"
	[ "$1" = win7 ] && _win_cddb_script "$2"
	return 0
}

# _win_le_hex32 HEX8: "0d15c0de" -> "de,c0,15,0d" (hivexsh hex: bytes)
_win_le_hex32() { echo "$1" | sed 's/\(..\)\(..\)\(..\)\(..\)/\4,\3,\2,\1/'; }

# windows_system_script KIND: the whole hivexsh script of KIND's SYSTEM hive.
windows_system_script() {
	_st=$(windows_kind_state "$1") || return 1
	set -- $_st
	_style=$1 _cur=$2 _sets=$3 _inuse=$4 _absent=$5
	for _p in $(echo "$_sets" | tr , ' '); do
		[ "$_p" = - ] && continue
		_st=$(windows_kind_state "${_p#*:}") || return 1
		set -- $_st
		_win_controlset_script "$_style" "ControlSet00${_p%%:*}" "$4" "$5"
	done
	_win_controlset_script "$_style" "ControlSet00$_cur" "$_inuse" "$_absent"
	echo 'cd \'
	echo 'add Select'
	echo 'cd Select'
	printf 'setval 4\nCurrent\ndword:%s\nDefault\ndword:%s\nFailed\ndword:0\nLastKnownGood\ndword:%s\n' \
		"$_cur" "$_cur" "$_cur"
	# MountedDevices: C: is the partition at LBA 2048 of the disk with
	# signature WINDOWS_DISK_SIG (4 bytes signature + 8 bytes offset).
	_off=$(le_hex $((WINDOWS_PART_START * 512)) 8 | sed 's/\(..\)/\1,/g; s/,$//')
	_val="hex:3:$(_win_le_hex32 $WINDOWS_DISK_SIG),$_off"
	echo 'cd \'
	echo 'add MountedDevices'
	echo 'cd MountedDevices'
	printf 'setval 1\n\\DosDevices\\C:\n%s\n' "$_val"
	echo commit
}

# windows_hive KIND OUT: the SYSTEM hive of KIND.
windows_hive() {
	windows_system_script "$1" >"$2.hivexsh" || { rm -f "$2.hivexsh"; return 1; }
	windows_minimal "$2" &&
		hivexsh -w -f "$2.hivexsh" "$2" || { windows_say "hivexsh failed on $2"; return 1; }
	rm -f "$2.hivexsh"
	[ "$1" = win8-dirty ] && { windows_make_dirty "$2" || return 1; }
	return 0
}

# windows_software KIND OUT: the SOFTWARE hive with the keys that tell the
# version (Microsoft\Windows NT\CurrentVersion).
windows_software() {
	_st=$(windows_kind_state "$1") || return 1
	set -- "$1" "$2" $_st
	{
		echo 'add Microsoft'; echo 'cd Microsoft'
		echo 'add Windows NT'; echo 'cd Windows NT'
		echo 'add CurrentVersion'; echo 'cd CurrentVersion'
		case $3 in
		win7) printf 'setval 4\nProductName\nstring:Windows 7 Professional\nCurrentVersion\nstring:6.1\nCurrentBuild\nstring:7601\nCurrentBuildNumber\nstring:7601\n' ;;
		*) printf 'setval 6\nProductName\nstring:Windows 10 Pro\nCurrentVersion\nstring:6.3\nCurrentBuild\nstring:19045\nCurrentBuildNumber\nstring:19045\nCurrentMajorVersionNumber\ndword:10\nCurrentMinorVersionNumber\ndword:0\n' ;;
		esac
		echo commit
	} >"$2.hivexsh" || return 1
	windows_minimal "$2" &&
		hivexsh -w -f "$2.hivexsh" "$2" || { windows_say "hivexsh failed on $2"; return 1; }
	rm -f "$2.hivexsh"
}

# windows_hive_checksum HIVE: the base block checksum, the XOR of its first
# 127 le32 words (what Windows and hivex store at offset 508; Windows turns a
# result of 0 into 1 and 0xffffffff into 0xfffffffe).
windows_hive_checksum() {
	od -An -v -t u4 -N 508 --endian=little "$1" |
		awk '{ for (i = 1; i <= NF; i++) { w = $i; r = 0; b = 1
			# awk has no xor everywhere: bit by bit
			for (k = 0; k < 32; k++) { if ((int(w / b) % 2) != (int(x / b) % 2)) r += b; b *= 2 }
			x = r } }
		END { if (x == 0) x = 1; if (x == 4294967295) x = 4294967294; printf "%.0f\n", x }'
}

# windows_make_dirty HIVE: what Windows 8.1+ leaves when the newest changes
# sit in the logs only: the primary sequence number (offset 4) one ahead of
# the secondary (offset 8), checksum fixed up; and HIVE.LOG1 beside it
# (HIVE.LOG2 empty). The log holds a copy of the base block (type 6, the
# new log format) but no replayable entries: diskmedic must refuse a dirty
# hive whatever the log holds.
windows_make_dirty() {
	_s2=$(get_u "$1" 8 4) &&
	put_u "$1" 4 4 $((_s2 + 1)) &&
	put_u "$1" 508 4 "$(windows_hive_checksum "$1")" &&
	head -c 4096 "$1" >"$1.LOG1" &&
	put_u "$1.LOG1" 4 4 "$_s2" &&
	put_u "$1.LOG1" 8 4 "$_s2" &&
	put_u "$1.LOG1" 28 4 6 &&
	put_u "$1.LOG1" 508 4 "$(windows_hive_checksum "$1.LOG1")" &&
	: >"$1.LOG2"
}

# ---- the disk ---------------------------------------------------------------

# windows_fake_driver NAME OUT: a small stand-in .sys file (4 KiB: not
# resident in the MFT record, as real drivers are not).
windows_fake_driver() {
	{ printf 'MZ diskmedic test stand-in for %s\n' "$1"; head -c 4096 /dev/zero; } |
		head -c 4096 >"$2"
}

# _win_mount PART DIR: mount PART read-write with ntfs-3g under a stopped
# clock, in the foreground of a background job; sets _win_pid.
_win_mount() {
	mkdir -p "$2"
	frozen ntfs-3g -o no_detach,noatime "$1" "$2" >"$2.log" 2>&1 &
	_win_pid=$!
	_i=0
	while ! grep -qs " $(readlink -f "$2") fuseblk\| $(readlink -f "$2") fuse" /proc/mounts; do
		_i=$((_i + 1))
		if [ $_i -gt 100 ] || ! kill -0 $_win_pid 2>/dev/null; then
			kill $_win_pid 2>/dev/null; wait $_win_pid
			cat "$2.log" >&2; windows_say "ntfs-3g mount of $1 failed"; return 1
		fi
		sleep 0.1
	done
}

# _win_umount DIR: unmount and wait until ntfs-3g has closed the volume.
_win_umount() {
	fusermount -u "$1" || { windows_say "fusermount -u $1 failed"; return 1; }
	wait $_win_pid || { cat "$1.log" >&2; windows_say "ntfs-3g exited with an error"; return 1; }
	rmdir "$1" && rm -f "$1.log"
}

# windows_files KIND DIR: the files of the volume, as a tree under DIR.
windows_files() {
	_st=$(windows_kind_state "$1") || return 1
	set -- "$1" "$2" $_st
	_fk=$1 _fd=$2 _fstyle=$3 _fabsent=$7 _fnofile=$8
	mkdir -p "$_fd/Windows/System32/config" "$_fd/Windows/System32/drivers" || return 1
	windows_hive "$_fk" "$_fd/Windows/System32/config/SYSTEM" &&
		windows_software "$_fk" "$_fd/Windows/System32/config/SOFTWARE" || return 1
	windows_drivers "$_fstyle" | while read -r _svc _file _group; do
		_win_in "$_svc" "$_fabsent" && continue
		_win_in "$_svc" "$_fnofile" && continue
		windows_fake_driver "$_svc" "$_fd/Windows/System32/drivers/$_file" || exit 1
	done
}

# windows_disk KIND OUT [SYSTEM]: the disk image. OUT.files.sha256 lists every
# file on the volume with its sha256 (for "every other file is byte-identical").
# SYSTEM, when given, replaces the kind's hive (hostile or truncated hives).
windows_disk() {
	_dk=$1 _dout=$2 _dw=$2.work _dsys=${3:-}
	windows_kind_state "$_dk" >/dev/null || return 1
	rm -rf "$_dw" "$_dout" && mkdir -p "$_dw" || return 1
	windows_files "$_dk" "$_dw/files" || return 1
	if [ -n "$_dsys" ]; then
		cp "$_dsys" "$_dw/files/Windows/System32/config/SYSTEM" || return 1
	fi
	_psize=$(( (WINDOWS_DISK_MIB * 1048576) / 512 - WINDOWS_PART_START ))
	truncate -s $((_psize * 512)) "$_dw/part" &&
		ntfs_make "$_dw/part" 512 255 63 "$WINDOWS_PART_START" "$WINDOWS_NTFS_SERIAL" || return 1
	_win_mount "$_dw/part" "$_dw/mnt" || return 1
	# A fixed order (sorted names), so that the MFT and the clusters are
	# allocated the same way every time.
	(cd "$_dw/files" && find . -mindepth 1 | LC_ALL=C sort) | while read -r _p; do
		if [ -d "$_dw/files/$_p" ]; then
			mkdir "$_dw/mnt/$_p"
		else
			cp "$_dw/files/$_p" "$_dw/mnt/$_p"
		fi || exit 1
	done
	_rc=$?
	_win_umount "$_dw/mnt" || return 1
	[ $_rc = 0 ] || { windows_say "copying the files of $_dk failed"; return 1; }
	truncate -s $((WINDOWS_DISK_MIB * 1048576)) "$_dout" &&
		printf 'label: dos\nlabel-id: 0x%s\nstart=%s, size=%s, type=7, bootable\n' \
			"$WINDOWS_DISK_SIG" "$WINDOWS_PART_START" "$_psize" | sfdisk -q "$_dout" &&
		place "$_dw/part" "$_dout" $((WINDOWS_PART_START * 512)) || return 1
	(cd "$_dw/files" && find . -type f | LC_ALL=C sort | sed 's|^\./||' | xargs sha256sum) >"$_dout.files.sha256" &&
		rm -rf "$_dw"
}

# ---- hostile hives (for the fuzz and bad-input tests) -----------------------

# _win_cell HIVE KEYPATH: the file offset of KEYPATH's nk cell (its size
# field), as hivexml reports it; KEYPATH is '\'-separated below the root.
# _win_vk HIVE KEYPATH VALUE: the same for one of its values' vk cell.
_win_cell() {
	hivexml "$1" | python3 -c '
import sys, xml.etree.ElementTree as ET
node = ET.parse(sys.stdin).getroot().find("node")
for name in [p for p in sys.argv[1].split("\\") if p]:
    node = next(n for n in node.findall("node") if n.get("name").lower() == name.lower())
if len(sys.argv) > 2:
    node = next(v for v in node.findall("value") if v.get("key") == sys.argv[2])
print(node.find("byte_runs/byte_run").get("file_offset"))' "$2" ${3:+"$3"}
}
_win_vk() { _win_cell "$@"; }

# windows_hostile_hive HOW IN OUT: IN (a hive of windows_hive) made hostile:
#   truncated    cut after the first 6000 bytes (the base block and part of
#                the first hbin), so every cell past the cut is missing
#   loop         the first subkey of the current set's Services points back
#                at Services itself: Services\Services\Services... never ends
#   huge-cell    Select's key cell claims 0x7ffffff8 bytes (past the hive)
#   huge-value   Select\Current's value claims 0x7ffffff0 data bytes at an
#                offset outside the hive
#   bad-current  Select\Current names ControlSet009, which does not exist
# The base block (and its checksum) is left as it was.
windows_hostile_hive() {
	cp "$2" "$3" || return 1
	case $1 in
	truncated)
		head -c 6000 "$2" >"$3" ;;
	loop)
		_cur=$(hivexget "$2" '\Select' Current) || return 1
		_s=$(_win_cell "$2" "ControlSet00$_cur\\Services") || return 1
		_lf=$(($(get_u "$2" $((_s + 32)) 4) + 4096))
		case $(get_hex "$2" $((_lf + 4)) 2) in
		6c66|6c68) ;;   # "lf" or "lh": entries of (offset, hash) at +8
		*) windows_say "Services' subkey list is not lf/lh"; return 1 ;;
		esac
		put_u "$3" $((_lf + 8)) 4 $((_s - 4096)) ;;
	huge-cell)
		_s=$(_win_cell "$2" Select) || return 1
		put_u "$3" "$_s" 4 $((0x80000008)) ;;
	huge-value)
		_v=$(_win_vk "$2" Select Current) || return 1
		put_u "$3" $((_v + 8)) 4 $((0x7ffffff0)) &&
			put_u "$3" $((_v + 12)) 4 $((0x7ffff000)) ;;
	bad-current)
		printf 'cd \\Select\nsetval 4\nCurrent\ndword:9\nDefault\ndword:9\nFailed\ndword:0\nLastKnownGood\ndword:9\ncommit\n' >"$3.hivexsh" &&
			hivexsh -w -f "$3.hivexsh" "$3" && rm -f "$3.hivexsh" ;;
	*) windows_say "unknown hostile hive '$1'"; return 1 ;;
	esac
}
WINDOWS_HOSTILE="truncated loop huge-cell huge-value bad-current"
