# Seeded content for diskmedic-lab: a small deterministic generator in awk,
# so the same seed gives the same identifiers and file bytes on every host
# (no openssl, no /dev/urandom).
#
# The generator is Park-Miller's minimal standard (x = x * 16807 mod 2^31-1).
# Every product stays below 2^53, so awk's doubles compute it exactly.

# rand_hex SEED SALT NBYTES: NBYTES pseudo-random bytes in hex. SALT keeps the
# streams for different purposes (disk id, serial, file N) apart.
rand_hex() {
	awk -v seed="$1" -v salt="$2" -v n="$3" 'BEGIN {
		m = 2147483647
		x = (seed * 48271 + salt * 69621 + 12345) % (m - 1) + 1
		for (i = 0; i < 8; i++) x = (x * 16807) % m
		for (i = 0; i < n; i++) {
			x = (x * 16807) % m
			printf "%02x", int(x / 256) % 256
		}
		printf "\n"
	}'
}

# rand_uuid SEED SALT: a version-4 style UUID from the seed (for GPT).
rand_uuid() {
	rand_hex "$1" "$2" 16 | awk '{
		h = toupper($0)
		v = "4" substr(h, 14, 3)
		r = substr("89AB", index("0123456789ABCDEF", substr(h, 17, 1)) % 4 + 1, 1)
		printf "%s-%s-%s-%s%s-%s\n", substr(h, 1, 8), substr(h, 9, 4), v,
			r, substr(h, 18, 3), substr(h, 21, 12)
	}'
}

# gen_content SEED SALT BYTES: BYTES of text lines that name the seed and the
# file and carry pseudo-random words, so a damaged copy is easy to recognise
# in a hex dump.
gen_content() {
	awk -v seed="$1" -v salt="$2" -v n="$3" 'BEGIN {
		m = 2147483647
		x = (seed * 48271 + salt * 69621 + 12345) % (m - 1) + 1
		out = 0
		for (line = 0; out < n; line++) {
			s = sprintf("diskmedic-lab seed=%d file=%d line=%06d", seed, salt, line)
			for (w = 0; w < 4; w++) {
				x = (x * 16807) % m
				s = s sprintf(" %08x", x)
			}
			print s
			out += length(s) + 1
		}
	}' | head -c "$3"
}

# The files every lab volume holds: name, salt, size. Sizes span a resident
# NTFS record (<700 bytes), a few clusters, and a run of many clusters.
lab_files() {
	cat <<-EOF
	readme.txt 11 420
	notes.txt 12 3000
	table.csv 13 70000
	archive.dat 14 1048576
	EOF
}

# make_lab_files SEED DIR: write the files into DIR.
make_lab_files() {
	lab_files | while read -r _name _salt _size; do
		gen_content "$1" "$_salt" "$_size" >"$2/$_name" || return 1
	done
}
