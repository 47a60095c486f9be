#!/bin/sh
test_description='the Windows-like test disks of tests/lib-windows.sh hold what docs/windows-test-images.md
says, read back with tools other than the builder: sfdisk -d for the table, ntfsls/ntfscat for the volume,
hivexget and hivexregedit --export for the hives, od for the hive header; and they are reproducible'
. "$(dirname "$0")/lib.sh"
. "$SRCDIR/tests/lib-windows.sh"

why=$(windows_ready) || { test_skip "Windows test images" "$why"; test_done; exit; }
for t in hivexregedit ntfsls ntfscat; do
	command -v $t >/dev/null || { test_skip "Windows test images" "$t is not installed"; test_done; exit; }
done
if ! windows_minimal minimal 2>minimal.err; then
	cat minimal.err >&2
	test_skip "Windows test images" "hivex's images/minimal could not be fetched (mk/fetch.sh source hivex)"
	test_done; exit
fi

# part KIND: the partition of KIND.img, cut out at the start sfdisk -d names.
part() {
	_start=$(sfdisk -d "$1.img" | sed -n 's/^.*: start= *\([0-9]*\),.*/\1/p')
	dd if="$1.img" of="$1.part" bs=512 skip="$_start" conv=sparse status=none
}

# sys KIND: the SYSTEM hive of KIND's volume -> KIND.SYSTEM (and its export).
sys() {
	ntfscat "$1.part" /Windows/System32/config/SYSTEM >"$1.SYSTEM" 2>/dev/null &&
		hivexregedit --export "$1.SYSTEM" '\' >"$1.reg"
}

# val KIND KEY NAME: a value of KIND's SYSTEM hive, as hivexget prints it.
val() { hivexget "$1.SYSTEM" "$2" "$3" 2>/dev/null; }
# nokey KIND KEY: KEY is not in KIND's hive (the export has no such section).
nokey() { ! grep -qixF "[$2]" "$1.reg"; }
haskey() { grep -qixF "[$2]" "$1.reg"; }

for k in $WINDOWS_KINDS; do
	test_expect_success "$k: builds; MBR, NTFS at LBA 2048 (active, type 07), the files listed" '
		t0=$(date +%s%N) &&
		windows_disk '"$k"' '"$k"'.img &&
		t1=$(date +%s%N) &&
		echo "'"$k"' $(( (t1 - t0) / 1000000 )) ms" >>times &&
		sfdisk -d '"$k"'.img >table && cat table &&
		grep -qx "label: dos" table && grep -qx "label-id: 0x$WINDOWS_DISK_SIG" table &&
		grep -q "^'"$k"'.img1 : start= *2048, size= *522240, type=7, bootable$" table &&
		test "$(grep -c "^'"$k"'.img" table)" = 1 &&
		part '"$k"' && sys '"$k"' &&
		ntfsls -R -F '"$k"'.part >ls && cat ls &&
		grep -qx "/Windows/System32/config/:" ls && grep -qx "SYSTEM" ls &&
		while read -r sum name; do
			test "$(ntfscat '"$k"'.part "/$name" | sha256sum | cut -d" " -f1)" = "$sum" || exit 1
		done <'"$k"'.img.files.sha256 &&
		test "$(wc -l <'"$k"'.img.files.sha256)" = "$(grep -c "^[^/]*[^/:]$" ls)"
	'
done

[ -s times ] && while read -r k ms unit; do test_info "windows_disk $k: $ms $unit"; done <times

test_expect_success 'every kind: Select\Current names an existing control set; MountedDevices names this disk' '
	for k in $WINDOWS_KINDS; do
		cur=$(val $k "\\Select" Current) && haskey $k "\\ControlSet00$cur\\Services" || exit 1
		test "$(hivexget $k.SYSTEM "\\MountedDevices" "\\DosDevices\\C:" | xxd -p)" = \
			"$(echo $WINDOWS_DISK_SIG | sed "s/\(..\)\(..\)\(..\)\(..\)/\4\3\2\1/")0000100000000000" || exit 1
	done
'

test_expect_success 'win8-ide-disabled: intelide, pciide, atapi carry StartOverride "0"=3; storahci and disk none; all Start=0' '
	k=win8-ide-disabled && cs="\\ControlSet001\\Services" &&
	for s in intelide pciide atapi; do test "$(val $k "$cs\\$s\\StartOverride" 0)" = 3 || exit 1; done &&
	nokey $k "$cs\\storahci\\StartOverride" && nokey $k "$cs\\disk\\StartOverride" &&
	test "$(grep -c "^\"Start\"=dword:00000000$" $k.reg)" = 14 &&
	! grep -q "^\"Start\"=dword:0000000[1-9]" $k.reg &&
	test "$(val $k "$cs\\storahci" ImagePath)" = "System32\\drivers\\storahci.sys" &&
	test "$(val $k "$cs\\LSI_SAS" ImagePath)" = "System32\\drivers\\lsi_sas.sys" &&
	test "$(val $k "$cs\\atapi" Type)" = 1 && test "$(val $k "$cs\\atapi" Group)" = "SCSI miniport" &&
	nokey $k "\\ControlSet002" && nokey $k "\\ControlSet001\\Control\\CriticalDeviceDatabase"
