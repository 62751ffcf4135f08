#!/usr/bin/env bash
# Installs the system packages that the build and the tests need (Debian). Idempotent; needs root or sudo.
set -euo pipefail
# chromium (with a font): the report tests open the HTML reports in headless Chromium (docs/report.md)
packages=(python3 python3-numpy dataset-fashion-mnist python3-torch python3-torchvision python3-pil chromium
  fonts-dejavu-core)
# the Slurm test (src/slurm/test.sh): a one-node cluster on this machine
packages+=(slurmctld slurmd slurm-client munge)
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
command -v java >/dev/null || { echo "setup: Java 17 is required (java not found)" >&2; exit 1; }
command -v mvn >/dev/null || { echo "setup: Maven is required (mvn not found)" >&2; exit 1; }
