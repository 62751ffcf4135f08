#!/usr/bin/env bash
# Stores, with the embedded zoo, the statistics of every pre-trained backbone's features on a sample of its own
# pre-training source (`modelscout zoo source`: <zoo folder>/<id>.source.npy, catalog field source_stats), from the
# sources src/world/build.sh makes under build/world/sources (seeded: the images the zoo was pre-trained on).
# Random-init backbones have no source and get none. Needs the packaged launcher (mvn -B -q -DskipTests package).
#   source-stats.sh [ZOO]   default: src/world/zoo/zoo.csv
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
ms="$root/cli/target/modelscout/bin/modelscout"
zoo="${1:-$root/src/world/zoo/zoo.csv}"
sources="${WORLD_SOURCES:-$root/build/world/sources}"
per_class="${WORLD_SOURCE_PER_CLASS:-50}"
[ -d "$sources" ] || { echo "source-stats: no $sources (run src/world/build.sh --skip-zoo first)" >&2; exit 1; }
# pretrain_dataset -> the backbones pre-trained on it, from the catalog
python3 - "$zoo" <<'PY' | while IFS=' ' read -r source models; do
import csv, sys
by = {}
for r in csv.DictReader(open(sys.argv[1])):
    if r["pretrain_dataset"] and r["pretrain_dataset"] != "random-init":
        by.setdefault(r["pretrain_dataset"], []).append(r["id"])
for s, ids in by.items():
    print(s, ",".join(ids))
PY
  [ -d "$sources/$source" ] || { echo "source-stats: no source folder $sources/$source" >&2; exit 1; }
  XDG_CACHE_HOME="$root/build/world/cache" "$ms" --device cpu zoo source --zoo "$zoo" --images "$sources/$source" \
    --models "$models" --per-class "$per_class" --threads 2
done
