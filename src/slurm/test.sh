#!/usr/bin/env bash
# The cluster test of `modelscout jobs`: a one-node Slurm on this machine (src/slurm/cluster.sh), the packaged
# launcher (mvn -B -q -DskipTests package first), a tiny real zoo (the engine's committed TorchScript test model
# and two seeded DJL ResNet-18s at 32 px) and small synthetic image folders.
#
#   test 1  plan 2 datasets x 3 backbones in 4 shards, sbatch the generated script as it is, wait, merge, and
#           check the merged scores against single-process `score --images` runs of the same cells (1e-9)
#   test 2  scancel one array task while it computes a cell, `jobs status` reports the cell interrupted,
#           `jobs submit` prints the sbatch command of only the unfinished shard, resubmitted; the cells that
#           were done are not recomputed (result files' modification times and SHA-256 unchanged)
#   test 3  a fine-tuning plan of 2 cells under Slurm, merged and appended to a history with `history append`
#           (skipped, with the reason, when this build has no fine-tuner)
#   test 4  `select --executor slurm`: the guided loop's fine-tunes as Slurm plans, budget 2, appended to the
#           user's history; run again, nothing is resubmitted (skipped with test 3)
#
# Prints PASS/FAIL per check and exits non-zero on any failure. The daemons it starts are stopped (by PID) on
# every exit. Needs root and Debian's slurmctld slurmd slurm-client munge (src/build/setup.sh --all).
# Keeps its folder on failure (printed); SLURM_TEST_DIR chooses it.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
ms="$repo/cli/target/modelscout/bin/modelscout"
work="${SLURM_TEST_DIR:-$(mktemp -d /tmp/modelscout-slurm-test.XXXXXX)}"
mkdir -p "$work"
chmod 0755 "$work" # munged (the munge user) must reach its socket folder inside
work="$(cd "$work" && pwd)"
export MODELSCOUT_JAVA_OPTS="${SLURM_TEST_JAVA_OPTS:--Xmx1g}"
failures=0
started=$(date +%s)

elapsed() { echo "$(( $(date +%s) - started )) s"; }
pass() { echo "PASS: $*"; }
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
check() { # check "what" command...: PASS when the command succeeds
  local what=$1; shift
  if "$@"; then pass "$what"; else fail "$what"; fi
}

finish() {
  local rc=$?
  bash "$repo/src/slurm/cluster.sh" down "$work/cluster" || true
  local secs=$(( $(date +%s) - started ))
  if [ "$failures" -eq 0 ] && [ "$rc" -eq 0 ]; then
    echo "slurm test: all checks passed in ${secs} s"
    [ -n "${SLURM_TEST_DIR:-}" ] || rm -rf "$work"
  else
    [ "$rc" -ne 0 ] && [ "$failures" -eq 0 ] && echo "FAIL: the test script stopped early (exit $rc)"
    echo "slurm test: FAILED ($failures failed checks) in ${secs} s; its files are in $work"
    exit 1
  fi
}
trap finish EXIT

[ -x "$ms" ] || { echo "FAIL: $ms not found: build it first (mvn -B -q -DskipTests package)"; exit 1; }

# The cluster.
conf_line=$(bash "$repo/src/slurm/cluster.sh" up "$work/cluster")
eval "$conf_line"
export SLURM_CONF
pass "one-node Slurm up ($(sinfo -h -o '%P %D node(s) %T'))"

