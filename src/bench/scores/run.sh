#!/usr/bin/env bash
# Whole-process timings of modelscout's scores against the authors' numpy algorithms on the same seeded
# inputs. Run from the repository root after `mvn -B -q -DskipTests package`:
#     src/bench/scores/run.sh [WORKDIR]        (default target/bench-scores)
# REPEAT=3 (default) runs each measurement that often and reports the
# fastest run (the machine may be shared); REPEAT_BIG=1 for the N=20000 PARC case (no reference there: the
# numpy code needs several 3.2 GB N x N matrices).
# Needs /usr/bin/time and python3 with numpy and scipy (skips the reference without them).
# Prints per case and score: the score's own seconds (after the inputs are loaded), the whole process's
# seconds (JVM or Python start, reading the .npy files, natives), its peak RSS, and the value.
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
ms="$root/cli/target/modelscout/bin/modelscout"
work="${1:-$root/target/bench-scores}"
py="${PYTHON:-python3}"
repeat="${REPEAT:-3}"
repeat_big="${REPEAT_BIG:-1}"
MODELSCOUT_JAVA_OPTS="-Xmx4g" "$ms" bench scores --write-inputs "$work" >/dev/null
have_py=0
"$py" -c 'import numpy, scipy' 2>/dev/null && have_py=1
printf '%-18s %-6s %-10s %9s %9s %8s  %s\n' case score impl score_s process_s peakMiB value
measure() { # case score impl runs cmd...   (best of runs)
  local c=$1 s=$2 impl=$3 runs=$4; shift 4
  local best_s="" best_p="" mem=0 val=""
  for ((r = 0; r < runs; r++)); do
    local out secs m line sc
    out=$( { /usr/bin/time -f 'TIME %e %M' "$@" 2>&1; } | tr '\n' ' ')
    secs=$(sed -E 's/.*TIME ([0-9.]+) ([0-9]+).*/\1/' <<<"$out")
    m=$(( $(sed -E 's/.*TIME ([0-9.]+) ([0-9]+).*/\2/' <<<"$out") / 1024 ))
    line=$(grep -oE "(^| )$s +[-0-9.eE]+ +[0-9.]+" <<<"$out" | head -1)
    sc=$(awk '{print $3}' <<<"$line")
    val=$(awk '{print $2}' <<<"$line")
    if [[ -z $sc ]]; then echo "$impl $s failed: $out" >&2; return; fi
    if [[ -z $best_s ]] || awk "BEGIN{exit !($sc < $best_s)}"; then best_s=$sc; fi
    if [[ -z $best_p ]] || awk "BEGIN{exit !($secs < $best_p)}"; then best_p=$secs; fi
    (( m > mem )) && mem=$m
  done
  printf '%-18s %-6s %-10s %9s %9s %8s  %s\n' "$c" "$s" "$impl" "$best_s" "$best_p" "$mem" "$val"
}
for spec in N5000_D1024_C100:logme N5000_D1024_C100:parc N5000_D1024_C100:lfc N10000_D2048_C100:logme N20000_D2048_C100:parc; do
  c=${spec%%:*}; s=${spec##*:}
  runs=$repeat; [[ $c == N20000* ]] && runs=$repeat_big
  MODELSCOUT_JAVA_OPTS="-Xmx4g" measure "$c" "$s" modelscout "$runs" "$ms" score --features "$work/$c/features.npy" \
    --labels "$work/$c/labels.npy" --scores "$s"
  if [[ $have_py == 1 && $c != N20000* ]]; then
    measure "$c" "$s" numpy-ref "$runs" "$py" "$root/src/bench/scores/reference.py" "$s" "$work/$c"
    if [[ $s == logme ]]; then
      measure "$c" logme_icml numpy-icml "$runs" "$py" "$root/src/bench/scores/reference.py" logme_icml "$work/$c"
    fi
  fi
done
