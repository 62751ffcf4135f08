#!/usr/bin/env bash
# Makes the embedded world's fine-tuning history, the sample target's true accuracies and the recommender, with
# modelscout itself (docs/world.md, "Protocol"):
#   0. the zoo's source statistics (src/world/source-stats.sh: each backbone's features on its pre-training source),
#      so that every job records its domain_distance (WORLD_SOURCE_STATS=0 keeps the committed ones);
#   1. every zoo backbone fine-tuned on every target (history and sample) once per seed by `modelscout jobs` (plan,
#      run, merge: the same cells a cluster would run): a few-shot training set of --per-class images per class
#      drawn from the target's pool with the seed, validation on the target's fixed validation set
#      (build/world/validation/<id>, the same images for every backbone and seed);
#   2. src/world/aggregate.py: the mean accuracy over the seeds and its standard error per (target, backbone) ->
#      the history's rows (appended to src/world/history.csv with `history append`) and src/world/sample/truth.csv;
#      the per-seed accuracies (history-seeds.csv, sample/truth-seeds.csv) and the validation accuracy after every
#      epoch (history-curves.csv) beside them; the sample's few-shot images -> src/world/sample/<id>/;
#   3. `modelscout train --recommender auto` on the history -> src/world/recommender.json.
# Needs the packaged launcher (mvn -B -q -DskipTests package) and the targets (src/world/build.sh --skip-zoo).
# Seeded: the same machine, threads and seeds give the same history.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
ms="$root/cli/target/modelscout/bin/modelscout"
world="$root/src/world"
targets="${WORLD_TARGETS:-$root/build/world/targets}"
validation="${WORLD_VALIDATION:-$root/build/world/validation}"
work="${WORLD_WORK:-$root/build/world/history}"
zoo="${WORLD_ZOO:-$world/zoo/zoo.csv}"
epochs="${WORLD_EPOCHS:-3}"
per_class="${WORLD_PER_CLASS:-20}"
lr="${WORLD_LR:-0.01}"
threads="${WORLD_THREADS:-1}"
parallel="${WORLD_PARALLEL:-2}"      # shards of one seed run side by side, each on $threads threads
seeds="${WORLD_SEEDS:-0 1 2}"
start=$(date +%s)
mkdir -p "$work"

# Every target of targets.csv (history and sample): ID=DIR,...
sets=$(python3 -c "import csv,sys; print(','.join(r['id']+'='+sys.argv[2]+'/'+r['id'] for r in csv.DictReader(open(sys.argv[1]))))" \
  "$targets/targets.csv" "$targets")

if [ "${WORLD_SOURCE_STATS:-1}" = 1 ]; then
  bash "$root/src/world/source-stats.sh" "$zoo"
fi

for seed in $seeds; do
  plan="$work/seed-$seed"
  if [ -f "$plan/rows.csv" ]; then
    echo "make-history: seed $seed done earlier ($plan/rows.csv)"
    continue
  fi
  t=$(date +%s)
  rm -rf "$plan"
  "$ms" --device cpu jobs plan --zoo "$zoo" --datasets "$sets" --task finetune --epochs "$epochs" \
    --per-class "$per_class" --lr "$lr" --ft-seed "$seed" --threads "$threads" --scores all --shards "$parallel" \
    --val-root "$validation" --cache "$work/cache-$seed" --out "$plan"
  pids=()
  for ((i = 0; i < parallel; i++)); do
    MODELSCOUT_JAVA_OPTS="${MODELSCOUT_JAVA_OPTS:--Xmx3g}" "$ms" --device cpu jobs run --plan "$plan" --shard "$i" \
      --of "$parallel" > "$plan/shard-$i.log" 2>&1 &
    pids+=($!)
  done
  for p in "${pids[@]}"; do wait "$p"; done
  "$ms" jobs status --plan "$plan"
  "$ms" jobs merge --plan "$plan" --out "$plan/rows.csv"
  echo "make-history: seed $seed took $(( $(date +%s) - t )) s"
done

plans=()
for seed in $seeds; do plans+=("$work/seed-$seed"); done
python3 "$root/src/world/aggregate.py" --targets "$targets" --out "$world" --work "$work" --per-class "$per_class" \
  ${WORLD_SAMPLE:+--sample "$WORLD_SAMPLE"} "${plans[@]}"
rm -f "$work/history.csv"
"$ms" history append --history "$work/history.csv" --jobs "$work/history-rows.csv"
cp "$work/history.csv" "$world/history.csv"
# The zoo the history was made with: WorldIT checks that the committed zoo is that one.
sha256sum "$zoo" | cut -d' ' -f1 > "$world/history.zoo-sha256"

# From inside the world's folder, so the recommender records its history as `history.csv` (beside it), not as this
# machine's absolute path.
(cd "$world" && "$ms" train --history history.csv --recommender auto --features d,m,s --out recommender.json)
echo "make-history: $(( $(date +%s) - start )) s ($epochs epochs, lr $lr, $per_class training images per class," \
  "seeds $seeds, $parallel jobs at a time on $threads threads each)"
