#!/usr/bin/env python3
"""How varied the embedded world is: per target the spread of fine-tuned accuracies and the best backbone, and how
often the best backbone differs between targets. Reads src/world/history.csv and src/world/sample/truth.csv;
prints a Markdown table (docs/world.md quotes it)."""
import collections
import csv
import os
import statistics
import sys

here = os.path.dirname(os.path.abspath(__file__))


def rows(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def main():
    jobs = rows(os.path.join(here, "history.csv"))
    truth = rows(os.path.join(here, "sample", "truth.csv"))
    by = collections.defaultdict(dict)
    for r in jobs + truth:
        by[r["dataset"]][r["model"]] = float(r["accuracy"])
    sample = {r["dataset"] for r in truth}
    print("| target | role | backbones | min | median | max | spread | best backbone |")
    print("|---|---|---|---|---|---|---|---|")
    bests = {}
    for d in sorted(by, key=lambda k: (k in sample, k)):
        acc = by[d]
        vals = sorted(acc.values())
        best = max(acc, key=lambda m: (acc[m], m))
        bests[d] = best
        print(f"| {d} | {'sample' if d in sample else 'history'} | {len(vals)} | {vals[0]:.3f} | "
              f"{statistics.median(vals):.3f} | {vals[-1]:.3f} | {vals[-1] - vals[0]:.3f} | {best} |")
    distinct = collections.Counter(bests.values())
    pairs = [(a, b) for a in bests for b in bests if a < b]
    differ = sum(bests[a] != bests[b] for a, b in pairs)
    print()
    print(f"{len(distinct)} different best backbones over {len(bests)} targets "
          f"({', '.join(f'{m} x{n}' for m, n in distinct.most_common())}); the best backbone differs in "
          f"{differ} of {len(pairs)} pairs of targets.")
    means = collections.defaultdict(list)
    for r in jobs:
        means[r["model"]].append(float(r["accuracy"]))
    top = max(means, key=lambda m: statistics.mean(means[m]))
    wins = sum(1 for d in bests if bests[d] == top)
    print(f"The backbone best on average over the history ({top}, mean {statistics.mean(means[top]):.3f}) is the "
          f"best on {wins} of {len(bests)} targets.")


if __name__ == "__main__":
    sys.exit(main())
