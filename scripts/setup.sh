#!/usr/bin/env bash
# Installs what evalkit needs to build on a fresh Debian machine with Swift: the system libraries
# it links (OpenBLAS, libpng, FreeType, simdjson), the DejaVu fonts plots are drawn with, pkg-config, and xmllint for the JUnit checks.
# Installs only what is missing; safe to re-run.
set -euo pipefail
packages=(libopenblas-dev libpng-dev libfreetype-dev fonts-dejavu-core pkg-config libxml2-utils libsimdjson-dev)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}" >&2
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
if ! command -v swift >/dev/null 2>&1; then
  if [ -x /opt/swift/usr/bin/swift ]; then
    echo "setup: swift is at /opt/swift/usr/bin; add it to PATH" >&2
  else
    echo "setup: swift not found; install Swift 6.1 or newer (https://swift.org/install)" >&2
    exit 1
  fi
fi
