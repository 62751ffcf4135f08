#!/usr/bin/env bash
# A GPU check anyone can run on a node, in two phases (docs/gpu.md):
#
#   node-check.sh bundle OUT --djl DJL_SRC [--app DIR] [--models a,b]
#       on a machine with a JDK (and Maven, unless --app names a built modelscout): a slim Java runtime (jlink),
#       modelscout's and DJL's jars without any native jar (no PyTorch, no ND4J, no CUDA jars), the DJL JNI
#       sources with their generated header, a few of the embedded world's backbones and its sample images, and
#       these scripts, into OUT; at most 60 MiB (checked). Copy OUT to the node.
#   OUT/node-check.sh run [--python PY] [--device cuda|cuda:N|cpu] [--batch-size B] [--work DIR] [--jobs N]
#       on the node (no JVM or Maven needed; cmake and a C++ compiler for the JNI, and the CUDA toolkit if torch
#       is a CUDA build): builds DJL's JNI against the node's torch (build-jni.sh), then runs
#         modelscout --device DEV doctor;
#         modelscout bench extract on DEV beside PyTorch's own throughput on the same TorchScript file, batch and
#           precision (float32), src/bench/torch_throughput.py;
#         modelscout extract of the sample images on DEV and on the CPU: max abs difference against a tolerance;
#       and prints one summary block. `--device cpu` is a dry run that exercises everything but CUDA.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
die() { echo "node-check: $*" >&2; exit 2; }
limit_mib=60

