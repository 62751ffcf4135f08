#!/usr/bin/env bash
# Builds DJL's PyTorch JNI library (libdjl_torch.so) against the PyTorch a node already has (a conda env, a
# cluster module, a venv, Debian's python3-torch), so that modelscout runs on that libtorch instead of the
# PyTorch natives in its jars; then prints the environment that makes DJL use it, or runs modelscout with it.
#
#   src/gpu/build-jni.sh --djl DJL_SRC --python PY [--out DIR] [--app DIR] [--jobs N] [--cmake-prefix DIR]
#   src/gpu/build-jni.sh ... --run [MODELSCOUT ARGS...]     build (or reuse), then run modelscout on it
#   src/gpu/build-jni.sh --djl DJL_SRC --check-args          only validate the arguments (no build)
#
#   --djl DIR       a DJL source checkout of the DJL version modelscout uses (git clone -b v0.36.0
#                   https://github.com/deepjavalibrary/djl); only api/src/main/native and
#                   engines/pytorch/{pytorch-native,pytorch-engine} are read. A pre-generated JNI header in
#                   engines/pytorch/pytorch-native/build/include is used where no javac is found (node-check's bundle).
#   --python PY     the python whose `import torch` is the node's PyTorch (default: python3)
#   --out DIR       where the JNI goes: DIR is DJL's ENGINE_CACHE_DIR (default: build/gpu/djl-engine)
#   --app DIR       the modelscout installation (default: cli/target/modelscout); its lib/api-X.jar names the
#                   DJL version the JNI must match
#   --cmake-prefix  the folder holding Torch/TorchConfig.cmake, where torch.utils.cmake_prefix_path does not
#                   (Debian: /usr/lib/x86_64-linux-gnu/cmake)
#
# Needs cmake >= 3.18, a C++17 compiler, a JDK's javac (or the pre-generated header) and jni.h (JAVA_HOME), and for
# a CUDA build of torch the CUDA toolkit (nvcc) of torch's CUDA version on PATH, as libtorch's CMake config wants.
# How DJL finds it: PYTORCH_LIBRARY_PATH (torch's lib folder) makes DJL load that libtorch; the JNI is then looked
# up as ENGINE_CACHE_DIR/pytorch/<PYTORCH_VERSION>-<PYTORCH_FLAVOR>-linux-x86_64/<djl version>-libdjl_torch.so
# (ai.djl.pytorch.jni.LibUtils in DJL 0.36.0).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

die() { echo "build-jni: $*" >&2; exit 2; }
djl="" python="python3" out="$root/build/gpu/djl-engine" app="$root/cli/target/modelscout" jobs="$(nproc 2>/dev/null || echo 2)"
prefix="" run=0 check_only=0 run_args=()
while (($#)); do
  case "$1" in
    --djl) djl="${2:-}"; shift 2 ;;
    --python) python="${2:-}"; shift 2 ;;
    --out) out="${2:-}"; shift 2 ;;
    --app) app="${2:-}"; shift 2 ;;
    --jobs) jobs="${2:-}"; shift 2 ;;
    --cmake-prefix) prefix="${2:-}"; shift 2 ;;
    --check-args) check_only=1; shift ;;
    --run) run=1; shift; run_args=("$@"); break ;;
    -h|--help) sed -n '2,28p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument '$1' (see --help)" ;;
  esac
done
[ -n "$djl" ] || die "give --djl DJL_SRC, a DJL source checkout (see --help)"
native="$djl/engines/pytorch/pytorch-native"
[ -f "$native/CMakeLists.txt" ] && [ -d "$native/src/main/native" ] && [ -f "$djl/api/src/main/native/djl/utils.h" ] \
  || die "$djl is not a DJL source checkout (no engines/pytorch/pytorch-native/CMakeLists.txt or api/src/main/native)"
[[ "$jobs" =~ ^[1-9][0-9]*$ ]] || die "--jobs is an integer >= 1, not '$jobs'"

# The DJL version of the checkout against the one modelscout runs (the JNI's entry points follow DJL's Java side).
src_version="$(sed -n 's/^djl *= *"\(.*\)"/\1/p' "$djl/gradle/libs.versions.toml" 2>/dev/null | head -1)"
app_version=""
if [ -d "$app/lib" ]; then
  app_version="$(cd "$app/lib" && ls api-*.jar 2>/dev/null | sed -n 's/^api-\([0-9.]*\)\.jar$/\1/p' | head -1)"
fi
[ -n "$app_version" ] || app_version="$(sed -n 's:.*<djl.version>\(.*\)</djl.version>.*:\1:p' "$root/pom.xml" | head -1)"
[ -n "$src_version" ] || die "cannot read the DJL version of $djl (gradle/libs.versions.toml)"
[ "$src_version" = "$app_version" ] || die "$djl is DJL $src_version but modelscout runs DJL $app_version: check out v$app_version"
if ((check_only)); then
  echo "ok: $djl is DJL $src_version, as modelscout ($app_version)"
  exit 0
fi

