#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine for ablate, as root or as a user with sudo: the Debian packages
# (the real Fashion-MNIST files, oneDNN and a C++ toolchain for the native CPU kernels, rsvg-convert
# for the reports' PDF figures), then the
# npm packages (`npm ci` builds the kernels). Unattended: no prompt.
#   bash tools/setup.sh            the above
#   bash tools/setup.sh --gpu      also the Vulkan loader and Mesa >= 25 from bookworm-backports
#                                  (AMD/Intel GPUs, and lavapipe, the software GPU the GPU tests run on);
#                                  NVIDIA GPUs bring their Vulkan driver with the proprietary driver
set -euo pipefail
cd "$(dirname "$0")/.."

gpu=0
for arg in "$@"; do
  case "$arg" in
    --gpu) gpu=1 ;;
    *) echo "setup.sh: unknown option $arg (use --gpu or nothing)" >&2; exit 2 ;;
  esac
done

if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1; then
  as_root=(sudo)
else
  echo "setup.sh: installing Debian packages needs root: run it as root, or install sudo" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
if [ "$gpu" -eq 1 ]; then
  echo "deb http://deb.debian.org/debian bookworm-backports main" | "${as_root[@]}" tee /etc/apt/sources.list.d/bookworm-backports.list >/dev/null
fi
"${as_root[@]}" apt-get update
"${as_root[@]}" apt-get install -y --no-install-recommends dataset-fashion-mnist libdnnl-dev g++ make python3 librsvg2-bin
if [ "$gpu" -eq 1 ]; then
  "${as_root[@]}" apt-get install -y --no-install-recommends libvulkan1
  "${as_root[@]}" apt-get install -y --no-install-recommends -t bookworm-backports mesa-vulkan-drivers
fi
npm ci