bundle() {
  local out="" djl="" app="" models="resnet-m-fashion,mobilenet-m-mnist,vit-m-mnist"
  out="${1:-}"; [ -n "$out" ] && [[ "$out" != -* ]] || die "usage: node-check.sh bundle OUT --djl DJL_SRC [--app DIR] [--models a,b]"
  shift
  while (($#)); do
    case "$1" in
      --djl) djl="${2:-}"; shift 2 ;;
      --app) app="${2:-}"; shift 2 ;;
      --models) models="${2:-}"; shift 2 ;;
      *) die "unknown bundle argument '$1'" ;;
    esac
  done
  local root; root="$(cd "$here/../.." && pwd)"
  [ -f "$root/pom.xml" ] && [ -d "$root/src/world" ] || die "bundle runs from a modelscout source checkout (src/gpu/node-check.sh)"
  [ -n "$djl" ] || die "give --djl DJL_SRC, a DJL source checkout of modelscout's DJL version (see src/gpu/build-jni.sh)"
  command -v jlink >/dev/null || die "no jlink: the bundle phase needs a JDK 17+ (JAVA_HOME/bin on PATH)"
  command -v javac >/dev/null || die "no javac: the bundle phase needs a JDK 17+"
  if [ -z "$app" ]; then
    app="$root/cli/target/modelscout"
    if [ ! -x "$app/bin/modelscout" ]; then
      echo "node-check: building modelscout (mvn -DskipTests package)" >&2
      (cd "$root" && mvn -B -q -DskipTests package -pl cli -am)
    fi
  fi
  [ -x "$app/bin/modelscout" ] && [ -d "$app/lib" ] || die "no modelscout installation at $app"
  bash "$here/build-jni.sh" --djl "$djl" --app "$app" --check-args >/dev/null
  [ -e "$out" ] && { [ -d "$out" ] && [ -z "$(ls -A "$out")" ] || die "$out exists and is not an empty folder"; }
  mkdir -p "$out"

  # 1. the Java runtime: the JDK modules modelscout's classes use (jdeps of its jars and DJL's), headers kept for
  # the JNI build (jni.h), native symbols stripped; without X11, sound and splash-screen libraries (a headless
  # run never loads them)
  jlink --add-modules java.base,java.desktop,java.logging,java.management,java.sql,java.xml,jdk.management,jdk.unsupported,jdk.zipfs \
    --strip-debug --no-man-pages --compress=2 --exclude-files='**libawt_xawt.so,**libjsound.so,**libsplashscreen.so' \
    --output "$out/runtime"
  if command -v strip >/dev/null; then
    find "$out/runtime/lib" -name '*.so' -exec strip --strip-unneeded {} \;
  fi
  # 2. modelscout: its launcher and jars, without the natives and without ND4J and what only ND4J needs
  # (`mvn dependency:tree -pl scoring`): the node's scores are not this check's business, and its torch is the
  # node's own
  mkdir -p "$out/modelscout/bin" "$out/modelscout/lib"
  cp "$app/bin/modelscout" "$out/modelscout/bin/"
  local skip='^(pytorch-native-|pytorch-jni-|nd4j-|openblas-|javacpp-|cuda-|byteunits-|commons-math3-|commons-collections4-|flatbuffers-java-|oshi-core-|jna-platform-|threetenbp-|commons-net-|neoitertools-)|-1\.0\.0-M2\.1(-.*)?\.jar$'
  local j
  for j in "$app/lib/"*.jar; do
    grep -qE "$skip" <<<"$(basename "$j")" || cp "$j" "$out/modelscout/lib/"
  done
  # 3. the DJL JNI sources (what CMakeLists.txt reads) with the JNI header generated here, where javac is
  mkdir -p "$out/djl/api/src/main" "$out/djl/engines/pytorch/pytorch-native/build/include" "$out/djl/gradle"
  cp -r "$djl/api/src/main/native" "$out/djl/api/src/main/"
  cp -r "$djl/engines/pytorch/pytorch-native/CMakeLists.txt" "$djl/engines/pytorch/pytorch-native/src" \
    "$out/djl/engines/pytorch/pytorch-native/"
  cp "$djl/gradle/libs.versions.toml" "$out/djl/gradle/"
  local tmp; tmp="$(mktemp -d)"
  javac -sourcepath "$djl/engines/pytorch/pytorch-engine/src/main/java" \
    "$djl/engines/pytorch/pytorch-engine/src/main/java/ai/djl/pytorch/jni/PyTorchLibrary.java" \
    -h "$out/djl/engines/pytorch/pytorch-native/build/include" -d "$tmp"
  rm -rf "$tmp"
  # 4. data: a few backbones of the embedded world and its sample target's images
  mkdir -p "$out/data/zoo" "$out/data/images"
  head -1 "$root/src/world/zoo/zoo.csv" >"$out/data/zoo/zoo.csv"
  local m
  for m in ${models//,/ }; do
    grep -q "^$m," "$root/src/world/zoo/zoo.csv" || die "no backbone '$m' in src/world/zoo/zoo.csv"
    grep "^$m," "$root/src/world/zoo/zoo.csv" >>"$out/data/zoo/zoo.csv"
    cp "$root/src/world/zoo/$m.pt" "$out/data/zoo/"
  done
  cp -r "$root/src/world/sample/opencv-digits/." "$out/data/images/"
  # 5. the scripts
  cp "$here/node-check.sh" "$here/build-jni.sh" "$root/src/bench/torch_throughput.py" \
    "$root/src/models/export_torchvision.py" "$out/"
  {
    echo "built=$(date -u +%Y-%m-%dT%H:%M:%SZ) on $(hostname)"
    echo "commit=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
    echo "java=$("$out/runtime/bin/java" -version 2>&1 | head -2 | tail -1)"
    echo "djl=$(sed -n 's/^djl *= *"\(.*\)"/\1/p' "$djl/gradle/libs.versions.toml" | head -1)"
    echo "models=$models"
  } >"$out/bundle.txt"

  JAVA_HOME="$out/runtime" "$out/modelscout/bin/modelscout" --version >/dev/null \
    || die "the bundle's modelscout does not start on its own runtime"
  local bytes mib glibc needs
  bytes=$(du -sb "$out" | cut -f1)
  mib=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1048576 }')
  glibc=$(objdump -T "$out/runtime/lib/server/libjvm.so" 2>/dev/null | grep -oE 'GLIBC_[0-9.]+' | sort -u -V | tail -1)
  needs=$(find "$out/runtime/lib" -name '*.so' -exec readelf -d {} \; 2>/dev/null | sed -n 's/.*Shared library: \[\(.*\)\]/\1/p' \
    | grep -vE '^(lib(c|m|dl|pthread|rt|gcc_s|stdc\+\+|z)\.so|ld-linux|libjava|libjvm|libawt|libnet|libnio|libjli|libverify|libjimage|libzip|libmanagement)' \
    | sort -u | tr '\n' ' ')
  echo "bundle: $out"
  echo "  size: $mib MiB ($bytes bytes; limit $limit_mib MiB): runtime $(du -sm "$out/runtime" | cut -f1) MiB, jars $(du -sm "$out/modelscout" | cut -f1) MiB, data $(du -sm "$out/data" | cut -f1) MiB, DJL JNI sources $(du -sm "$out/djl" | cut -f1) MiB"
  echo "  java: $(sed -n 's/^java=//p' "$out/bundle.txt"); libjvm needs ${glibc:-?} from the node; other system libraries:"
  echo "        ${needs:-none} (only the image/colour ones load in a headless run; a Temurin JDK bundles them)"
  echo "  next: copy $out to the node, then: $out/node-check.sh run --python PYTHON_WITH_TORCH"
  awk -v b="$bytes" -v l="$limit_mib" 'BEGIN { exit !(b <= l * 1048576) }' || { echo "node-check: the bundle is over $limit_mib MiB" >&2; exit 1; }
}

