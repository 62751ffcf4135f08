#!/usr/bin/env bash
# Regenerates the embedded default recommender that `modelscout recommend` uses when given neither --model nor
# --history: a factorization machine (documented defaults) trained on the public TransferGraph image history of
# ../shared, with dataset and model fields plus LogME and regularised H-score normalised within each dataset
# (the encoding that helped most in docs/recommender.md). Its provenance (history SHA-256, rows, settings) is
# inside the JSON.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
history="${1:-$root/../shared/data/histories/transfergraph_image.csv}"
cd "$root"
cli/target/modelscout/bin/modelscout train --history "$(realpath --relative-to="$root" "$history")" \
  --recommender fm --features d,m,score_logme:zscore,score_reg_hscore:zscore \
  --out workflow/src/main/resources/dev/modelscout/workflow/recommend/default-recommender.json
