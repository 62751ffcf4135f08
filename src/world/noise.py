#!/usr/bin/python3
"""How well the embedded world's truth is known, and what the history's side files allow without fine-tuning again
(docs/world.md, "Protocol"; docs/recommender.md quotes the tables). Reads src/world/history.csv, history-seeds.csv,
history-curves.csv, sample/truth.csv and sample/truth-seeds.csv; prints Markdown:

  noise       per target: validation images, the binomial standard error of one job's accuracy (median over the
              backbones with accuracy in 0.2-0.8, and the largest), the seed-to-seed standard deviation, the standard
              error of the stored mean, and Kendall tau between the rankings of every pair of seeds
  scores      every single score alone as a ranking, leave-one-dataset-out style (a score needs no training): per
              target Pearson and Kendall between the score and the mean accuracy, and the top-1 regret; mean and
              standard deviation over the history's targets
  fidelity    multi-fidelity baselines replayed from the learning curves: train every backbone for one epoch, keep
              the best k and pick the best of them after all epochs; successive halving over the epochs; each with
              its regret against the stored mean accuracy and its cost in backbone-epochs

usage: noise.py [noise|scores|fidelity|all] [--world DIR] [--old PLAN ...]   (--old: per-seed plans of another
protocol, e.g. build/world/old-protocol/seed-*, for the old-versus-new table)
"""
import argparse
import collections
import csv
import glob
import itertools
import json
import math
import os
import statistics
import sys

from scipy.stats import kendalltau, pearsonr

here = os.path.dirname(os.path.abspath(__file__))


def rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def tau(a, b):
    t = kendalltau(a, b).statistic
    return float("nan") if t is None else float(t)


def fmt(x, d=3):
    return "-" if x is None or (isinstance(x, float) and math.isnan(x)) else f"{x:.{d}f}"


def seed_table(per_seed, val_images):
    """per_seed: dataset -> model -> {seed: accuracy}; val_images: dataset -> validation images."""
    out = []
    for d in sorted(per_seed):
        models = sorted(per_seed[d])
        seeds = sorted(set.intersection(*(set(per_seed[d][m]) for m in models)))
        n = val_images[d]
        binom = [math.sqrt(a * (1 - a) / n) for m in models for a in per_seed[d][m].values() if 0.2 <= a <= 0.8]
        sds = [statistics.stdev([per_seed[d][m][s] for s in seeds]) for m in models] if len(seeds) > 1 else []
        taus = [tau([per_seed[d][m][a] for m in models], [per_seed[d][m][b] for m in models])
                for a, b in itertools.combinations(seeds, 2)]
        out.append((d, n, len(seeds), statistics.median(binom) if binom else float("nan"),
                    max(binom) if binom else float("nan"),
                    statistics.median(sds) if sds else float("nan"),
                    statistics.median(sds) / math.sqrt(len(seeds)) if sds else float("nan"), taus))
    return out


def print_seed_table(title, table):
    print(f"**{title}**\n")
    print("| target | val images | seeds | binomial SE of one job (median, 0.2-0.8) | largest | seed-to-seed SD (median) "
          "| SE of the mean (median) | Kendall between seeds (each pair) |")
    print("|---|---:|---:|---:|---:|---:|---:|---|")
    for d, n, k, med, mx, sd, se, taus in table:
        print(f"| {d} | {n} | {k} | {fmt(med)} | {fmt(mx)} | {fmt(sd)} | {fmt(se)} | "
              f"{', '.join(fmt(t, 2) for t in taus)} |")
    all_taus = [t for row in table for t in row[7] if not math.isnan(t)]
    if all_taus:
        print(f"\nKendall between seeds over all targets: median {statistics.median(all_taus):.2f}, "
              f"range {min(all_taus):.2f} to {max(all_taus):.2f}.")
    print()


def world_per_seed(world):
    per_seed = collections.defaultdict(lambda: collections.defaultdict(dict))
    val = {}
    for r in rows(os.path.join(world, "history-seeds.csv")):
        per_seed[r["dataset"]][r["model"]][int(r["seed"])] = float(r["accuracy"])
        val[r["dataset"]] = int(r["val_size"])
    for r in rows(os.path.join(world, "sample", "truth-seeds.csv")):
        per_seed[r["dataset"]][r["model"]][int(r["seed"])] = float(r["accuracy"])
        val[r["dataset"]] = int(r["val_size"])
    return per_seed, val


def plans_per_seed(plans):
    per_seed = collections.defaultdict(lambda: collections.defaultdict(dict))
    val = {}
    for plan in plans:
        with open(os.path.join(plan, "plan.json"), encoding="utf-8") as f:
            seed = json.load(f)["options"]["finetune"]["seed"]
        for p in glob.glob(os.path.join(plan, "results", "*.json")):
            with open(p, encoding="utf-8") as f:
                r = json.load(f)
            if r.get("status") == "done":
                per_seed[r["dataset"]][r["model"]][seed] = r["accuracy"]
                val[r["dataset"]] = r["details"]["finetune"]["val_size"]
    return per_seed, val


