#!/usr/bin/env bash
# Leave-one-dataset-out on the world's history (docs/recommender.md): every recommender on the same folds, with
# metadata only (d,m), LogME alone (d,m,score_logme:zscore) and every score (d,m,s), then each single score alone
# as a ranking (src/world/noise.py scores). Prints Markdown: mean +- standard deviation over the held-out targets.
#   lodo.sh [HISTORY]   default: src/world/history.csv
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
ms="$root/cli/target/modelscout/bin/modelscout"
history="${1:-$root/src/world/history.csv}"
out="$root/build/world/lodo"
mkdir -p "$out"
start=$(date +%s)
n=0
for features in d,m d,m,score_logme:zscore d,m,s; do
  for r in auto lr fm ensemble; do
    f="$out/$r-${features//[,:]/_}.json"
    "$ms" evaluate --history "$history" --protocol leave-one-dataset-out --recommender "$r" --features "$features" \
      --out "$f" > "$out/$r-${features//[,:]/_}.log" 2>&1
    n=$((n + 1))
  done
done
python3 - "$out" <<'PY'
import glob, json, os, sys
labels = {"d_m": "d,m", "d_m_score_logme_zscore": "d,m,score_logme:zscore", "d_m_s": "d,m,s (every score)"}
rows, baseline = [], None
for i, key in enumerate(labels):
    for f in sorted(glob.glob(os.path.join(sys.argv[1], f"*-{key}.json"))):
        d = json.load(open(f))
        rows.append((i, d["recommender"], labels[key], d["metrics"], d["std"]))
        baseline = baseline or d.get("baseline")
if baseline:
    rows.insert(0, (-1, baseline["recommender"], "-", baseline["metrics"], baseline["std"]))
print("| recommender | features | Pearson | Kendall | top-1 regret | hit@3 |")
print("|---|---|---|---|---|---|")
for _, rec, fs, m, s in sorted(rows, key=lambda r: (r[0], r[1])):
    cell = lambda k: f"{m[k]:.3f} +- {s[k]:.3f}"
    print(f"| {rec} | {fs} | {cell('pearson')} | {cell('kendall')} | {cell('regret')} | {cell('hit_at_k')} |")
PY
echo
/usr/bin/python3 "$root/src/world/noise.py" scores --world "$(dirname "$history")"
echo "lodo: $n evaluations in $(( $(date +%s) - start )) s" >&2
