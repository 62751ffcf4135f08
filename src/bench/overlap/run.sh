#!/usr/bin/env bash
# Scoring overlapping extraction (issue 13): the embedded world's default `recommend` and `score --images` of its
# sample target (the same 7 scores), side by side in three modes, every run with a fresh feature cache:
#   sequential  the overlap off (-Dmodelscout.overlap=false): features, then scores, backbone by backbone, each side
#               with its default threads (every core);
#   halves      the overlap off, each side with half the cores (OMP_NUM_THREADS=nproc/2): the threads each side has
#               in the overlapped mode, so this against `overlapped` is the overlap alone;
#   overlapped  the default: backbone k scored while backbone k+1's features are extracted, the cores split.
# Run from the repository root after `mvn -B -q -DskipTests package`:
#     src/bench/overlap/run.sh [WORKDIR]          (default target/bench-overlap)
# REPEAT=3 rounds (default); each round runs every command of COMMANDS (default "recommend score") in every mode of
# MODES (default all three), the mode order rotating per round (the machine may be shared). SCORE_IMAGES and SCORE_ZOO
# point `score` at another dataset and zoo (e.g. build/demo/fashion-mnist and build/demo/zoo/zoo.csv, made by
# src/build/demo.sh: torchvision backbones at 224 x 224). EXTRA="--threads 1" passes options to both commands;
# JAVA_OPTS (default -Xmx8g) goes to the JVM. On the CPU the program's own default is `sequential`.
# Needs python3 (standard library) for the summary.
# Prints per run the process's seconds and the run's own timing line (features, scores, wall, waiting), then the
# medians per command and mode, and the median features and scores seconds per backbone in each mode.
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
ms="$root/cli/target/modelscout/bin/modelscout"
work="${1:-$root/target/bench-overlap}"
repeat="${REPEAT:-3}"
extra=(${EXTRA:-})
java_opts="${JAVA_OPTS:--Xmx8g}"
sample="$root/cli/target/modelscout/world/sample/opencv-digits"
scores=lfc,parc,logme,hscore,reg_hscore,gbc,transrate   # what the embedded recommender reads
[[ -x $ms ]] || { echo "no $ms: run mvn -B -q -DskipTests package first" >&2; exit 1; }
rm -rf "$work" && mkdir -p "$work"
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
half=$(( $(nproc) / 2 > 0 ? $(nproc) / 2 : 1 ))
run() { # command mode round
  local cmd=$1 mode=$2 r=$3 cache="$work/cache" flag=true t0 t1 envs=(MODELSCOUT_BENCH_MODE="$2")
  [[ $mode != overlapped ]] && flag=false
  [[ $mode == halves ]] && envs+=(OMP_NUM_THREADS="$half")
  rm -rf "$cache"
  local args=(-v recommend)
  [[ $cmd == score ]] && args=(-v score --images "${SCORE_IMAGES:-$sample}" --scores "$scores" --cache "$cache/features")
  [[ $cmd == score && -n ${SCORE_ZOO:-} ]] && args+=(--zoo "$SCORE_ZOO")
  t0=$(date +%s.%N)
  env "${envs[@]}" XDG_CACHE_HOME="$cache" MODELSCOUT_JAVA_OPTS="$java_opts -Dmodelscout.overlap=$flag" \
    "$ms" "${args[@]}" ${extra[@]+"${extra[@]}"} >"$work/$cmd-$mode-$r.out" 2>"$work/$cmd-$mode-$r.err"
  t1=$(date +%s.%N)
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f\n", b - a }' >"$work/$cmd-$mode-$r.seconds"
  printf '%-9s %-10s round %d: process %6.2f s; %s\n' "$cmd" "$mode" "$r" "$(cat "$work/$cmd-$mode-$r.seconds")" \
    "$(grep -E '^timing: [0-9]+ backbones' "$work/$cmd-$mode-$r.err" | sed 's/^timing: //')"
}
read -r -a modes <<<"${MODES:-sequential halves overlapped}"
for ((r = 1; r <= repeat; r++)); do
  k=$(( (r - 1) % ${#modes[@]} ))
  order=("${modes[@]:k}" "${modes[@]:0:k}")
  for cmd in ${COMMANDS:-recommend score}; do
    for mode in "${order[@]}"; do run "$cmd" "$mode" "$r"; done
  done
done
rm -rf "$work/cache"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$work" <<'PY'
import glob, os, re, statistics, sys
work = sys.argv[1]
total = re.compile(r"^timing: (\d+) backbones?: features ([\d.]+) s, scores ([\d.]+) s; ([\d.]+) s in all(?:.*; ([\d.]+) s waiting)?")
per = re.compile(r"^timing: (\S+): features ([\d.]+) s, scores ([\d.]+) s, waited ([\d.]+) s")
runs, backbones, order = {}, {}, []
for err in sorted(glob.glob(os.path.join(work, "*.err"))):
    cmd, mode, _ = os.path.basename(err)[:-4].split("-")
    with open(err[:-4] + ".seconds") as f:
        process = float(f.read())
    for line in open(err):
        if m := total.match(line):
            runs.setdefault((cmd, mode), []).append((process, float(m[4]), float(m[2]), float(m[3]), float(m[5] or 0)))
        elif m := per.match(line):
            if m[1] not in order:
                order.append(m[1])
            backbones.setdefault((cmd, mode, m[1]), []).append((float(m[2]), float(m[3])))
med = statistics.median
print("\nmedians over rounds (seconds)")
print(f"{'command':<10}{'mode':<12}{'runs':>5}{'process':>9}{'pipeline':>10}{'features':>10}{'scores':>8}{'waiting':>9}"
      f"{'range of pipeline':>19}")
modes = ["sequential", "halves", "overlapped"]
for (cmd, mode), rs in sorted(runs.items(), key=lambda kv: (kv[0][0], modes.index(kv[0][1]))):
    cols = [med(x[i] for x in rs) for i in range(5)]
    span = f"{min(x[1] for x in rs):.2f}-{max(x[1] for x in rs):.2f}"
    print(f"{cmd:<10}{mode:<12}{len(rs):>5}" + "".join(f"{v:>{w}.2f}" for v, w in zip(cols, (9, 10, 10, 8, 9)))
          + f"{span:>19}")
for cmd in ("recommend", "score"):
    if not any(k[0] == cmd for k in backbones):
        continue
    print(f"\n{cmd}: median seconds per backbone (features = cache look-up, load, extract, store; scores = the 7 scores)")
    print(f"{'backbone':<20}" + "".join(f"{m[:4] + ' ' + part:>15}" for m in modes for part in ("features", "scores")))
    for b in order:
        cell = lambda xs, i: f"{med(x[i] for x in xs):.3f}" if xs else "-"
        print(f"{b:<20}" + "".join(f"{cell(backbones.get((cmd, m, b), []), i):>15}" for m in modes for i in (0, 1)))
PY