def noise(world, old):
    per_seed, val = world_per_seed(world)
    if old:
        old_seed, old_val = plans_per_seed(old)
        print_seed_table("Old protocol (at most 30 images per class, a seeded 80/20 split of them; the seed draws "
                         "the subsample, the split, the head and the batch order)", seed_table(old_seed, old_val))
        print_seed_table("New protocol, the same targets (20 training images per class drawn by the seed from the "
                         "pool, the fixed validation set)", seed_table({d: per_seed[d] for d in old_seed}, val))
    print_seed_table("New protocol, every target", seed_table(per_seed, val))


def history(world):
    jobs = rows(os.path.join(world, "history.csv"))
    by = collections.defaultdict(dict)
    for r in jobs:
        by[r["dataset"]][r["model"]] = r
    return by


def scores(world):
    by = history(world)
    cols = [c for c in next(iter(next(iter(by.values())).values())) if c.startswith("score_")]
    print("| ranking by | Pearson | Kendall | top-1 regret | targets |")
    print("|---|---|---|---|---|")
    for c in cols:
        ps, ks, rs = [], [], []
        for d, models in by.items():
            ms = [m for m in models if models[m][c] not in ("", None)]
            if len(ms) < 3:
                continue
            s = [float(models[m][c]) for m in ms]
            a = [float(models[m]["accuracy"]) for m in ms]
            if len(set(s)) < 2:
                continue
            ps.append(float(pearsonr(s, a).statistic))
            ks.append(tau(s, a))
            rs.append(max(a) - a[max(range(len(s)), key=lambda i: s[i])])
        if ps:
            print(f"| {c[len('score_'):]} alone | {mean_sd(ps)} | {mean_sd(ks)} | {mean_sd(rs)} | {len(ps)} |")
    print()


def mean_sd(xs):
    xs = [x for x in xs if not math.isnan(x)]
    return f"{statistics.mean(xs):.3f} +- {statistics.stdev(xs):.3f}" if len(xs) > 1 else fmt(xs[0] if xs else None)


def fidelity(world):
    by = history(world)
    curves = collections.defaultdict(lambda: collections.defaultdict(dict))  # d -> m -> epoch -> [acc by seed]
    for r in rows(os.path.join(world, "history-curves.csv")):
        curves[r["dataset"]][r["model"]].setdefault(int(r["epoch"]), {})[int(r["seed"])] = float(r["val_accuracy"])
    seeds = sorted({s for d in curves for m in curves[d] for e in curves[d][m] for s in curves[d][m][e]})
    epochs = max(e for d in curves for m in curves[d] for e in curves[d][m])
    print(f"Replayed on each seed's runs ({len(seeds)} seeds, {epochs} epochs; the pick's regret is against the "
          "stored mean accuracy; one backbone-epoch = one epoch of one backbone; fine-tuning all "
          f"{len(next(iter(curves.values())))} backbones costs {len(next(iter(curves.values()))) * epochs}):\n")
    print("| strategy | backbone-epochs | top-1 regret (mean +- sd over targets and seeds) | picks the best |")
    print("|---|---:|---|---:|")

    def run(strategy):
        regrets, hits, costs = [], 0, []
        for d, models in curves.items():
            mean = {m: float(by[d][m]["accuracy"]) for m in models}
            best = max(mean.values())
            for s in seeds:
                pick, cost = strategy({m: {e: models[m][e][s] for e in models[m]} for m in models})
                regrets.append(best - mean[pick])
                hits += mean[pick] == best
                costs.append(cost)
        return statistics.mean(costs), mean_sd(regrets), f"{hits} of {len(regrets)}"

    def top_k(k):
        def s(c):
            kept = sorted(c, key=lambda m: -c[m][1])[:k]
            return max(kept, key=lambda m: c[m][epochs]), len(c) + len(kept) * (epochs - 1)
        return s

    def halving(c):
        alive, cost = list(c), 0
        for e in range(1, epochs + 1):
            cost += len(alive)
            if e < epochs:
                alive = sorted(alive, key=lambda m: -c[m][e])[:max(1, math.ceil(len(alive) / 2))]
        return max(alive, key=lambda m: c[m][epochs]), cost

    def full(c):
        return max(c, key=lambda m: c[m][epochs]), len(c) * epochs

    for name, strat in [(f"fine-tune all {epochs} epochs, keep the best (one seed)", full)] + [
            (f"1 epoch each, the best {k} to {epochs} epochs", top_k(k)) for k in (1, 3, 5)] + [
            ("successive halving (halve after each epoch)", halving)]:
        cost, reg, hit = run(strat)
        print(f"| {name} | {cost:.0f} | {reg} | {hit} |")
    print()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("what", nargs="?", default="all", choices=["noise", "scores", "fidelity", "all"])
    ap.add_argument("--world", default=here)
    ap.add_argument("--old", nargs="*", default=[])
    a = ap.parse_args()
    if a.what in ("noise", "all"):
        noise(a.world, a.old)
    if a.what in ("scores", "all"):
        scores(a.world)
    if a.what in ("fidelity", "all"):
        fidelity(a.world)


if __name__ == "__main__":
    sys.exit(main())
