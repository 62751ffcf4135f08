#!/usr/bin/python3
"""Exports penultimate-feature TorchScript models of torchvision architectures, with seeded random weights
(nothing is downloaded), and writes a modelscout zoo catalog (CSV) for them.

Run with Debian's torch (apt-get install python3-torch python3-torchvision):

    /usr/bin/python3 src/models/export_torchvision.py --out build/zoo --models resnet18,mobilenet_v2

For every model the classifier is replaced by Identity, so the output is the penultimate feature vector;
the catalog row records the feature dimension, parameter count, GMACs (multiply-accumulates of every
Conv2d and Linear layer at the input size, counted with forward hooks) and the file's SHA-256.
`tinycnn` is a 3-conv CNN (about 40 KB) for tests; `tinycnn_map` outputs a feature map, not a vector
(for the error tests). The committed copies in engine/src/test/resources/models came from
`--models tinycnn,tinycnn_map --seed 0`.
"""
import argparse
import csv
import hashlib
import os

import torch
import torch.nn as nn
import torchvision


class TinyCnn(nn.Module):
    """A small CNN: 3 conv+ReLU+pool stages and global average pooling, 32-dim features."""

    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(3, 8, 3, padding=1), nn.BatchNorm2d(8), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(8, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(),
            nn.AdaptiveAvgPool2d(1), nn.Flatten())

    def forward(self, x):
        return self.features(x)


def build(name):
    """The architecture with random weights and its classifier replaced by Identity."""
    if name == "tinycnn":
        return TinyCnn(), "cnn", 32
    if name == "tinycnn_map":  # no pooling: outputs a feature map, for the "not a vector" error tests
        return nn.Sequential(nn.Conv2d(3, 4, 3, padding=1), nn.ReLU()), "cnn", 32
    m = getattr(torchvision.models, name)(weights=None)
    family = "".join(c for c in name.split("_")[0] if c.isalpha())
    if hasattr(m, "fc"):
        m.fc = nn.Identity()
    elif hasattr(m, "classifier"):
        m.classifier = nn.Identity()
    elif hasattr(m, "heads"):
        m.heads = nn.Identity()
    else:
        raise SystemExit(f"{name}: do not know where its classifier is")
    return m, family, 224


def count_macs(model, size):
    macs = [0]

    def conv_hook(mod, inp, out):
        kh, kw = mod.kernel_size
        macs[0] += out.numel() * (mod.in_channels // mod.groups) * kh * kw

    def linear_hook(mod, inp, out):
        macs[0] += out.numel() * mod.in_features

    hooks = []
    for mod in model.modules():
        if isinstance(mod, nn.Conv2d):
            hooks.append(mod.register_forward_hook(conv_hook))
        elif isinstance(mod, nn.Linear):
            hooks.append(mod.register_forward_hook(linear_hook))
    with torch.no_grad():
        out = model(torch.zeros(1, 3, size, size))
    for h in hooks:
        h.remove()
    return macs[0], out


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", required=True, help="folder for the .pt files and zoo.csv")
    ap.add_argument("--models", default="resnet18", help="comma-separated torchvision names, or tinycnn")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--size", type=int, default=0, help="input size (default: 224, 32 for tinycnn)")
    ap.add_argument("--catalog", default="zoo.csv", help="catalog file name inside --out")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    rows = []
    for name in [n.strip() for n in args.models.split(",") if n.strip()]:
        torch.manual_seed(args.seed)
        model, family, default_size = build(name)
        size = args.size or default_size
        model.eval()
        macs, out = count_macs(model, size)
        if out.dim() != 2 and not name.endswith("_map"):
            raise SystemExit(f"{name}: output shape {tuple(out.shape)} is not a feature vector")
        example = torch.rand(1, 3, size, size)
        with torch.no_grad():
            traced = torch.jit.trace(model, example)
        path = os.path.join(args.out, name + ".pt")
        traced.save(path)
        params = sum(p.numel() for p in model.parameters())
        rows.append({
            "id": name, "arch_family": family, "pretrain_dataset": "random-init",
            "resize": round(size / 0.875), "crop": size, "mean": "0.485 0.456 0.406", "std": "0.229 0.224 0.225",
            "channels": "RGB", "feature_dim": out.shape[1] if out.dim() == 2 else 0, "gmacs": f"{macs / 1e9:.6g}",
            "params_m": f"{params / 1e6:.6g}", "weights": name + ".pt", "sha256": sha256(path)})
        what = f"{out.shape[1]}-d features" if out.dim() == 2 else f"output shape {tuple(out.shape)}"
        print(f"{path}: {what}, {params} parameters, {macs / 1e9:.4f} GMACs")
    fields = ["id", "arch_family", "pretrain_dataset", "resize", "crop", "mean", "std", "channels",
              "feature_dim", "gmacs", "params_m", "weights", "sha256"]
    with open(os.path.join(args.out, args.catalog), "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


if __name__ == "__main__":
    main()
