#!/usr/bin/env bash
# Builds the embedded default that the README's main job runs on, under build/demo/ (idempotent):
#  - fashion-mnist/: an ImageFolder of Fashion-MNIST test images (10 classes, 20 per class, seeded), from Debian's
#    dataset-fashion-mnist;
#  - zoo/: TorchScript backbones of real torchvision architectures (resnet18, mobilenet_v2, efficientnet_b0)
#    with seeded RANDOM weights (no weights can be downloaded here), exported with Debian's python3-torchvision,
#    and their catalog zoo/zoo.csv.
# Real users point `modelscout recommend` at their own image folder and a zoo of pre-trained weights.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
demo="$root/build/demo"
per_class="${DEMO_PER_CLASS:-20}"
models="${DEMO_MODELS:-resnet18,mobilenet_v2,efficientnet_b0}"

if [ ! -d "$demo/fashion-mnist" ]; then
  python3 "$root/src/build/make-demo-images.py" "$demo/fashion-mnist.tmp" --per-class "$per_class" --seed 0
  mv "$demo/fashion-mnist.tmp" "$demo/fashion-mnist"
fi
if [ ! -f "$demo/zoo/zoo.csv" ]; then
  rm -rf "$demo/zoo.tmp"
  /usr/bin/python3 "$root/src/models/export_torchvision.py" --out "$demo/zoo.tmp" --models "$models" --seed 0
  mv "$demo/zoo.tmp" "$demo/zoo"
fi
echo "demo: images in $demo/fashion-mnist, zoo in $demo/zoo/zoo.csv"
