#!/usr/bin/python3
"""A sanity check of the world, not the fine-tuning history: the linear-probe accuracy of every zoo backbone on
every target (frozen features, standardised, multinomial logistic regression, 5-fold stratified CV, seeded).
If the zoo carries what its sources taught it, backbones pre-trained on a related source probe better than
random-init ones. Writes build/world/probe.csv (target, model, accuracy) and prints a target x model table.

usage: probe.py [ZOO_CSV] [TARGETS_DIR]   (python3-sklearn; a few minutes on 2 cores)
"""
import csv
import os
import sys
import time

import numpy as np
import torch
from PIL import Image
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

sys.dont_write_bytecode = True  # no __pycache__ in src/world
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common as C  # noqa: E402


def folder(path):
    classes = sorted(os.listdir(path))
    xs, ys = [], []
    for k, c in enumerate(classes):
        for f in sorted(os.listdir(os.path.join(path, c))):
            xs.append(np.asarray(Image.open(os.path.join(path, c, f)).convert("RGB"), dtype=np.float32) / 255.0)
            ys.append(k)
    return torch.from_numpy(np.stack(xs)).permute(0, 3, 1, 2), np.array(ys)


def main():
    zoo = sys.argv[1] if len(sys.argv) > 1 else os.path.join(C.WORLD, "zoo", "zoo.csv")
    tdir = sys.argv[2] if len(sys.argv) > 2 else os.path.join(C.WORLD, "targets")
    torch.set_num_threads(2)
    t0 = time.time()
    with open(zoo, newline="") as f:
        models = list(csv.DictReader(f))
    with open(os.path.join(tdir, "targets.csv"), newline="") as f:
        targets = [r["id"] for r in csv.DictReader(f)]
    nets = {m["id"]: torch.jit.load(os.path.join(os.path.dirname(zoo), m["weights"])).eval() for m in models}
    rows = []
    for t in targets:
        x, y = folder(os.path.join(tdir, t))
        for m in models:
            mean = torch.tensor([float(v) for v in m["mean"].split()]).view(1, 3, 1, 1)
            std = torch.tensor([float(v) for v in m["std"].split()]).view(1, 3, 1, 1)
            with torch.no_grad():
                feats = nets[m["id"]]((x - mean) / std).numpy()
            clf = make_pipeline(StandardScaler(), LogisticRegression(C=0.1, max_iter=300))
            cv = StratifiedKFold(5, shuffle=True, random_state=0)
            acc = cross_val_score(clf, feats, y, cv=cv).mean()
            rows.append({"target": t, "model": m["id"], "accuracy": f"{acc:.4f}"})
        print(f"probe {t}: done ({time.time() - t0:.0f} s)", file=sys.stderr, flush=True)
    C.write_csv(os.path.join(C.WORLD, "probe.csv"), ["target", "model", "accuracy"], rows)
    ids = [m["id"] for m in models]
    acc = {(r["target"], r["model"]): float(r["accuracy"]) for r in rows}
    print("| model | " + " | ".join(targets) + " |")
    print("|---|" + "|".join("---:" for _ in targets) + "|")
    for i in ids:
        print(f"| {i} | " + " | ".join(f"{acc[(t, i)]:.2f}" for t in targets) + " |")
    print(f"probe: {len(rows)} linear probes in {time.time() - t0:.0f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
