#!/usr/bin/python3
"""Checks a world zoo catalog the way modelscout will use it: every weights file has the catalog's SHA-256, loads
with torch.jit.load, and maps real target images (preprocessed as the catalog says: 32x32 RGB, mean/std) to finite
(N, feature_dim) features for batch sizes 1 and 7; every catalog field is filled.

usage: check.py [ZOO_CSV] [IMAGE_FOLDER]   (defaults: build/world/zoo/zoo.csv, build/world/targets/opencv-digits)
"""
import csv
import hashlib
import os
import sys

import numpy as np
import torch
from PIL import Image

sys.dont_write_bytecode = True  # no __pycache__ in src/world
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common as C  # noqa: E402

FIELDS = ["id", "arch_family", "pretrain_dataset", "resize", "crop", "mean", "std", "channels", "feature_dim",
          "gmacs", "params_m", "weights", "sha256"]


def images(folder, n):
    files = sorted(os.path.join(d, f) for d, _, fs in os.walk(folder) for f in fs if f.endswith(".png"))
    step = max(1, len(files) // n)
    return np.stack([np.asarray(Image.open(f).convert("RGB"), dtype=np.float32) / 255.0
                     for f in files[::step][:n]])


def main():
    zoo = sys.argv[1] if len(sys.argv) > 1 else os.path.join(C.WORLD, "zoo", "zoo.csv")
    folder = sys.argv[2] if len(sys.argv) > 2 else os.path.join(C.WORLD, "targets", "opencv-digits")
    torch.set_num_threads(1)
    x = torch.from_numpy(images(folder, 7)).permute(0, 3, 1, 2)
    with open(zoo, newline="") as f:
        rows = list(csv.DictReader(f))
    problems = []
    for r in rows:
        missing = [k for k in FIELDS if not r.get(k)]
        path = os.path.join(os.path.dirname(zoo), r["weights"])
        digest = hashlib.sha256(open(path, "rb").read()).hexdigest()
        mean = torch.tensor([float(v) for v in r["mean"].split()]).view(1, 3, 1, 1)
        std = torch.tensor([float(v) for v in r["std"].split()]).view(1, 3, 1, 1)
        model = torch.jit.load(path).eval()
        with torch.no_grad():
            f7 = model((x - mean) / std)
            f1 = model((x[:1] - mean) / std)
        dim = int(r["feature_dim"])
        ok = (not missing and digest == r["sha256"] and tuple(f7.shape) == (7, dim) and tuple(f1.shape) == (1, dim)
              and bool(torch.isfinite(f7).all()) and torch.allclose(f1[0], f7[0], atol=1e-4))
        if not ok:
            problems.append(r["id"])
        print(f"{'ok ' if ok else 'BAD'} {r['id']:22s} {tuple(f7.shape)} sha256 {'ok' if digest == r['sha256'] else 'DIFFERS'}"
              f"{' missing ' + ','.join(missing) if missing else ''}")
    if problems:
        raise SystemExit(f"check: {len(problems)} of {len(rows)} backbones failed: {', '.join(problems)}")
    print(f"check: all {len(rows)} backbones of {zoo} load with torch.jit.load and give their feature_dim")


if __name__ == "__main__":
    main()
