#!/usr/bin/env bash
# Makes the embedded world's fine-tuning history, the sample target's true accuracies and the recommender, with
# modelscout itself (docs/world.md):
#   0. the zoo's source statistics (src/world/source-stats.sh: each backbone's features on its pre-training source),
#      so that every job records its domain_distance;
#   1. every zoo backbone fine-tuned on every history target by `modelscout jobs` (plan, run, merge: the same cells a
#      cluster would run), appended to src/world/history.csv with `history append`;
#   2. every backbone fine-tuned the same way on the sample target -> src/world/sample/truth.csv;
#   3. `modelscout train --recommender auto` on the history -> src/world/recommender.json.
# Needs the packaged launcher (mvn -B -q -DskipTests package) and the targets (src/world/build.sh).
# Seeded: the same machine, threads and seed give the same history.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
ms="$root/cli/target/modelscout/bin/modelscout"
world="$root/src/world"
targets="${WORLD_TARGETS:-$root/build/world/targets}"
work="$root/build/world/history"
epochs="${WORLD_EPOCHS:-3}"
per_class="${WORLD_PER_CLASS:-30}"
lr="${WORLD_LR:-0.01}"
threads="${WORLD_THREADS:-2}"
start=$(date +%s)
mkdir -p "$work"

# The targets of the history and the sample, from targets.csv (id, ..., role).
history_sets=()
sample_id=""
while IFS=, read -r id rest; do
  role="${rest##*,}"
  [ "$id" = "id" ] && continue
  if [ "$role" = "sample" ]; then sample_id="$id"; else history_sets+=("$id=$targets/$id"); fi
done < <(python3 -c "import csv,sys; [print(r['id']+','+r['role']) for r in csv.DictReader(open(sys.argv[1]))]" "$targets/targets.csv")
[ -n "$sample_id" ] || { echo "make-history: no sample target in $targets/targets.csv" >&2; exit 1; }

run_plan() { # name datasets...
  local name="$1" sets="$2" plan="$work/$1"
  rm -rf "$plan"
  "$ms" --device cpu jobs plan --zoo "${WORLD_ZOO:-$world/zoo/zoo.csv}" --datasets "$sets" --task finetune --epochs "$epochs" \
    --per-class "$per_class" --lr "$lr" --ft-seed 0 --threads "$threads" --scores all --shards 1 --cache "$work/cache-$name" --out "$plan"
  MODELSCOUT_JAVA_OPTS="${MODELSCOUT_JAVA_OPTS:--Xmx4g}" "$ms" --device cpu jobs run --plan "$plan" --shard 0 --of 1
  "$ms" jobs status --plan "$plan"
  "$ms" jobs merge --plan "$plan" --out "$plan/rows.csv"
}

bash "$root/src/world/source-stats.sh" "${WORLD_ZOO:-$world/zoo/zoo.csv}"
run_plan history "$(IFS=,; echo "${history_sets[*]}")"
rm -f "$work/history.csv"
"$ms" history append --history "$work/history.csv" --jobs "$work/history/rows.csv"
cp "$work/history.csv" "$world/history.csv"
# The zoo the history was made with: WorldIT checks that the committed zoo is that one.
sha256sum "${WORLD_ZOO:-$world/zoo/zoo.csv}" | cut -d' ' -f1 > "$world/history.zoo-sha256"

run_plan sample "$sample_id=$targets/$sample_id"
python3 - "$work/sample/rows.csv" "$world/sample/truth.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
with open(sys.argv[2], "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["dataset", "model", "accuracy"])
    for r in rows:
        w.writerow([r["dataset"], r["model"], r["accuracy"]])
PY
rm -rf "$world/sample/$sample_id"
mkdir -p "$world/sample"
cp -r "$targets/$sample_id" "$world/sample/$sample_id"

# From inside the world's folder, so the recommender records its history as `history.csv` (beside it), not as this
# machine's absolute path.
(cd "$world" && "$ms" train --history history.csv --recommender auto --features d,m,s --out recommender.json)
echo "make-history: $(( $(date +%s) - start )) s ($epochs epochs, lr $lr, at most $per_class images per class, $threads threads)"