'

test_expect_success 'win8-ahci-disabled: storahci carries StartOverride; intelide and atapi do not' '
	k=win8-ahci-disabled && cs="\\ControlSet001\\Services" &&
	test "$(val $k "$cs\\storahci\\StartOverride" 0)" = 3 &&
	nokey $k "$cs\\intelide\\StartOverride" && nokey $k "$cs\\atapi\\StartOverride" &&
	test "$(val $k "$cs\\pciide\\StartOverride" 0)" = 3
'

test_expect_success 'win8-clean: nothing disabled for IDE and AHCI; the other controllers are' '
	k=win8-clean && cs="\\ControlSet001\\Services" &&
	for s in intelide pciide atapi storahci disk viostor; do nokey $k "$cs\\$s\\StartOverride" || exit 1; done &&
	for s in LSI_SAS stornvme pvscsi; do test "$(val $k "$cs\\$s\\StartOverride" 0)" = 3 || exit 1; done
'

test_expect_success 'win7-ahci-disabled: msahci Start=3, atapi/pciide Start=0, CriticalDeviceDatabase, no StartOverride' '
	k=win7-ahci-disabled && cs="\\ControlSet001\\Services" && cddb="\\ControlSet001\\Control\\CriticalDeviceDatabase" &&
	test "$(val $k "$cs\\msahci" Start)" = 3 && test "$(val $k "$cs\\intelide" Start)" = 3 &&
	test "$(val $k "$cs\\atapi" Start)" = 0 && test "$(val $k "$cs\\pciide" Start)" = 0 &&
	test "$(val $k "$cs\\disk" Start)" = 0 &&
	test "$(val $k "$cs\\msahci" ImagePath)" = "system32\\DRIVERS\\msahci.sys" &&
	test "$(val $k "$cddb\\pci#cc_0101" Service)" = pciide &&
	test "$(val $k "$cddb\\pci#cc_010601" Service)" = msahci &&
	test "$(val $k "$cddb\\primary_ide_channel" Service)" = atapi &&
	test "$(val $k "$cddb\\secondary_ide_channel" Service)" = atapi &&
	test "$(val $k "$cddb\\pci#ven_8086&dev_7010" Service)" = intelide &&
	test "$(val $k "$cddb\\pci#cc_010601" ClassGUID)" = "{4d36e96a-e325-11ce-bfc1-08002be10318}" &&
	! grep -qi "StartOverride" $k.reg && nokey $k "$cs\\storahci" &&
	ntfsls $k.part -p /Windows/System32/drivers | grep -qx msahci.sys
'

test_expect_success 'SOFTWARE tells the version: 6.1 for win7, 6.3 / major 10 for win8 kinds' '
	for k in win7-ahci-disabled win8-clean; do
		ntfscat $k.part /Windows/System32/config/SOFTWARE >$k.SOFTWARE || exit 1
	done &&
	test "$(hivexget win7-ahci-disabled.SOFTWARE "\\Microsoft\\Windows NT\\CurrentVersion" CurrentVersion)" = 6.1 &&
	test "$(hivexget win8-clean.SOFTWARE "\\Microsoft\\Windows NT\\CurrentVersion" CurrentVersion)" = 6.3 &&
	test "$(hivexget win8-clean.SOFTWARE "\\Microsoft\\Windows NT\\CurrentVersion" CurrentMajorVersionNumber)" = 10
'

test_expect_success 'win8-virtio-missing: no viostor key nor file; vioscsi is there' '
	k=win8-virtio-missing && cs="\\ControlSet001\\Services" &&
	nokey $k "$cs\\viostor" && haskey $k "$cs\\vioscsi" &&
	ntfsls $k.part -p /Windows/System32/drivers >drv && ! grep -qix viostor.sys drv && grep -qx vioscsi.sys drv
'

test_expect_success 'win8-dirty: the sequence numbers differ, the checksum holds (hivexsh opens it), SYSTEM.LOG1 is there' '
	k=win8-dirty && cs="\\ControlSet001\\Services" &&
	s1=$(od -An -t u4 -j 4 -N 4 --endian=little $k.SYSTEM | tr -d " ") &&
	s2=$(od -An -t u4 -j 8 -N 4 --endian=little $k.SYSTEM | tr -d " ") &&
	echo "$s1 $s2" && test "$s1" != "$s2" &&
	test "$(val $k "$cs\\intelide\\StartOverride" 0)" = 3 &&
	ntfsls $k.part -p /Windows/System32/config >cfg && cat cfg &&
	grep -qx SYSTEM.LOG1 cfg && grep -qx SYSTEM.LOG2 cfg &&
	ntfscat $k.part /Windows/System32/config/SYSTEM.LOG1 | head -c 4 | grep -qx regf &&
	! ntfsls -R win8-ide-disabled.part | grep -q LOG