# What the node's torch is: version, CUDA, C++ ABI, folders.
command -v "$python" >/dev/null 2>&1 || die "no python '$python'"
info="$("$python" - <<'PY'
import os, re, torch, torch.utils
v = re.match(r"\d+\.\d+\.\d+", torch.__version__).group(0)
cuda = torch.version.cuda or ""
print(v)
print("cu" + cuda.replace(".", "")[:3] if cuda else "cpu")
print(int(bool(getattr(torch._C, "_GLIBCXX_USE_CXX11_ABI", True))))
print(os.path.join(os.path.dirname(torch.__file__), "lib"))
print(torch.utils.cmake_prefix_path)
print(torch.__version__)
PY
)" || die "'$python' cannot import torch"
{ read -r tv; read -r tflavor; read -r cxx11; read -r tlib; read -r tprefix; read -r tfull; } <<<"$info"
[ "$cxx11" = 1 ] || tflavor="$tflavor-precxx11"
[ -f "$tlib/libtorch.so" ] || die "no libtorch.so in $tlib (torch $tfull of $python)"
if [ -z "$prefix" ]; then
  prefix="$tprefix"
  if [ ! -f "$prefix/Torch/TorchConfig.cmake" ]; then
    for alt in "$(dirname "$(readlink -f "$tlib/libtorch.so")")/cmake" /usr/lib/x86_64-linux-gnu/cmake; do
      [ -f "$alt/Torch/TorchConfig.cmake" ] && { prefix="$alt"; break; }
    done
  fi
fi
[ -f "$prefix/Torch/TorchConfig.cmake" ] || die "no Torch/TorchConfig.cmake under $prefix: give --cmake-prefix (Debian: install libtorch-dev)"
jni="$out/pytorch/$tv-$tflavor-linux-x86_64/$app_version-libdjl_torch.so"

env_lines() {
  printf 'export PYTORCH_LIBRARY_PATH=%q\n' "$tlib"
  printf 'export PYTORCH_VERSION=%q\n' "$tv"
  printf 'export PYTORCH_FLAVOR=%q\n' "$tflavor"
  printf 'export ENGINE_CACHE_DIR=%q\n' "$out"
}

if [ -f "$jni" ] && [ -z "${BUILD_JNI_FORCE:-}" ]; then
  echo "build-jni: reusing $jni (BUILD_JNI_FORCE=1 rebuilds)" >&2
else
  command -v cmake >/dev/null || die "cmake not found"
  if [ -z "${JAVA_HOME:-}" ]; then
    for tool in javac java; do
      if command -v "$tool" >/dev/null 2>&1; then
        JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$(command -v "$tool")")")")"
        break
      fi
    done
  fi
  [ -f "${JAVA_HOME:-}/include/jni.h" ] || die "no jni.h under JAVA_HOME=${JAVA_HOME:-unset}: point JAVA_HOME at a JDK"
  export JAVA_HOME
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  # a scratch copy of the three folders CMakeLists.txt reads, so the checkout stays untouched
  mkdir -p "$work/api/src/main" "$work/engines/pytorch/pytorch-native/build/include"
  cp -r "$djl/api/src/main/native" "$work/api/src/main/"
  cp -r "$native/CMakeLists.txt" "$native/src" "$work/engines/pytorch/pytorch-native/"
  header=ai_djl_pytorch_jni_PyTorchLibrary.h
  javac_cmd="${JAVA_HOME:+$JAVA_HOME/bin/}javac"
  if command -v "$javac_cmd" >/dev/null 2>&1 && [ -d "$djl/engines/pytorch/pytorch-engine/src/main/java" ]; then
    "$javac_cmd" -sourcepath "$djl/engines/pytorch/pytorch-engine/src/main/java" \
      "$djl/engines/pytorch/pytorch-engine/src/main/java/ai/djl/pytorch/jni/PyTorchLibrary.java" \
      -h "$work/engines/pytorch/pytorch-native/build/include" -d "$work/classes"
  elif [ -f "$native/build/include/$header" ]; then
    cp "$native/build/include/$header" "$work/engines/pytorch/pytorch-native/build/include/"
  else
    die "no javac (JAVA_HOME=${JAVA_HOME:-unset}) and no pre-generated $native/build/include/$header"
  fi
  pt_version=""
  [[ "$tv" =~ ^(1\.13|2\.0|2\.1)\. ]] && pt_version=V1_13_X   # as DJL's own build.sh
  use_cuda=""
  [[ "$tflavor" == cu* ]] && use_cuda=1
  echo "build-jni: DJL $src_version JNI for torch $tfull ($tflavor) from $tlib, $jobs job(s)" >&2
  cmake -S "$work/engines/pytorch/pytorch-native" -B "$work/b" -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_PREFIX_PATH="$prefix" -DPT_VERSION="$pt_version" -DUSE_CUDA="$use_cuda" >"$work/cmake.log" 2>&1 \
    || { tail -30 "$work/cmake.log" >&2; die "cmake could not configure against $prefix"; }
  cmake --build "$work/b" -j "$jobs" >"$work/build.log" 2>&1 || { tail -30 "$work/build.log" >&2; die "the JNI build failed"; }
  if [ -n "$use_cuda" ]; then
    # as DJL's build.sh: no hard link to the toolkit's cudart/nvrtc, so that torch's own are used at run time
    link="$work/b/CMakeFiles/djl_torch.dir/link.txt"
    sed -i -E 's#[^ ]*/lib(cudart|nvrtc)\.so##g' "$link"
    (cd "$work/b" && rm -f libdjl_torch.so && bash "$link")
  fi
  mkdir -p "$(dirname "$jni")"
  cp "$work/b/libdjl_torch.so" "$jni.tmp" && mv -f "$jni.tmp" "$jni"
  rm -rf "$work"
  trap - EXIT
  echo "build-jni: built $jni ($(du -k "$jni" | cut -f1) KiB)" >&2
fi

if ((run)); then
  [ -x "$app/bin/modelscout" ] || die "no modelscout at $app/bin/modelscout (build it, or give --app)"
  eval "$(env_lines)"
  exec "$app/bin/modelscout" "${run_args[@]}"
fi
echo "# modelscout on torch $tfull ($tflavor) of $python, DJL $app_version:"
env_lines
