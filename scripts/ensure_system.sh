#!/usr/bin/env bash
# Install the Debian packages Belt Map needs, once; say exactly what to do where that is impossible.
set -euo pipefail
packages=("$@")
missing=()
for pkg in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$pkg")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0
echo "Belt Map needs these Debian packages: ${missing[*]}"
if ! command -v apt-get >/dev/null 2>&1; then
  echo "apt-get is not available on this system. Install QGIS >= 3.22 with its Python bindings, a CJK font" >&2
  echo "(Noto Sans CJK SC), Xvfb and poppler-utils with your system's package manager, then run make again." >&2
  exit 1
fi
if [[ $(id -u) -ne 0 ]]; then
  echo "Not root: run  sudo apt-get update && sudo apt-get install -y ${missing[*]}  then run make again." >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends "${missing[@]}"
