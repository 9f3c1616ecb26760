#!/usr/bin/env bash
# The C++ style of .clang-format (clang-format-14, Debian 12's): prints each file that differs from it
# and exits 1 when one does. Fix with: clang-format-14 -i FILE...
set -uo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(git ls-files 'src/*.cc' 'src/*.h' 'tests/unit/*.cc' 'tests/unit/*.h' \
  'tests/integration/*.cc' 'tests/integration/*.h' 'bench/*.cc' 'bench/*.h')
bad=0
for f in "${files[@]}"; do
  if ! clang-format-14 --dry-run --Werror "$f" >/dev/null 2>&1; then
    echo "format check: $f differs from .clang-format (clang-format-14 -i $f)"
    bad=1
  fi
done
exit $bad