'

test_expect_success 'win8-dirty differs from win8-ide-disabled in the base block only' '
	cmp -l win8-ide-disabled.SYSTEM win8-dirty.SYSTEM | awk "\$1 > 512 { bad = 1 } END { exit bad }" &&
	! cmp -s win8-ide-disabled.SYSTEM win8-dirty.SYSTEM
'

test_expect_success 'win8-ide-disabled-cs2: Current=2; ControlSet002 disables IDE, ControlSet001 does not' '
	k=win8-ide-disabled-cs2 &&
	test "$(val $k "\\Select" Current)" = 2 &&
	test "$(val $k "\\ControlSet002\\Services\\intelide\\StartOverride" 0)" = 3 &&
	test "$(val $k "\\ControlSet002\\Services\\atapi\\StartOverride" 0)" = 3 &&
	nokey $k "\\ControlSet002\\Services\\storahci\\StartOverride" &&
	nokey $k "\\ControlSet001\\Services\\intelide\\StartOverride" &&
	nokey $k "\\ControlSet001\\Services\\atapi\\StartOverride"
'

test_expect_success 'win8-ide-nodriverfile: intelide has its service key but no file; atapi has both' '
	k=win8-ide-nodriverfile && cs="\\ControlSet001\\Services" &&
	haskey $k "$cs\\intelide" && test "$(val $k "$cs\\intelide\\StartOverride" 0)" = 3 &&
	ntfsls $k.part -p /Windows/System32/drivers >drv && ! grep -qix intelide.sys drv &&
	grep -qx atapi.sys drv &&
	cmp win8-ide-disabled.SYSTEM $k.SYSTEM
'

test_expect_success 'windows_hive writes the same hive as the disk holds' '
	windows_hive win8-ide-disabled-cs2 h && cmp h win8-ide-disabled-cs2.SYSTEM &&
	windows_hive win8-dirty hd && cmp hd win8-dirty.SYSTEM && test -e hd.LOG1
'

test_expect_success 'windows_disk KIND OUT SYSTEM: the volume holds the given (here truncated) hive' '
	head -c 6000 win8-ide-disabled.SYSTEM >cut &&
	windows_disk win8-ide-disabled cut.img cut && part cut &&
	ntfscat cut.part /Windows/System32/config/SYSTEM | cmp - cut &&
	grep -q "^$(sha256sum <cut | cut -d" " -f1)  Windows/System32/config/SYSTEM$" cut.img.files.sha256 &&
	! hivexget cut "\\Select" Current
'

test_expect_success 'an unknown kind is an error, and leaves nothing behind' '
	mkdir none && cd none &&
	! windows_hive win9-nope h 2>err && ! windows_disk win9-nope d.img 2>>err &&
	! windows_software win9-nope s 2>>err && cat err && grep -q "unknown kind .win9-nope." err &&
	test "$(ls)" = err
'

test_expect_success 'windows_hostile_hive: each hostile hive is what it says, seen through hivex' '
	windows_hive win8-ide-disabled-cs2 base &&
	for h in $WINDOWS_HOSTILE; do windows_hostile_hive $h base $h.hive || exit 1; done &&
	test "$(wc -c <truncated.hive)" = 6000 && cmp -n 6000 base truncated.hive &&
	! hivexget truncated.hive "\\Select" Current &&
	hivexget loop.hive "\\ControlSet002\\Services\\Services\\Services\\Services\\Services" &&
	! hivexget base "\\ControlSet002\\Services\\Services" &&
	test "$(cmp -l base loop.hive | wc -l)" -le 4 &&
	! hivexget huge-cell.hive "\\Select" Current &&
	hivexget base "\\Select" Current && hivexget huge-value.hive "\\Select" Default &&
	test "$(hivexget huge-value.hive "\\Select" Current)" != 2 &&
	test "$(hivexget bad-current.hive "\\Select" Current)" = 9 &&
	! hivexget bad-current.hive "\\ControlSet009"
'

for k in win8-ide-disabled win8-dirty win7-ahci-disabled; do
	test_expect_success "$k is reproducible (a second build, the same sha256)" '
		sleep 1 && windows_disk '"$k"' again.img &&
		test "$(sha '"$k"'.img)" = "$(sha again.img)" && rm -f again.img*
	'
done

test_done
