#!/usr/bin/env bash
# The image fields' effect on recommendation quality (docs/recommender.md, "Image fields"): leave-one-dataset-out
# `modelscout evaluate` on a history (default: the embedded world's), for each recommender and feature set, with
# and without the transferability scores. Prints one markdown row per (features, recommender): mean per-dataset
# Pearson, Kendall tau-b and top-1 regret, and the popularity baseline of the same folds.
# Rerun after `mvn -B -q -DskipTests package`.
#   image-fields.sh [HISTORY]   RECOMMENDERS="auto lr fm" FEATURE_SETS="d,m d,m,domain ..." override the grid
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
ms="$root/cli/target/modelscout/bin/modelscout"
history="${1:-$root/src/world/history.csv}"
recommenders="${RECOMMENDERS:-auto lr fm}"
sets="${FEATURE_SETS:-d,m d,m,difficulty d,m,domain d,m,difficulty,domain d,m,probe_accuracy*pretrain_dataset
  d,m,domain_distance*arch_family d,m,s d,m,s,difficulty d,m,s,domain d,m,s,difficulty,domain}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
echo "history: $history ($(($(wc -l < "$history") - 1)) jobs); machine: $(nproc) cores"
echo
echo "| features | recommender | Pearson | Kendall | regret | popularity (P / K / regret) |"
echo "|---|---|---|---|---|---|"
for f in $sets; do
  for r in $recommenders; do
    "$ms" evaluate --history "$history" --protocol leave-one-dataset-out --recommender "$r" --features "$f" \
      --out "$out/e.json" > /dev/null 2> "$out/err" || { echo "| $f | $r | failed: $(tail -1 "$out/err") |"; continue; }
    python3 - "$out/e.json" "$f" "$r" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
m, b = d["metrics"], (d.get("baseline") or {}).get("metrics", {})
fmt = lambda x: "-" if x is None else f"{x:.3f}"
chose = d.get("recommender", sys.argv[3])
print(f"| {sys.argv[2]} | {sys.argv[3]} | {fmt(m['pearson'])} | {fmt(m['kendall'])} | {fmt(m['regret'])} | "
      f"{fmt(b.get('pearson'))} / {fmt(b.get('kendall'))} / {fmt(b.get('regret'))} |")
PY
  done
done