run() {
  local bundle="$here" python="python3" device="cuda" batch=64 work="${TMPDIR:-/tmp}/modelscout-node-check" jobs
  jobs="$(nproc 2>/dev/null || echo 2)"
  while (($#)); do
    case "$1" in
      --python) python="${2:-}"; shift 2 ;;
      --device) device="${2:-}"; shift 2 ;;
      --batch-size) batch="${2:-}"; shift 2 ;;
      --work) work="${2:-}"; shift 2 ;;
      --jobs) jobs="${2:-}"; shift 2 ;;
      --bundle) bundle="${2:-}"; shift 2 ;;
      *) die "unknown run argument '$1'" ;;
    esac
  done
  [[ "$device" =~ ^(cpu|cuda|cuda:[0-9]+)$ ]] || die "--device is cuda, cuda:N or cpu, not '$device'"
  [[ "$batch" =~ ^[1-9][0-9]*$ ]] || die "--batch-size is an integer >= 1, not '$batch'"
  [ -x "$bundle/runtime/bin/java" ] && [ -x "$bundle/modelscout/bin/modelscout" ] || die "$bundle is not a bundle (node-check.sh bundle OUT)"
  "$bundle/runtime/bin/java" -version >/dev/null 2>&1 || die "the bundle's Java runtime does not start here ($(uname -m), $(ldd --version 2>&1 | head -1))"
  mkdir -p "$work"
  local log="$work/log" t0 t1
  : >"$log"
  export JAVA_HOME="$bundle/runtime"
  local ms="$bundle/modelscout/bin/modelscout"
  local torch
  torch="$("$python" -c 'import torch; print(torch.__version__, torch.version.cuda or "cpu", torch.cuda.is_available())' 2>>"$log")" \
    || die "'$python' cannot import torch"

  # 1. the JNI for this torch, then modelscout's environment
  t0=$(date +%s)
  bash "$bundle/build-jni.sh" --djl "$bundle/djl" --python "$python" --app "$bundle/modelscout" --out "$work/djl-engine" \
    --jobs "$jobs" >"$work/env.sh" 2>>"$log" || { tail -20 "$log" >&2; die "the JNI build failed (log: $log)"; }
  t1=$(date +%s)
  # shellcheck disable=SC1091
  . "$work/env.sh"

  # 2. doctor
  local doctor="$work/doctor.txt"
  "$ms" --device "$device" doctor >"$doctor" 2>>"$log" || true
  # 3. throughput: modelscout against PyTorch on the same file, batch and precision
  local zoo="$bundle/data/zoo/zoo.csv" ids id crop threads bench=()
  threads="$(nproc 2>/dev/null || echo 1)"
  ids=$(tail -n +2 "$zoo" | cut -d, -f1)
  if "$python" -c 'import torchvision' 2>/dev/null; then
    # a representative ImageNet-sized backbone (seeded random weights; nothing is downloaded)
    if [ ! -f "$work/zoo224/zoo.csv" ]; then
      "$python" "$bundle/export_torchvision.py" --out "$work/zoo224" --models resnet18 --seed 0 >>"$log" 2>&1 || true
    fi
  fi
  local zoos=("$zoo")
  [ -f "$work/zoo224/zoo.csv" ] && zoos+=("$work/zoo224/zoo.csv")
  local z f ours theirs
  for z in "${zoos[@]}"; do
    for id in $(tail -n +2 "$z" | cut -d, -f1); do
      crop=$(awk -F, -v id="$id" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "crop") c = i } $1 == id { print $c }' "$z")
      f="$(dirname "$z")/$(awk -F, -v id="$id" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "weights") c = i } $1 == id { print $c }' "$z")"
      ours=$("$ms" --device "$device" bench extract --zoo "$z" --model "$id" --batch-size "$batch" --threads "$threads" 2>>"$log" \
        | awk '$1 == "forward" { print $NF }')
      theirs=$("$python" "$bundle/torch_throughput.py" --model "$f" --size "$crop" --batch-size "$batch" --device "$device" \
        --threads "$threads" 2>>"$log" | sed -n 's/.* = \([0-9.]*\) images\/s$/\1/p')
      bench+=("$(printf '%-18s %4spx batch %-4s float32: modelscout %s images/s, PyTorch %s images/s, ratio %s' "$id" "$crop" "$batch" \
        "${ours:-FAILED}" "${theirs:-FAILED}" "$(awk -v a="${ours:-0}" -v b="${theirs:-0}" 'BEGIN { if (a > 0 && b > 0) printf "%.2f", a / b; else print "-" }')")")
    done
  done
  # 4. features of the sample images on the device and on the CPU
  rm -rf "$work/features-$device" "$work/features-cpu-reference"
  "$ms" --device "$device" extract --zoo "$zoo" --images "$bundle/data/images" --out "$work/features-$device" >>"$log" 2>&1 || true
  "$ms" --device cpu extract --zoo "$zoo" --images "$bundle/data/images" --out "$work/features-cpu-reference" >>"$log" 2>&1 || true
  local compare
  compare="$("$python" - "$work/features-$device" "$work/features-cpu-reference" $ids <<'PY'
