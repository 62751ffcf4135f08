#!/usr/bin/env bash
# Times `modelscout train --recommender auto` on the public TransferGraph history (2,254 jobs), features
# (d,m) and with the two score columns TransferGraph fills in the pool (4 feature sets instead of 1), each
# REPEAT times in a fresh JVM (so every time includes JIT warm-up). Prints the machine, its load, and the
# `training time` line of each run with the whole process's CPU time (user + sys: JVM start-up, reading, JIT and
# training), which a loaded machine does not inflate as much as the wall time. Rerun after `mvn -B -q -DskipTests package`; record in docs/benchmarks.md.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
cd "$root"
ms=cli/target/modelscout/bin/modelscout
history="${1:-../shared/data/histories/transfergraph_image.csv}"
repeat="${REPEAT:-3}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(java -version 2>&1 | head -1)"
for features in d,m d,m,score_logme,score_reg_hscore; do
  for i in $(seq "$repeat"); do
    load="$(cut -d' ' -f1 /proc/loadavg)"
    /usr/bin/time -f '%U %S' -o "$out/cpu" "$ms" train --history "$history" --recommender auto --features "$features" \
      --out "$out/m.json" 2>/dev/null > "$out/stdout"
    line="$(grep -E '^training time|^auto chose' "$out/stdout" | sed 's/ (inner.*//' | tr -s ' ' | tr '\n' ' ')"
    cpu="$(awk '{printf "%.1f", $1 + $2}' "$out/cpu")"
    echo "features $features  run $i  load $load  $line (process CPU ${cpu} s)"
  done
done
