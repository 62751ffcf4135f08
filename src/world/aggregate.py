#!/usr/bin/python3
"""Turns the per-seed fine-tuning plans of make-history.sh into the world's files (docs/world.md, "Protocol"):

  WORK/history-rows.csv       one row per (history target, backbone): the first seed's row (its scores and image
                              fields, computed on that seed's training set, as a user's one training set gives them)
                              with accuracy = the mean over the seeds, accuracy_se = its standard error (the seeds'
                              sample standard deviation / sqrt(seeds)) and accuracy_seeds = the number of seeds
  OUT/history-seeds.csv       every history job of every seed: dataset, model, seed, accuracy, sizes, its scores
  OUT/history-curves.csv      the validation accuracy (and losses) after every epoch of every history job
  OUT/sample/truth.csv        the sample target's dataset, model, accuracy (mean), accuracy_se, accuracy_seeds
  OUT/sample/truth-seeds.csv  the sample's per-seed accuracies
  OUT/sample/<id>/            the sample's few-shot images: the first --per-class images of every class of its pool

usage: aggregate.py --targets DIR --out DIR --work DIR --per-class N [--sample ID] PLAN [PLAN ...]
"""
import argparse
import csv
import glob
import json
import math
import os
import shutil
import sys


def results(plan):
    with open(os.path.join(plan, "plan.json"), encoding="utf-8") as f:
        seed = json.load(f)["options"]["finetune"]["seed"]
    out = {}
    for p in sorted(glob.glob(os.path.join(plan, "results", "*.json"))):
        with open(p, encoding="utf-8") as f:
            r = json.load(f)
        if r.get("status") == "done":
            out[(r["dataset"], r["model"])] = r
    return seed, out


def mean_se(xs):
    m = sum(xs) / len(xs)
    if len(xs) < 2:
        return m, float("nan")
    var = sum((x - m) ** 2 for x in xs) / (len(xs) - 1)
    return m, math.sqrt(var / len(xs))


def fmt(x):
    return "" if isinstance(x, float) and math.isnan(x) else repr(float(x))


def write(path, header, rows):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--targets", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--per-class", type=int, required=True)
    ap.add_argument("--sample", help="the sample target (default: the one targets.csv calls sample)")
    ap.add_argument("plans", nargs="+")
    a = ap.parse_args()
    with open(os.path.join(a.targets, "targets.csv"), encoding="utf-8") as f:
        targets = list(csv.DictReader(f))
    sample = a.sample or next(t["id"] for t in targets if t["role"] == "sample")
    seeds, by_seed = [], []
    for plan in a.plans:
        s, r = results(plan)
        seeds.append(s)
        by_seed.append(r)
    pairs = [k for k in by_seed[0] if all(k in r for r in by_seed)]
    missing = sum(len(r) for r in by_seed) - len(pairs) * len(by_seed)
    if missing:
        print(f"aggregate: {missing} jobs of some seeds have no partner in every seed and are left out", file=sys.stderr)

    hist_rows, header = [], None
    seed_rows, curve_rows, truth, truth_seeds = [], [], [], []
    score_cols = None
    for d, m in pairs:
        jobs = [r[(d, m)] for r in by_seed]
        accs = [j["accuracy"] for j in jobs]
        mean, se = mean_se(accs)
        if d == sample:
            truth.append([d, m, fmt(mean), fmt(se), len(accs)])
            truth_seeds += [[d, m, s, fmt(j["accuracy"]), j["details"]["finetune"]["train_size"],
                             j["details"]["finetune"]["val_size"]] for s, j in zip(seeds, jobs)]
            continue
        row = dict(jobs[0]["row"])
        if header is None:
            header = list(row) + ["accuracy_se", "accuracy_seeds"]
            score_cols = [c for c in row if c.startswith("score_")]
        ft = jobs[0]["details"]["finetune"]
        p = ft["protocol"]
        row["accuracy"] = fmt(mean)
        row["accuracy_se"] = fmt(se)
        row["accuracy_seeds"] = str(len(accs))
        row["source"] = (f"modelscout finetune: {p['optimizer']} lr {p['learning_rate']} {p['schedule']}, "
                         f"{p['epochs']} epochs, batch {p['batch_size']}, mean of seeds "
                         f"{' '.join(map(str, seeds))}, {ft['train_size']} train / {ft['val_size']} fixed val")
        hist_rows.append([row.get(c, "") for c in header])
        for s, j in zip(seeds, jobs):
            f = j["details"]["finetune"]
            seed_rows.append([d, m, s, fmt(j["accuracy"]), f["train_size"], f["val_size"]]
                             + [j["row"].get(c, "") for c in score_cols])
            for e in f["epochs"]:
                curve_rows.append([d, m, s, e["epoch"], fmt(e["val_accuracy"]), fmt(e["val_loss"]),
                                   fmt(e["train_loss"]), fmt(e["train_accuracy"]), fmt(e["seconds"])])
    write(os.path.join(a.work, "history-rows.csv"), header, hist_rows)
    write(os.path.join(a.out, "history-seeds.csv"),
          ["dataset", "model", "seed", "accuracy", "train_size", "val_size"] + score_cols, seed_rows)
    write(os.path.join(a.out, "history-curves.csv"),
          ["dataset", "model", "seed", "epoch", "val_accuracy", "val_loss", "train_loss", "train_accuracy", "seconds"],
          curve_rows)
    write(os.path.join(a.out, "sample", "truth.csv"),
          ["dataset", "model", "accuracy", "accuracy_se", "accuracy_seeds"], truth)
    write(os.path.join(a.out, "sample", "truth-seeds.csv"), ["dataset", "model", "seed", "accuracy", "train_size", "val_size"],
          truth_seeds)
    # The sample's few-shot images (what a user would have): the first --per-class of every class of its pool.
    sample_dir = os.path.join(a.out, "sample")
    for old in os.listdir(sample_dir):
        if os.path.isdir(os.path.join(sample_dir, old)):
            shutil.rmtree(os.path.join(sample_dir, old))
    pool = os.path.join(a.targets, sample)
    for cls in sorted(os.listdir(pool)):
        os.makedirs(os.path.join(sample_dir, sample, cls))
        for name in sorted(os.listdir(os.path.join(pool, cls)))[:a.per_class]:
            shutil.copy2(os.path.join(pool, cls, name), os.path.join(sample_dir, sample, cls, name))
    print(f"aggregate: {len(hist_rows)} history rows, {len(truth)} sample truths ({sample}), seeds {seeds}, "
          f"{len(curve_rows)} learning-curve points")


if __name__ == "__main__":
    main()