import ast, struct, sys
from array import array

def load(path):
    """A float32, C-order .npy (what modelscout writes), without numpy."""
    with open(path, "rb") as f:
        assert f.read(6) == b"\x93NUMPY", path
        major = f.read(2)[0]
        n = struct.unpack("<H" if major == 1 else "<I", f.read(2 if major == 1 else 4))[0]
        h = ast.literal_eval(f.read(n).decode("latin-1"))
        assert h["descr"] == "<f4" and not h["fortran_order"], h
        a = array("f")
        a.frombytes(f.read())
        return h["shape"], a

dev, cpu = sys.argv[1], sys.argv[2]
for m in sys.argv[3:]:
    try:
        s1, a = load(f"{dev}/{m}/features.npy")
        s2, b = load(f"{cpu}/{m}/features.npy")
    except (OSError, AssertionError) as e:
        print(f"{m:<18} FAILED: {e}")
        continue
    if s1 != s2:
        print(f"{m:<18} FAILED: shapes {s1} and {s2}")
        continue
    diff = max((abs(x - y) for x, y in zip(a, b)), default=0.0)
    scale = max(1.0, max((abs(y) for y in b), default=0.0))
    tol = 1e-3 * scale
    verdict = "PASS" if diff <= tol else "FAIL"
    print(f"{m:<18} {s1[0]} images x {s1[1]}: max abs diff {diff:.3g} (tolerance {tol:.3g} = 1e-3 x max(1, max |cpu|)): {verdict}")
PY
)" || compare="FAILED: $python could not compare the features"

  # 5. the summary
  local fails=0 line
  grep -q 'forward pass on .* ok (' "$doctor" || fails=$((fails + 1))
  for line in "${bench[@]}"; do [[ "$line" == *FAILED* ]] && fails=$((fails + 1)); done
  fails=$((fails + $(grep -cE 'FAIL' <<<"$compare" || true)))
  echo
  echo "== modelscout node check ($(sed -n 's/^commit=//p' "$bundle/bundle.txt") bundle, $(date -u +%Y-%m-%dT%H:%MZ)) =="
  echo "node:     $(hostname), $(nproc) cores, device $device$([ "$device" = cpu ] && echo ' (dry run: CUDA not exercised)')"
  echo "torch:    ${torch% *} (cuda available: ${torch##* }) of $python; JNI ready in $((t1 - t0)) s ($(sed -n 's/^export PYTORCH_FLAVOR=//p' "$work/env.sh"))"
  grep -E '^(GPUs|DJL / PyTorch +(engine|--device|forward pass)|scoring +scores run on|ND4J +backend)' "$doctor" \
    | sed -E 's/  +/  /g; s/^/doctor:   /' || echo "doctor:   FAILED (log: $log)"
  for line in "${bench[@]}"; do echo "bench:    $line"; done
  while IFS= read -r line; do echo "extract:  $line ($device vs cpu)"; done <<<"$compare"
  echo "result:   $([ "$fails" -eq 0 ] && echo PASS || echo "FAIL ($fails)"); details in $work (log, doctor.txt, env.sh)"
  [ "$fails" -eq 0 ]
}

case "${1:-}" in
  bundle) shift; bundle "$@" ;;
  run) shift; run "$@" ;;
  -h|--help) sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//' ;;
  *) die "usage: node-check.sh bundle OUT --djl DJL_SRC [...] | node-check.sh run [--python PY] [--device cuda|cpu] [...]" ;;
esac
