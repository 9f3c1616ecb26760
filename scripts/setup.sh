#!/usr/bin/env bash
# Shared set-up for run.sh and test.sh: install missing Debian packages, then configure and build.
# Usage: scripts/setup.sh [release|test]...   (each preset named is configured and built)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

missing=()
while read -r pkg; do
  [[ -z "$pkg" || "$pkg" == \#* ]] && continue
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done < scripts/apt-packages.txt
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

export CCACHE_DIR="${CCACHE_DIR:-$root/.ccache}"
for preset in "$@"; do
  dir="build"; [[ "$preset" == test ]] && dir="build-test"
  if [[ ! -f "$dir/build.ninja" ]]; then
    cmake --preset "$preset" >/dev/null
  fi
  echo "setup: building $preset in $dir/"
  cmake --build "$dir" -j"$(nproc)"
done
