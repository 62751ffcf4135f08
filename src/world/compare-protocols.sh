#!/usr/bin/env bash
# The old protocol of the world's history, re-run over three seeds on a few targets, for the old-versus-new table of
# docs/world.md: at most 30 images per class of the target's pool, a seeded stratified 80/20 split of them (the seed
# draws the subsample, the split, the head and the batch order), 3 epochs, lr 0.01. Then prints the per-job standard
# errors and the seed-to-seed Kendall tau of both protocols (src/world/noise.py noise --old).
#   compare-protocols.sh [TARGET ...]   default: road-signs emoji-groups fashion-tops sklearn-digits
# Needs the packaged launcher and the targets (src/world/build.sh --skip-zoo); the new protocol's numbers come from
# the committed history-seeds.csv and sample/truth-seeds.csv.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
ms="$root/cli/target/modelscout/bin/modelscout"
targets="${WORLD_TARGETS:-$root/build/world/targets}"
work="$root/build/world/old-protocol"
ids=("$@")
[ ${#ids[@]} -gt 0 ] || ids=(road-signs emoji-groups fashion-tops sklearn-digits)
sets=$(for i in "${ids[@]}"; do printf '%s=%s/%s,' "$i" "$targets" "$i"; done)
sets="${sets%,}"
start=$(date +%s)
for seed in 0 1 2; do
  plan="$work/seed-$seed"
  if [ ! -d "$plan/results" ] || [ "$(ls "$plan/results" | wc -l)" -lt $(( ${#ids[@]} * 20 )) ]; then
    rm -rf "$plan"
    "$ms" --device cpu jobs plan --zoo "$root/src/world/zoo/zoo.csv" --datasets "$sets" --task finetune --epochs 3 \
      --per-class 30 --val-fraction 0.2 --lr 0.01 --ft-seed "$seed" --threads 1 --shards 2 \
      --cache "$work/cache-$seed" --out "$plan" > /dev/null
    for i in 0 1; do
      "$ms" --device cpu jobs run --plan "$plan" --shard "$i" --of 2 > "$plan/shard-$i.log" 2>&1 &
    done
    wait
  fi
done
echo "compare-protocols: $(( $(date +%s) - start )) s" >&2
/usr/bin/python3 "$root/src/world/noise.py" noise --old "$work"/seed-*
