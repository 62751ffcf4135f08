#!/usr/bin/env bash
# Fine-tunes the same TorchScript files on the same images with modelscout's FineTuner (DJL, PyTorch 2.7.1
# natives) and with PyTorch itself (Debian python3-torch), same protocol, data order, head initialisation,
# seeds and threads, and prints a table (docs/finetune.md). Rerunnable; everything goes under build/finetune-bench/.
#
#   bash src/bench/finetune/compare.sh
#
# Settings (environment):
#   MODELS="tinycnn:32:5:0.1 resnet18:64:2:0.01"   name:crop:epochs:lr[:resize], exported by src/models/export_scripted.py
#     (resize defaults to round(crop / 0.875); resize = crop = 28 feeds Fashion-MNIST's 28 x 28 images unresampled,
#     so both sides get the same pixels, the normalised floats at most a last bit apart; with resampling, PIL's
#     fixed-point resize and ImagePreprocessor differ by one 8-bit step on some pixels)
#   SEEDS="1 2"  THREADS=2  BATCH=16  PER_CLASS=30 (Fashion-MNIST images per class)  VAL_FRACTION=0.25
#   FREEZE=1 (train the heads only)  STEPS=1 (also compare the first steps' losses)  BUILD=1 (rebuild engine)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
out="$root/build/finetune-bench"
models="${MODELS:-tinycnn:32:5:0.1 resnet18:64:2:0.01}"
seeds="${SEEDS:-1 2}"
threads="${THREADS:-2}"
batch="${BATCH:-16}"
per_class="${PER_CLASS:-30}"
val_fraction="${VAL_FRACTION:-0.25}"
freeze=()
[ "${FREEZE:-0}" = 1 ] && freeze=(--freeze)
steps=()
[ "${STEPS:-0}" = 1 ] && steps=(--steps)
mkdir -p "$out/results"

# 1. The engine's classes and its test class path (the PyTorch CPU natives are test-scoped in engine).
if [ "${BUILD:-0}" = 1 ] || [ ! -f "$root/engine/target/classes/dev/modelscout/engine/FineTuneBenchmark.class" ]; then
  (cd "$root" && mvn -B -q -o -pl engine install -DskipTests)
fi
if [ "${BUILD:-0}" = 1 ] || [ ! -s "$out/classpath.txt" ]; then
  (cd "$root" && mvn -B -q -o -pl engine org.codehaus.mojo:exec-maven-plugin:3.5.0:exec -Dexec.executable=echo \
      -Dexec.args=%classpath -Dexec.classpathScope=test) | sed 's/\x1b\[[0-9;]*m//g' | grep -v '^$' | tail -1 \
      > "$out/classpath.txt"
fi
cp="$(cat "$out/classpath.txt")"

# 2. The images (Debian's dataset-fashion-mnist) and the scripted backbones, one export per input size.
if [ ! -d "$out/fashion-mnist-$per_class" ]; then
  python3 "$root/src/build/make-demo-images.py" "$out/fashion-mnist-$per_class.tmp" --per-class "$per_class" --seed 0
  mv "$out/fashion-mnist-$per_class.tmp" "$out/fashion-mnist-$per_class"
fi
images="$out/fashion-mnist-$per_class"
classes=$(find "$images" -mindepth 1 -maxdepth 1 -type d | wc -l)
for spec in $models; do
  IFS=: read -r name crop epochs lr _ <<< "$spec"
  if [ ! -f "$out/zoo-$crop/$name.pt" ]; then
    /usr/bin/python3 "$root/src/models/export_scripted.py" --out "$out/zoo-$crop" --models "$name" --size "$crop" \
        --catalog "zoo-$name.csv"
  fi
done

