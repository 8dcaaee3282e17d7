#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs the build into a fresh temporary DESTDIR and compares the installed files with
# tests/expected-install.txt plus one catalogue per language in po/LINGUAS. It writes
# only into its own mktemp directory, so it runs safely beside other tests. Meson skips
# the post-install hooks (schemas, icon cache, desktop database) when DESTDIR is set.
#
# usage: check-install.sh MESON BUILDDIR SRCDIR PREFIX
set -u

meson=$1
builddir=$2
srcdir=$3
prefix=$4

tmp=$(mktemp -d "${TMPDIR:-/tmp}/rr-install-XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

if ! "$meson" install -C "$builddir" --no-rebuild --quiet --destdir "$tmp/root" \
    >"$tmp/install.log" 2>&1; then
  cat "$tmp/install.log"
  echo "FAIL: meson install failed"
  exit 1
fi

root="$tmp/root$prefix"

# Nothing may land outside the prefix.
outside=$(cd "$tmp/root" && find . \( -type f -o -type l \) | sed 's|^\./|/|' \
  | grep -v "^$prefix/" || true)
if [ -n "$outside" ]; then
  echo "FAIL: installed outside the prefix $prefix:"
  printf '%s\n' "$outside"
  exit 1
fi

(cd "$root" && find . \( -type f -o -type l \) | sed 's|^\./||' | LC_ALL=C sort) \
  >"$tmp/actual"

{
  grep -v -e '^#' -e '^[[:space:]]*$' "$srcdir/tests/expected-install.txt"
  if [ -f "$srcdir/po/LINGUAS" ]; then
    sed 's/#.*//' "$srcdir/po/LINGUAS" | tr -s ' \t' '\n\n' | grep -v '^$' \
      | while read -r lang; do
          echo "share/locale/$lang/LC_MESSAGES/run-or-rest.mo"
        done
  fi
} | LC_ALL=C sort -u >"$tmp/expected"

if ! diff -u "$tmp/expected" "$tmp/actual" >"$tmp/diff"; then
  echo "FAIL: installed files differ from the expected list"
  echo "(- expected but not installed, + installed but not expected)"
  cat "$tmp/diff"
  exit 1
fi

echo "ok: $(wc -l <"$tmp/actual") files installed as expected under $prefix"
exit 0
