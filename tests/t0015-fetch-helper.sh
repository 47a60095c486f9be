#!/bin/sh
test_description='mk/fetch.sh, against a local apt repository made with apt-ftparchive: the newest
version that downloads, a warning when it is older than wanted, the upstream tarball when no
source package downloads whole, and an error that names every version tried'
. "$(dirname "$0")/lib.sh"

FETCH=$SRCDIR/mk/fetch.sh
# The stand-in is named ntfs-3g and lists the three versions the real archive
# listed when only the oldest was served, so mk/ntfs3g.sh's own fetch step is
# tested too. Newest first:
V3=1:2022.10.3-5+deb13u3 V2=1:2022.10.3-1+deb12u4 V1=1:2022.10.3-1+deb12u3

# A flat repository, "pristine", holding all three versions as real source
# packages (dpkg-source -b) and three versions of a small binary package.
make_pristine() {
	mkdir -p pristine src/ntfs-3g-2022.10.3
	echo "upstream source" >src/ntfs-3g-2022.10.3/README
	tar -czf pristine/ntfs-3g_2022.10.3.orig.tar.gz -C src ntfs-3g-2022.10.3
	for v in $V1 $V2 $V3; do
		t=pristine/ntfs-3g-2022.10.3
		rm -rf "$t" && mkdir -p "$t/debian/source"
		tar -xzf pristine/ntfs-3g_2022.10.3.orig.tar.gz -C pristine
		echo "3.0 (quilt)" >"$t/debian/source/format"
		printf 'Source: ntfs-3g\nMaintainer: diskmedic tests <tests@invalid>\nStandards-Version: 4.6.2\n\nPackage: ntfs-3g\nArchitecture: any\nDescription: stand-in\n Only its versions matter.\n' >"$t/debian/control"
		printf 'ntfs-3g (%s) unstable; urgency=low\n\n  * Test.\n\n -- diskmedic tests <tests@invalid>  Thu, 01 Jan 2026 00:00:00 +0000\n' "$v" >"$t/debian/changelog"
		printf '#!/usr/bin/make -f\n%%:\n\tdh $@\n' >"$t/debian/rules"
		(cd pristine && dpkg-source -q -b ntfs-3g-2022.10.3) || return 1
		rm -rf "$t"
		b=deb-$v
		mkdir -p "$b/DEBIAN" "$b/usr/share/dm-fetch-test"
		printf 'Package: dm-fetch-test\nVersion: %s\nArchitecture: all\nMaintainer: diskmedic tests <tests@invalid>\nDescription: stand-in\n' "$v" >"$b/DEBIAN/control"
		echo "$v" >"$b/usr/share/dm-fetch-test/version"
		dpkg-deb --build "$b" pristine/ >/dev/null || return 1
	done
	(cd pristine && apt-ftparchive -q sources . >Sources && apt-ftparchive -q packages . >Packages &&
		apt-ftparchive -q release . >Release)
}

# A private apt configuration that knows only the repository at ./repo.
make_apt() {
	mkdir -p apt/state/lists/partial apt/cache/archives/partial apt/parts apt/prefs
	: >apt/status
	echo "deb [trusted=yes] copy:$TRASH/repo ./" >apt/sources.list
	echo "deb-src [trusted=yes] copy:$TRASH/repo ./" >>apt/sources.list
	cat >apt/apt.conf <<-EOF
	Dir::Etc::sourcelist "$TRASH/apt/sources.list";
	Dir::Etc::sourceparts "$TRASH/apt/parts";
	Dir::Etc::preferencesparts "$TRASH/apt/prefs";
	Dir::State "$TRASH/apt/state";
	Dir::State::lists "$TRASH/apt/state/lists";
	Dir::State::status "$TRASH/apt/status";
	Dir::Cache "$TRASH/apt/cache";
	Acquire::Languages "none";
	EOF
	APT_CONFIG=$TRASH/apt/apt.conf apt-get -q -o APT::Sandbox::User=root update >/dev/null
}

# serve FILE-PATTERN...: the repository serves the pristine files except these.
serve_except() {
	rm -rf repo && cp -a pristine repo
	for p in "$@"; do rm -f repo/$p; done
}

FETCH_APT_CONFIG=$TRASH/apt/apt.conf
export FETCH_APT_CONFIG
unset FETCH_MIN_VERSION NTFS3G_MIN_VERSION

test_expect_success 'a local repository lists three versions of a source and a binary package' '
	make_pristine && cp -a pristine repo && make_apt &&
	APT_CONFIG=$FETCH_APT_CONFIG apt-cache showsrc ntfs-3g | grep -c "^Version:" >n &&
	test "$(cat n)" = 3
'

