#!/usr/bin/env bash
# Times `modelscout history append` of 10 new jobs to a synthetic history of ROWS rows (default 1,000,000) in the
# schema's columns, nine scores filled (about 190 bytes a row, as the histories of a large sweep), with the default
# heap and with MODELSCOUT_JAVA_OPTS=-Xmx256m (appending keeps O(new jobs) in memory beyond one streaming pass).
# Prints the file size, the wall time and the peak RSS of each run (GNU time). Rerun after
# `mvn -B -q -DskipTests package`; record in docs/benchmarks.md.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
ms="$root/cli/target/modelscout/bin/modelscout"
rows="${ROWS:-1000000}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 - "$work" "$rows" <<'PY'
import sys, random
work, rows = sys.argv[1], int(sys.argv[2])
random.seed(1)
scores = ["score_logme", "score_parc", "score_lfc", "score_leep", "score_nce", "score_hscore", "score_reg_hscore",
          "score_transrate", "score_gbc"]
header = ["dataset", "model", "arch_family", "pretrain_dataset", "params_m", "gmacs", "num_classes", "num_train",
          "accuracy", "source"] + scores
with open(f"{work}/history.csv", "w") as f:
    f.write(",".join(header) + "\n")
    for i in range(rows):
        d, m = i // 1000, i % 1000
        f.write(",".join([f"dataset-{d:05d}", f"model-{m:04d}", "resnet", "imagenet-1k", f"{11 + m % 90}.{m % 7}",
                          f"{1 + m % 20}.{m % 9}", str(10 + d % 90), str(1000 + d), f"{random.random():.6f}", "sweep"]
                         + [f"{random.gauss(0, 1):.10f}" for _ in scores]) + "\n")
with open(f"{work}/new.csv", "w") as f:
    f.write("dataset,model,accuracy\n")
    for i in range(10):
        f.write(f"new-dataset,model-{i:04d},0.{50 + i}\n")
PY
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(java -version 2>&1 | head -1)"
echo "history: $rows rows, $(du -m "$work/history.csv" | cut -f1) MB"
for opts in "" "-Xmx256m"; do
  cp "$work/history.csv" "$work/h.csv"
  MODELSCOUT_JAVA_OPTS="$opts" /usr/bin/time -f '%e s wall, %M KB peak RSS' -o "$work/time" \
    "$ms" history append --history "$work/h.csv" --jobs "$work/new.csv" > "$work/out"
  cmp <(head -c "$(stat -c %s "$work/history.csv")" "$work/h.csv") "$work/history.csv" && echo "existing bytes kept"
  echo "heap ${opts:-default (-Xmx8g)}: $(cat "$work/out") -- $(cat "$work/time")"
done
