#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Validates the built metainfo offline. appstreamcli exits 0 even when it printed
# warnings, so this fails on any error (E:) or warning (W:) line too. Infos (I:) and
# pedantic notes (P:) pass: the uppercase letters in the reverse-DNS id are one.
#
# usage: validate-metainfo.sh APPSTREAMCLI METAINFO
set -u

appstreamcli=$1
metainfo=$2

out=$("$appstreamcli" validate --no-net --explain "$metainfo" 2>&1)
rc=$?
printf '%s\n' "$out"

if [ $rc -ne 0 ]; then
  echo "FAIL: appstreamcli exited with $rc"
  exit 1
fi
if printf '%s\n' "$out" | grep -Eq '^[EW]: '; then
  echo "FAIL: appstreamcli reported errors or warnings"
  exit 1
fi
exit 0
