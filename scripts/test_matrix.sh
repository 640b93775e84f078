#!/usr/bin/env bash
# Run `make test` inside Debian roots of newer QGIS releases (default: trixie = QGIS 3.40 LTR, sid = 3.44).
# Each root is built once with debootstrap and cached under build/matrix/<suite>/ (root/ and a stamp);
# the working tree is copied in fresh on every run; /proc, /sys, /dev, /dev/pts, /dev/shm are bound and
# always unmounted at the end, even on failure. Usage: scripts/test_matrix.sh [suite ...]
# MATRIX_COMMAND='...' runs another command in the copied tree instead of `make test` (e.g. one test file).
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$(pwd -P)
MATRIX=${MATRIX_DIR:-$REPO/build/matrix}
SUITES=("$@")
[[ ${#SUITES[@]} -gt 0 ]] || SUITES=(trixie sid)
# the machine's own Debian mirror (first URIs line of its deb822 sources), else deb.debian.org
MIRROR=$(sed -n 's/^URIs:[[:space:]]*\([^[:space:]]*\).*/\1/p' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -n1)
MIRROR=${MIRROR:-http://deb.debian.org/debian}
LOCAL_PIP_DIRS=(/opt/wheels /opt/pypi /opt/pypi-more)  # local wheel folders the host's pip settings name
STAMP_VERSION=1  # bump when the root's set-up below changes

ROOT=""
MOUNTS=()

log() { printf '[matrix %s] %s\n' "$(date -u +%H:%M:%S)" "$*"; }

unmount_all() {
  local i
  for ((i = ${#MOUNTS[@]} - 1; i >= 0; i--)); do
    if mountpoint -q "${MOUNTS[$i]}"; then umount "${MOUNTS[$i]}" || umount -l "${MOUNTS[$i]}"; fi
  done
  MOUNTS=()
  return 0
}

stop_root_processes() {
  # processes this run started inside the root (a test's leftover server would keep the mounts busy)
  [[ -n "$ROOT" ]] || return 0
  local proc pid
  for proc in /proc/[0-9]*; do
    pid=${proc#/proc/}
    [[ "$(readlink "$proc/root" 2>/dev/null)" == "$ROOT" ]] && kill -9 "$pid" 2>/dev/null || true
  done
}

cleanup() {
  stop_root_processes
  unmount_all
}

unmount_leftovers() {  # mounts a killed earlier run left under <dir>, deepest first; fails if any stays
  local dir=$1 mnt
  while read -r mnt; do
    umount "$mnt" 2>/dev/null || umount -l "$mnt"
  done < <(awk -v d="$dir/" 'index($2, d) == 1 {print $2}' /proc/self/mounts | sort -r)
  ! awk -v d="$dir/" 'index($2, d) == 1 {found = 1} END {exit !found}' /proc/self/mounts
}
trap cleanup EXIT
trap 'exit 130' INT TERM

bind() {  # bind <host path> <path in root> [ro]
  mkdir -p "$ROOT$2"
  mount --bind "$1" "$ROOT$2"
  MOUNTS+=("$ROOT$2")
  if [[ "${3:-}" == ro ]]; then mount -o remount,bind,ro "$ROOT$2"; fi
}

mount_root() {
  mkdir -p "$ROOT/proc"
  mount -t proc proc "$ROOT/proc"
  MOUNTS+=("$ROOT/proc")
  bind /sys /sys
  bind /dev /dev
  bind /dev/pts /dev/pts
  mountpoint -q /dev/shm && bind /dev/shm /dev/shm
  local dir
  for dir in "${LOCAL_PIP_DIRS[@]}"; do
    [[ -d "$dir" ]] && bind "$dir" "$dir" ro
  done
  return 0
}

in_root() {  # run a command in the root with a clean environment plus the machine's pip and CA settings
  local -a envs=(HOME=/root LANG=C.UTF-8 LC_ALL=C.UTF-8 PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
    DEBIAN_FRONTEND=noninteractive QT_QPA_PLATFORM=offscreen TERM="${TERM:-dumb}")
  local name
  while IFS= read -r name; do
    envs+=("$name=${!name}")
  done < <(compgen -e | grep -E '^(PIP_|SSL_CERT_|REQUESTS_CA_BUNDLE$|CURL_CA_BUNDLE$|(http|https|no)_proxy$|(HTTP|HTTPS|NO)_PROXY$)' || true)
  chroot "$ROOT" /usr/bin/env -i "${envs[@]}" "$@"
}

copy_host_settings() {
  # package-index settings and CA files, so apt and pip work in the root as they do outside
  mkdir -p "$ROOT/usr/local/share/ca-certificates" "$ROOT/etc/apt/apt.conf.d" "$ROOT/root/.config"
  cp -a /usr/local/share/ca-certificates/. "$ROOT/usr/local/share/ca-certificates/" 2>/dev/null || true
  local file
  for file in /etc/pip.conf /etc/xdg/pip /root/.pip /root/.config/pip /etc/resolv.conf /etc/hosts; do
    [[ -e "$file" ]] || continue
    mkdir -p "$ROOT$(dirname "$file")"
    rm -rf "${ROOT:?}$file"
    cp -aL "$file" "$ROOT$file"
  done
  # no services start while packages are installed (no init system in a chroot; tests start their own)
  printf '#!/bin/sh\nexit 101\n' >"$ROOT/usr/sbin/policy-rc.d"
  chmod 755 "$ROOT/usr/sbin/policy-rc.d"
}

build_root() {  # build_root <suite>: debootstrap once, then make, git and CA certificates
  local suite=$1 dir=$MATRIX/$1
  local want="$STAMP_VERSION $suite $MIRROR"
  if [[ -f "$dir/stamp" && "$(cat "$dir/stamp")" == "$want" ]]; then
    log "$suite: cached root $ROOT"
    return 0
  fi
  log "$suite: building root from $MIRROR"
  unmount_leftovers "$dir"
  rm -rf --one-file-system "$dir"
  mkdir -p "$dir"
  debootstrap --variant=minbase "$suite" "$ROOT" "$MIRROR"
  if [[ "$suite" == sid || "$suite" == unstable ]]; then
    # this mirror is a snapshot: sid's Release file has expired; accept it in this root only
    echo 'Acquire::Check-Valid-Until "false";' >"$ROOT/etc/apt/apt.conf.d/99snapshot-valid-until"
  fi
  echo 'APT::Install-Recommends "false";' >"$ROOT/etc/apt/apt.conf.d/99no-recommends"
  copy_host_settings
  mount_root
  in_root apt-get update -q
  in_root apt-get install -y -q make ca-certificates git
  unmount_all
  echo "$want" >"$dir/stamp"
}

copy_tree() {  # the working tree (committed and uncommitted, not ignored files) into the root; .venv and build/ kept
  # (files get the copy time, so make redoes what depends on them, e.g. pip after requirements.txt changed)
  local dest=$ROOT/src/beltmap
  mkdir -p "$dest"
  find "$dest" -mindepth 1 -maxdepth 1 ! -name .venv ! -name build -exec rm -rf {} +
  git -C "$REPO" ls-files -z --cached --others --exclude-standard |
    (cd "$REPO" && xargs -0 -r sh -c 'for f; do [ -e "$f" ] && printf "%s\0" "$f"; done' sh) |
    tar -C "$REPO" --null -T - -cf - | tar -C "$dest" -m -xf -  # -m: newer than the root's make stamps
}

report_versions() {
  in_root /src/beltmap/.venv/bin/python - <<'EOF' || true
import platform, numpy
from osgeo import gdal
from qgis.core import Qgis
print("versions: QGIS {} | Python {} | numpy {} | GDAL {}".format(
    Qgis.QGIS_VERSION.split("-")[0], platform.python_version(), numpy.__version__, gdal.__version__))
EOF
}

failed=()
for suite in "${SUITES[@]}"; do
  ROOT=$MATRIX/$suite/root
  start=$SECONDS
  unmount_leftovers "$MATRIX/$suite"
  build_root "$suite"
  copy_host_settings
  copy_tree
  mount_root
  log "$suite: ${MATRIX_COMMAND:-make test}"
  if in_root bash -c "cd /src/beltmap && ${MATRIX_COMMAND:-make test}"; then result=passed; else result=FAILED; failed+=("$suite"); fi
  report_versions
  stop_root_processes
  unmount_all
  log "$suite: $result in $((SECONDS - start)) s"
done
ROOT=""
if [[ ${#failed[@]} -gt 0 ]]; then
  log "failed: ${failed[*]}"
  exit 1
fi
log "all passed: ${SUITES[*]}"
