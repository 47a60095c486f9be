# SPDX-License-Identifier: GPL-2.0-or-later
# diskmedic configures ntfs-3g with --disable-crypto, so libgcrypt is never
# wanted. ntfs-3g's configure.ac still names AM_PATH_LIBGCRYPT, and autoreconf
# fails on an unknown macro unless libgcrypt20-dev happens to be installed.
# mk/ntfs3g.sh puts this directory first on aclocal's path, so every machine
# gets this stand-in, which always takes the "not found" branch ($3).
AC_DEFUN([AM_PATH_LIBGCRYPT], [$3])
