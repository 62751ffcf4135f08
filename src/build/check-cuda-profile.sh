#!/usr/bin/env bash
# Keeps the CUDA profile correct without a GPU and without downloading the CUDA jars (0.6 to 2.5 GB):
#  1. every coordinate that `-Pcuda` selects exists on Maven Central (POMs only, into a scratch repository);
#  2. the modules that touch the native back ends compile against the CUDA profile's APIs (DJL 0.33.0).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

tree=$(mvn -B -Pcuda -pl cuda-profiles dependency:tree -Dmaven.repo.local="$scratch/m2" 2>&1) || {
  echo "$tree" | tail -30 >&2
  echo "FAIL: the cuda profile's dependencies do not resolve" >&2
  exit 1
}
for want in "ai.djl.pytorch:pytorch-native-cu124:jar:linux-x86_64:2.5.1" \
            "ai.djl.pytorch:pytorch-jni:jar:2.5.1-0.33.0" \
            "org.nd4j:nd4j-cuda-11.6:jar:linux-x86_64:1.0.0-M2.1" \
            "org.nd4j:nd4j-native:jar:linux-x86_64:1.0.0-M2.1" \
            "org.bytedeco:cuda:jar:linux-x86_64-redist:11.6-8.3-1.5.7"; do
  grep -q -- "$want" <<<"$tree" || { echo "FAIL: -Pcuda does not select $want" >&2; exit 1; }
done
if find "$scratch/m2" -name '*.jar' -size +20M | grep -q .; then
  echo "FAIL: the check downloaded a large jar" >&2
  exit 1
fi
echo "ok: -Pcuda selects pytorch-native-cu124 2.5.1, pytorch-jni 2.5.1-0.33.0, nd4j-cuda-11.6 beside nd4j-native (the" \
  "scores' CPU fallback) and the CUDA 11.6 redist"

# Compile engine and scoring against the CUDA profile's APIs (DJL 0.33.0), in a scratch copy so that the
# normal build's classes are untouched; small API jars only.
mkdir -p "$scratch/p"
tar --exclude='./*/target' --exclude=./.git -cf - . | tar -xf - -C "$scratch/p"
out=$(cd "$scratch/p" && mvn -B -q -Pcuda -pl engine,scoring -am -Dmaven.test.skip=true compile 2>&1) || {
  echo "$out" | tail -30 >&2
  echo "FAIL: engine/scoring do not compile against the CUDA profile (DJL 0.33.0)" >&2
  exit 1
}
echo "ok: engine and scoring compile against DJL 0.33.0 (the CUDA profile's API)"
