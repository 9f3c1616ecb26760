#!/usr/bin/env bash
# Shared set-up for run.sh and test.sh: install missing Debian packages, then configure and build.
# Usage: scripts/setup.sh [release|test]...   (each preset named is configured and built)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

scripts/apt-install.sh scripts/apt-packages.txt

export CCACHE_DIR="${CCACHE_DIR:-$root/.ccache}"
for preset in "$@"; do
  dir="build"; [[ "$preset" == test ]] && dir="build-test"
  if [[ ! -f "$dir/build.ninja" ]]; then
    cmake --preset "$preset" >/dev/null
  fi
  echo "setup: building $preset in $dir/"
  cmake --build "$dir" -j"$(nproc)"
done
