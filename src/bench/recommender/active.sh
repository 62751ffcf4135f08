#!/usr/bin/env bash
# Replays the guided loop (`evaluate --protocol active`) on every shared history, the embedded world, and across
# histories (train on one history's datasets, test on another's, in one combined file); the numbers of
# docs/recommender.md "The guided loop" and, on the world's learning curves, "Learning-curve orders". Writes results to ${OUT:-build/active}/*.json and *.txt.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
cd "$root"
ms=${MS:-cli/target/modelscout/bin/modelscout}
h=../shared/data/histories
out="${OUT:-build/active}"
mkdir -p "$out"
run() { name="$1"; shift; "$ms" evaluate --protocol active --out "$out/$name.json" "$@" > "$out/$name.txt" 2>&1; echo "$name done"; }
# The world's learning curves (src/world/history-curves.csv, beside the history) are read on their own: the
# orders charged in backbone-epochs, one-epoch-then-top-k and successive halving, in world.txt / world.json
# (active.fidelity) and drawn in world.html.
run world --history src/world/history.csv --features d,m,s --report "$out/world.html"
run modelspider --history "$h/modelspider_single.csv" --features d,m,s
run transfergraph-fm --history "$h/transfergraph_image.csv" --recommender fm --features d,m,score_logme:zscore,score_reg_hscore:zscore
run transfergraph-auto --history "$h/transfergraph_image.csv" --features d,m,score_logme:zscore,score_reg_hscore:zscore --no-baseline
# Across histories: one file with both, Model Spider's datasets renamed ms_* (some share TransferGraph's names).
python3 - "$h/transfergraph_image.csv" "$h/modelspider_single.csv" "$out/tg+ms.csv" <<'PY'
import csv, sys
tg, msp, dst = sys.argv[1:]
rows_tg = list(csv.DictReader(open(tg)))
rows_ms = list(csv.DictReader(open(msp)))
header = list(rows_tg[0].keys())
with open(dst, "w", newline="") as f:
    w = csv.DictWriter(f, fieldnames=header, lineterminator="\n")
    w.writeheader()
    for r in rows_tg:
        w.writerow(r)
    for r in rows_ms:
        r = {k: r.get(k, "") for k in header}
        r["dataset"] = "ms_" + r["dataset"]
        w.writerow(r)
PY
tgsets=$(python3 -c "import csv,sys; print(','.join(sorted({r['dataset'] for r in csv.DictReader(open(sys.argv[1]))})))" "$h/transfergraph_image.csv")
mssets=$(python3 -c "import csv,sys; print(','.join(sorted({'ms_'+r['dataset'] for r in csv.DictReader(open(sys.argv[1]))})))" "$h/modelspider_single.csv")
run tg-to-ms --history "$out/tg+ms.csv" --recommender fm --features d,m,score_logme:zscore --train-datasets "$tgsets" --test-datasets "$mssets"
run ms-to-tg --history "$out/tg+ms.csv" --features d,m,score_logme:zscore --train-datasets "$mssets" --test-datasets "$tgsets"