test_expect_success 'only the oldest served: it is taken, with one warning naming what was wanted' '
	serve_except "*deb13u3.dsc" "*deb13u3.debian.tar.xz" "*deb12u4.dsc" "*deb12u4.debian.tar.xz" &&
	sh "$FETCH" source ntfs-3g out 2>err &&
	cat err &&
	test "$(cat out/VERSION)" = "$V1" && test "$(cat out/KIND)" = debian &&
	test "$(grep -c "WARNING" err)" = 1 &&
	grep "WARNING: ntfs-3g: wanted $V3 (.*), built $V1: the newer version carries" err &&
	grep "$V3 is listed but not served" err && grep "$V2 is listed but not served" err &&
	sh "$FETCH" unpack out tree && grep "wanted $V3" out/WARNING &&
	head -n 1 tree/debian/changelog | grep -F "($V1)" && test -f tree/README
'

test_expect_success 'mk/ntfs3g.sh fetch takes the same version with no variable set' '
	rm -rf b && BUILD_DIR=$TRASH/b sh "$SRCDIR/mk/ntfs3g.sh" fetch 2>err &&
	cat err && test "$(cat b/src/ntfs-3g/VERSION)" = "$V1" &&
	grep "WARNING: ntfs-3g: wanted $V3" err
'

test_expect_success 'NTFS3G_MIN_VERSION makes an older source an error, not a warning' '
	rm -rf b && ! BUILD_DIR=$TRASH/b NTFS3G_MIN_VERSION=$V2 sh "$SRCDIR/mk/ntfs3g.sh" fetch 2>err &&
	cat err && grep "$V1 is older than FETCH_MIN_VERSION=$V2" err && ! test -e b/src/ntfs-3g/VERSION
'

test_expect_success 'a cached source is used without the repository' '
	mv repo repo.away &&
	{ sh "$FETCH" source ntfs-3g out 2>err; rc=$?; } &&
	mv repo.away repo &&
	test $rc = 0 && grep "already in" err && test "$(cat out/VERSION)" = "$V1"
'

test_expect_success 'the newest served version wins when several are served' '
	serve_except "*deb13u3.dsc" && rm -rf out &&
	sh "$FETCH" source ntfs-3g out 2>err && cat err &&
	test "$(cat out/VERSION)" = "$V2" && grep "WARNING: ntfs-3g: wanted $V3" err
'

test_expect_success 'all served: the newest, and no warning' '
	serve_except && rm -rf out &&
	sh "$FETCH" source ntfs-3g out 2>err && cat err &&
	test "$(cat out/VERSION)" = "$V3" && ! grep WARNING err && ! test -e out/WARNING
'

test_expect_success 'no source package whole: the upstream tarball, without Debian patches, said so' '
	serve_except "*.dsc" && rm -rf out tree &&
	sh "$FETCH" source ntfs-3g out 2>err && cat err &&
	test "$(cat out/KIND)" = orig && test "$(cat out/VERSION)" = "$V3" &&
	grep "WARNING: ntfs-3g: no listed source package downloads whole" err &&
	grep "WITHOUT Debian" err &&
	sh "$FETCH" unpack out tree && test -f tree/README && ! test -e tree/debian
'

test_expect_success 'a tarball whose hash does not match the index is not taken' '
	serve_except "*.dsc" && echo tampered >>repo/ntfs-3g_2022.10.3.orig.tar.gz && rm -rf out &&
	! sh "$FETCH" source ntfs-3g out 2>err && cat err && ! test -e out/VERSION &&
	grep "no version could be downloaded" err
'

test_expect_success 'nothing served: a clear error naming every version tried' '
	serve_except "*.dsc" "*.orig.tar.gz" && rm -rf out &&
	! sh "$FETCH" source ntfs-3g out 2>err && cat err &&
	grep "ntfs-3g: no version could be downloaded" err >line &&
	grep -F "$V3" line && grep -F "$V2" line && grep -F "$V1" line && ! test -e out/VERSION
'

test_expect_success 'binary packages: the newest served, with the warning, unpacked' '
	serve_except "dm-fetch-test_2022.10.3-5+deb13u3_all.deb" && rm -rf bin &&
	sh "$FETCH" deb bin dm-fetch-test 2>err && cat err &&
	test "$(cat bin/pkgs/dm-fetch-test/usr/share/dm-fetch-test/version)" = "$V2" &&
	grep "WARNING: dm-fetch-test: wanted $V3" err
'

test_expect_success 'binary packages: none served names every version tried' '
	serve_except "dm-fetch-test_*.deb" && rm -rf bin &&
	! sh "$FETCH" deb bin dm-fetch-test 2>err && cat err &&
	grep "no listed version could be downloaded" err >line &&
	grep -F "$V3" line && grep -F "$V2" line && grep -F "$V1" line
'

test_done
