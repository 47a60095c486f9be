# Byte helpers for diskmedic-lab: read and write little-endian fields in image
# files with od, xxd and dd, so that the lab needs no compiler and no Python.
# Sourced by rescue/lab/diskmedic-lab; every offset is in bytes.

# le_hex VALUE NBYTES: VALUE as NBYTES little-endian bytes, in hex.
le_hex() {
	_v=$1 _n=$2 _h=
	while [ "$_n" -gt 0 ]; do
		_h=$_h$(printf %02x $((_v & 255)))
		_v=$((_v >> 8)) _n=$((_n - 1))
	done
	echo "$_h"
}

# get_u FILE OFFSET NBYTES: the unsigned little-endian integer at OFFSET.
get_u() {
	od -An -v -t "u$3" -j "$2" -N "$3" --endian=little "$1" | tr -d ' \n'
}

# get_hex FILE OFFSET NBYTES: the bytes at OFFSET, in hex.
get_hex() {
	dd if="$1" bs=64k iflag=skip_bytes,count_bytes skip="$2" count="$3" \
		status=none | xxd -p | tr -d '\n'
}

# put_hex FILE OFFSET HEX: overwrite bytes at OFFSET, keeping the file's size.
put_hex() {
	printf %s "$3" | xxd -r -p |
		dd of="$1" bs=64k oflag=seek_bytes seek="$2" conv=notrunc status=none
}

# put_u FILE OFFSET NBYTES VALUE: write an unsigned little-endian integer.
put_u() { put_hex "$1" "$2" "$(le_hex "$4" "$3")"; }

# zero_range FILE OFFSET LEN: overwrite LEN bytes at OFFSET with zeros.
zero_range() {
	head -c "$3" /dev/zero |
		dd of="$1" bs=64k oflag=seek_bytes seek="$2" conv=notrunc status=none
}

# copy_range SRC SOFF LEN DST DOFF: copy LEN bytes from SRC to DST.
copy_range() {
	dd if="$1" bs=64k iflag=skip_bytes,count_bytes skip="$2" count="$3" status=none |
		dd of="$4" bs=64k oflag=seek_bytes seek="$5" conv=notrunc status=none
}

# place FILE IMG OFFSET: write FILE into IMG at OFFSET, keeping IMG sparse
# where FILE holds zeros (partition files of 2 GiB are mostly holes).
place() {
	dd if="$1" of="$2" bs=1M oflag=seek_bytes seek="$3" conv=notrunc,sparse status=none
}