# Waits for every task of job $1 to leave the queue (at most $2 s).
wait_job() {
  local job=$1 limit=${2:-300} t=0
  [[ "$job" =~ ^[0-9]+$ ]] || { echo "not a job id: '$job'"; return 1; }
  while [ -n "$(squeue -h -j "$job" -o %i 2>/dev/null)" ]; do
    sleep 1; t=$((t + 1))
    if [ "$t" -ge "$limit" ]; then echo "job $job still queued after $limit s"; squeue; return 1; fi
  done
}
# The final state of each task of array job $1, one "TASK STATE" per line.
task_states() {
  scontrol -o show job "$1" | sed -n 's/.*ArrayTaskId=\([0-9]*\).*JobState=\([A-Z_]*\).*/\1 \2/p' | sort -n
}
# Seconds of a file's modification time, nanoseconds included, and its SHA-256: "name mtime sha".
fingerprint_results() {
  local f
  for f in "$1"/results/*.json; do
    echo "$(basename "$f") $(stat -c %y "$f") $(sha256sum "$f" | cut -d' ' -f1)"
  done
}

# Data: two small image folders and a zoo of three small backbones.
java "$repo/src/slurm/MakeImages.java" "$work/data/pets" 2 8 1
java "$repo/src/slurm/MakeImages.java" "$work/data/flowers" 3 6 2
java "$repo/src/slurm/MakeImages.java" "$work/data/big" 3 16 3
mkdir -p "$work/zoo"
cp "$repo/engine/src/test/resources/models/tinycnn.pt" "$work/zoo/"
cd "$work"
# --gmacs as the export script counted it (engine/src/test/resources/models/zoo.csv): the cheapest backbone is the
# image fields' probe reference, so each resnet18 cell below extracts its own features (test 2 catches one doing so)
"$ms" --device cpu zoo add --zoo zoo/zoo.csv --id tinycnn --weights zoo/tinycnn.pt --crop 32 --arch cnn \
  --gmacs 0.000811008 >/dev/null
"$ms" --device cpu zoo add --zoo zoo/zoo.csv --id resnet18-s1 --weights 'builtin:resnet18?seed=1' --crop 32 --arch resnet >/dev/null
"$ms" --device cpu zoo add --zoo zoo/zoo.csv --id resnet18-s2 --weights 'builtin:resnet18?seed=2' --crop 32 --arch resnet >/dev/null
pass "zoo of 3 backbones and 3 image folders made"
slurm_opts=(--cpus 1 --mem 2G --time 00:15:00)

echo "== test 1 (at $(elapsed)): a 4-shard array of 2 datasets x 3 backbones, submitted as planned"
"$ms" --device cpu jobs plan --zoo zoo/zoo.csv --datasets data/pets,data/flowers --scores logme,parc,lfc \
  --shards 4 "${slurm_opts[@]}" --out plan1
check "submit.sbatch asks for --array=0-3" grep -qx '#SBATCH --array=0-3' plan1/submit.sbatch
check "plan1 has one line per cell (6)" test "$(wc -l <plan1/cells.jsonl)" -eq 6
job1=$(sbatch --parsable plan1/submit.sbatch)
echo "submitted plan1/submit.sbatch as job $job1"
wait_job "$job1"
echo "task states of job $job1:"; task_states "$job1" | sed 's/^/  /'
check "all 4 array tasks COMPLETED" test "$(task_states "$job1" | grep -c ' COMPLETED$')" -eq 4
"$ms" jobs status --plan plan1 | tee plan1.status
check "jobs status: done 6" grep -q '^done 6, running 0, failed 0, pending 0' plan1.status
"$ms" jobs merge --plan plan1 --out plan1-rows.csv
for d in pets flowers; do
  "$ms" --device cpu score --images "data/$d" --zoo zoo/zoo.csv --scores logme,parc,lfc --cache "ref-cache/$d" \
    --out "ref-$d.csv" >/dev/null 2>ref-$d.log
done
if python3 - plan1-rows.csv ref-pets.csv ref-flowers.csv <<'EOF'
import csv, sys
rows = {(r["dataset"], r["model"]): r for r in csv.DictReader(open(sys.argv[1]))}
worst, n = 0.0, 0
for ref in sys.argv[2:]:
    dataset = ref[len("ref-"):-len(".csv")]
    for r in csv.DictReader(open(ref)):
        got = rows.pop((dataset, r["model"]))
        for s in ("logme", "parc", "lfc"):
            a, b = float(got["score_" + s]), float(r[s])
            worst = max(worst, abs(a - b) / max(1.0, abs(b)))
            n += 1
print(f"  {n} scores of {n // 3} cells compared with score --images: largest difference {worst:.3g}")
sys.exit(0 if worst <= 1e-9 and not rows else 1)
EOF
then pass "merged scores equal single-process score --images runs to 1e-9"; else fail "merged scores differ from score --images"; fi
JOB_COMPLETION_INDEX=2 "$ms" --device cpu jobs run --plan plan1 2>plan1-index.log | tee plan1-index.out
check "jobs run takes its shard from JOB_COMPLETION_INDEX and skips the done cell" \
  grep -q '^shard 2 of 4: 1 cells: 0 computed, 0 failed, 1 done earlier' plan1-index.out

echo "== test 2 (at $(elapsed)): scancel a running array task, status, resubmit only the unfinished shard"
"$ms" --device cpu jobs plan --zoo zoo/zoo.csv --datasets data/pets,data/big --scores logme,parc,lfc --batch-size 1 \
  --shards 2 "${slurm_opts[@]}" --out plan2 >/dev/null
first=$(sed -n 4p plan2/cells.jsonl | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
second=$(sed -n 5p plan2/cells.jsonl | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
job2=$(sbatch --parsable plan2/submit.sbatch)
echo "submitted plan2 as job $job2; waiting for shard 1 to finish $first and start $second"
for _ in $(seq 1200); do
  [ -f "plan2/results/$first.json" ] && [ -f "plan2/results/$second.running" ] && break
  sleep 0.1
done
if [ -f "plan2/results/$second.running" ] && [ ! -f "plan2/results/$second.json" ]; then
  scancel "${job2}_1"
  echo "scancel ${job2}_1 while it computed $second"
else
  fail "shard 1 was not caught computing $second"
fi
wait_job "$job2"
echo "task states of job $job2:"; task_states "$job2" | sed 's/^/  /'
check "task 1 CANCELLED, task 0 COMPLETED" test "$(task_states "$job2" | tr '\n' ' ')" = "0 COMPLETED 1 CANCELLED "
"$ms" jobs status --plan plan2 | tee plan2.status
check "jobs status: 4 done, 2 pending, 1 interrupted" grep -q '^done 4, running 0, failed 0, pending 2 (1 interrupted)' plan2.status
check "jobs status names the interrupted cell and its Slurm task" grep -q "^  $second (shard 1): on .*slurm job ${job2}_1" plan2.status
check "jobs status: unfinished shards 1" grep -q '^unfinished shards: 1$' plan2.status
fingerprint_results plan2 >plan2.before
resubmit=$("$ms" jobs submit --plan plan2)
echo "jobs submit printed: $resubmit"
check "jobs submit prints --array=1 only" grep -q -- " --array=1 " <<<"$resubmit"
job3=$(eval "${resubmit/#sbatch /sbatch --parsable }")
wait_job "$job3"
check "the resubmitted task COMPLETED" test "$(task_states "$job3" | tr '\n' ' ')" = "1 COMPLETED "
fingerprint_results plan2 >plan2.after
unchanged=$(comm -12 <(sort plan2.before) <(sort plan2.after) | wc -l)
check "the 4 finished result files are untouched (modification time and SHA-256)" test "$unchanged" -eq 4 -a "$(wc -l <plan2.before)" -eq 4
check "the resubmitted task skipped $first" grep -q "^$first: done earlier; skipped" plan2/logs/"${job3}"_1.out
"$ms" jobs status --plan plan2 | tee plan2.status2
check "plan2 done 6 after the resubmission" grep -q '^done 6, running 0, failed 0, pending 0' plan2.status2
"$ms" jobs merge --plan plan2 --out plan2-rows.csv >/dev/null
check "plan2 merges 6 rows" test "$(($(wc -l <plan2-rows.csv) - 1))" -eq 6

echo "== test 3 (at $(elapsed)): a fine-tuning plan of 2 cells under Slurm, appended to a history"
# the fine-tuner trains TorchScript modules: the engine's scripted test model (a traced file has no training graph)
cp "$repo/engine/src/test/resources/models/tinycnn_scripted.pt" zoo/
"$ms" --device cpu zoo add --zoo zoo/zoo.csv --id tinycnn-scripted --weights zoo/tinycnn_scripted.pt --crop 32 \
  --resize 32 --arch cnn --pretrain random-init >/dev/null
if "$ms" --device cpu jobs plan --zoo zoo/zoo.csv --datasets data/pets,data/flowers --models tinycnn-scripted \
    --task finetune --scores logme --epochs 2 --lr 0.05 --ft-batch-size 4 --threads 1 "${slurm_opts[@]}" \
    --out plan3 >plan3.plan 2>plan3.err; then
  job4=$(sbatch --parsable plan3/submit.sbatch)
  wait_job "$job4" 600
  check "both fine-tuning tasks COMPLETED" test "$(task_states "$job4" | grep -c ' COMPLETED$')" -eq 2
  "$ms" jobs status --plan plan3
  "$ms" jobs merge --plan plan3 --out plan3-rows.csv
  python3 -c 'import csv,sys
for r in csv.DictReader(open(sys.argv[1])):
    print("  merged:", r["dataset"], r["model"], "accuracy", r["accuracy"], "score_logme", r["score_logme"])' plan3-rows.csv
  "$ms" history append --history history.csv --jobs plan3-rows.csv | tee plan3.append
  check "history append took the 2 fine-tuned rows" grep -q '^2 jobs appended to history.csv' plan3.append
elif grep -q "fine-tuning cells need the fine-tuner" plan3.err; then
  echo "SKIP: test 3: $(cat plan3.err)"
else
  cat plan3.err
  fail "jobs plan --task finetune"
fi

echo "== test 4 (at $(elapsed)): select --executor slurm, budget 2, then run again"
if [ -f plan3-rows.csv ]; then
  mkdir -p zoo4
  for id in tiny-a tiny-b tiny-c; do
    "$ms" --device cpu zoo add --zoo zoo4/zoo.csv --id "$id" --weights "$work/zoo/tinycnn_scripted.pt" --crop 32 \
      --resize 32 --arch cnn --pretrain random-init >/dev/null
  done
  python3 - h4.csv <<'EOF'
import csv, sys
with open(sys.argv[1], "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["dataset", "model", "arch_family", "accuracy"])
    # each backbone best on one dataset: the recommender cannot tell them apart, so one fine-tune settles nothing
    for d, accs in (("d1", (0.7, 0.6, 0.5)), ("d2", (0.5, 0.7, 0.6)), ("d3", (0.6, 0.5, 0.7))):
        for m, a in zip(("tiny-a", "tiny-b", "tiny-c"), accs):
            w.writerow([d, m, "cnn", a])
EOF
  sel=(--device cpu select --executor slurm --images data/pets --zoo zoo4/zoo.csv --history h4.csv --budget 2
       --recommender lr --features d,m --epochs 1 --lr 0.05 --batch-size 4 --threads 1 --poll 1 --out sel4
       "${slurm_opts[@]}")
  "$ms" "${sel[@]}" >sel4.out 2>sel4.err || { cat sel4.err; fail "select --executor slurm"; }
  cat sel4.out sel4.err
  check "select submitted one Slurm job per round (2)" test "$(grep -c '^submitted Slurm job' sel4.err)" -eq 2
  check "the history has the 2 fine-tunes of pets" test "$(grep -c '^pets,' h4.csv)" -eq 2
  check "select says why it stopped and which backbone is best" grep -q '^best backbone: tiny-' sel4.out
  "$ms" "${sel[@]}" >sel4b.out 2>sel4b.err
  check "run again: nothing submitted, nothing appended" test "$(grep -c '^submitted' sel4b.err)" -eq 0 -a "$(grep -c '^pets,' h4.csv)" -eq 2
else
  echo "SKIP: test 4: no fine-tuning plan ran (test 3)"
fi
