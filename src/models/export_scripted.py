#!/usr/bin/python3
"""Exports penultimate-feature models for FINE-TUNING: as export_torchvision.py (same architectures, seeded
random weights, classifier replaced by Identity, same catalog columns), but compiled with torch.jit.script
instead of torch.jit.trace, so that the file's BatchNorm and dropout follow train() / eval().

Why: torch.jit.trace records BatchNorm with the mode of the traced call as a constant. A file traced in eval
mode (what export_torchvision.py writes, right for feature extraction) keeps normalising with its stored
running statistics when trained, and its dropout stays off. `modelscout`'s FineTuner warns when train mode
does not change a file's output. Scripted files extract the same features in eval mode.

    /usr/bin/python3 src/models/export_scripted.py --out build/zoo-scripted --models tinycnn,resnet18 --size 64

The committed engine/src/test/resources/models/tinycnn_scripted.pt came from
`--models tinycnn --seed 0` (the same weights as tinycnn.pt).
"""
import argparse
import csv
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import export_torchvision as ex  # noqa: E402  (the architectures, MAC counter and catalog columns)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", required=True, help="folder for the .pt files and the catalog")
    ap.add_argument("--models", default="resnet18", help="comma-separated torchvision names, or tinycnn")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--size", type=int, default=0, help="input size (default: 224, 32 for tinycnn)")
    ap.add_argument("--catalog", default="zoo.csv", help="catalog file name inside --out")
    ap.add_argument("--suffix", default="", help="appended to ids and file names (e.g. _scripted)")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    rows = []
    for name in [n.strip() for n in args.models.split(",") if n.strip()]:
        torch.manual_seed(args.seed)
        model, family, default_size = ex.build(name)
        size = args.size or default_size
        model.eval()
        macs, out = ex.count_macs(model, size)
        if out.dim() != 2:
            raise SystemExit(f"{name}: output shape {tuple(out.shape)} is not a feature vector")
        scripted = torch.jit.script(model)
        with torch.no_grad():
            check = scripted(torch.rand(2, 3, size, size))
        if check.shape[1] != out.shape[1]:
            raise SystemExit(f"{name}: scripted output {tuple(check.shape)} differs from eager {tuple(out.shape)}")
        mid = name + args.suffix
        path = os.path.join(args.out, mid + ".pt")
        scripted.save(path)
        params = sum(p.numel() for p in model.parameters())
        rows.append({
            "id": mid, "arch_family": family, "pretrain_dataset": "random-init",
            "resize": round(size / 0.875), "crop": size, "mean": "0.485 0.456 0.406", "std": "0.229 0.224 0.225",
            "channels": "RGB", "feature_dim": out.shape[1], "gmacs": f"{macs / 1e9:.6g}",
            "params_m": f"{params / 1e6:.6g}", "weights": mid + ".pt", "sha256": ex.sha256(path)})
        print(f"{path}: scripted, {out.shape[1]}-d features, {params} parameters, {macs / 1e9:.4f} GMACs at {size}")
    fields = ["id", "arch_family", "pretrain_dataset", "resize", "crop", "mean", "std", "channels",
              "feature_dim", "gmacs", "params_m", "weights", "sha256"]
    with open(os.path.join(args.out, args.catalog), "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


if __name__ == "__main__":
    main()
