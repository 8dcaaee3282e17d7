#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# usage: make-locales.sh DIR STAMP LOCALE...
# Compiles each locale (de_DE, ...) as DIR/LOCALE.UTF-8 from the sources of Debian's
# `locales` package. The tests run with LOCPATH=DIR: real locales, as a runner's
# desktop has, whatever the machine has generated (and newer GTK's gtk_test_init()
# wants en_US.UTF-8).
set -eu
dir=$1 stamp=$2
shift 2
mkdir -p "$dir"
for locale in "$@"; do
  if [ ! -e "/usr/share/i18n/locales/$locale" ]; then
    echo "make-locales: no source for $locale in /usr/share/i18n/locales: install the 'locales' package (make check does)" >&2
    exit 1
  fi
  # localedef exits with 1 for a mere warning on some releases: what counts is the result.
  localedef -i "$locale" -f UTF-8 "$dir/$locale.UTF-8" || [ -s "$dir/$locale.UTF-8/LC_CTYPE" ]
done
touch "$stamp"