# 3. Both sides, alternating which goes first, on the same split (written by the Java side).
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
n=0
for spec in $models; do
  IFS=: read -r name crop epochs lr resize <<< "$spec"
  resize="${resize:-$(( (crop * 8 + 3) / 7 ))}"
  for seed in $seeds; do
    tag="$name-s$seed${FREEZE:+-f$FREEZE}"
    run_djl() {
      java -Xmx4g -cp "$cp" dev.modelscout.engine.FineTuneBenchmark --weights "$out/zoo-$crop/$name.pt" --id "$name" \
          --crop "$crop" --resize "$resize" --images "$images" --out "$out/split-$per_class" --val-fraction "$val_fraction" --split-seed 0 \
          --epochs "$epochs" --lr "$lr" --batch-size "$batch" --seed "$seed" --threads "$threads" "${freeze[@]}" \
          "${steps[@]}" 2> "$out/results/$tag-djl.err" | tee "$out/results/$tag-djl.log" | grep -v '^RESULT\|^step' \
          | sed "s/^/  djl     $tag: /"
    }
    run_torch() {
      /usr/bin/python3 "$root/src/bench/finetune/torch_finetune.py" --model "$out/zoo-$crop/$name.pt" --crop "$crop" --resize "$resize" \
          --train "$out/split-$per_class/train.csv" --val "$out/split-$per_class/val.csv" --classes "$classes" --epochs "$epochs" --lr "$lr" \
          --batch-size "$batch" --seed "$seed" --threads "$threads" "${freeze[@]}" "${steps[@]}" \
          2> "$out/results/$tag-torch.err" | tee "$out/results/$tag-torch.log" | grep -v '^RESULT\|^step' \
          | sed "s/^/  pytorch $tag: /"
    }
    if [ ! -f "$out/split-$per_class/train.csv" ]; then  # the split must exist before PyTorch runs first
      run_djl
      run_torch
    elif [ $((n % 2)) = 0 ]; then
      run_djl
      run_torch
    else
      run_torch
      run_djl
    fi
    n=$((n + 1))
  done
done

# 4. The table.
/usr/bin/python3 - "$out/results" "$models" "$seeds" "${FREEZE:-}" <<'EOF'
import json, statistics, sys
res, models, seeds, freeze = sys.argv[1], sys.argv[2].split(), sys.argv[3].split(), sys.argv[4]

def load(tag, side):
    steps, result = [], None
    for line in open(f"{res}/{tag}-{side}.log"):
        if line.startswith("RESULT "):
            result = json.loads(line[7:])
        elif line.startswith("step "):
            steps.append(float(line.split()[-1]))
    return result, steps

def steady(r, key="seconds"):  # mean of the epochs after the first (the first includes TorchScript's warm-up)
    s = [e[key] for e in r["history"]]
    return statistics.mean(s[1:]) if len(s) > 1 else s[0]

def per_step(r):  # after the first 3 steps (TorchScript's profiling runs)
    s = r["step_seconds"][3:] or r["step_seconds"]
    return f"{min(s):.3f} / {statistics.median(s):.3f}"

def times(r):
    return (f"{r['history'][0]['seconds']:.2f} / {steady(r):.2f} "
            f"({r['history'][0]['cpu_seconds']:.2f} / {steady(r, 'cpu_seconds'):.2f})")

print()
print("| model | crop | epochs | lr | seed | val acc DJL | val acc PyTorch | last train loss DJL | PyTorch "
      "| s/epoch DJL: 1st / rest (CPU s) | s/epoch PyTorch: 1st / rest (CPU s) "
      "| s/step DJL: min / median | s/step PyTorch: min / median | step-1 loss DJL / PyTorch |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for spec in models:
    name, crop, epochs, lr = spec.split(":")[:4]
    for seed in seeds:
        tag = f"{name}-s{seed}" + (f"-f{freeze}" if freeze else "")
        d, ds = load(tag, "djl")
        t, ts = load(tag, "torch")
        if d is None or t is None:
            print(f"| {name} | {crop} | {epochs} | {lr} | {seed} | failed: see {res}/{tag}-*.err |")
            continue
        first = f"{ds[0]:.7f} / {ts[0]:.7f}" if ds and ts else "-"
        print(f"| {name} | {crop} | {epochs} | {lr} | {seed} | {d['val_accuracy']:.4f} | {t['val_accuracy']:.4f} "
              f"| {d['history'][-1]['train_loss']:.4f} | {t['history'][-1]['train_loss']:.4f} "
              f"| {times(d)} | {times(t)} | {per_step(d)} | {per_step(t)} "
              f"| {first} |")
d0 = json.loads(open(f"{res}/{tag}-djl.log").read().split("RESULT ", 1)[1].splitlines()[0])
print(f"\ntrain/val images: {d0['train_size']}/{d0['val_size']}; DJL: {d0['engine']}; PyTorch: {t['engine']}; "
      f"threads {d0['threads']} / {t['threads']}; train mode effective: {d0['train_mode']} / {t['train_mode']}")
EOF
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
