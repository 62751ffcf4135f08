#!/usr/bin/env bash
# Proves that the build enforces the layering rule (STYLE.md, docs/architecture.md): in a scratch copy of the
# project, add a dependency that crosses the arrows (core <- engines <- workflow <- cli; picocli only in cli) and
# check that Maven refuses it. Needs the dependencies already in
# the local Maven repository (run after one normal build); works offline.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

violate() { # module, groupId, artifactId, description
  local module=$1 group=$2 artifact=$3 what=$4
  rm -rf "$scratch/p" && mkdir -p "$scratch/p"
  (cd "$root" && tar --exclude='./*/target' --exclude=./.git -cf - .) | tar -xf - -C "$scratch/p"
  python3 - "$scratch/p/$module/pom.xml" "$group" "$artifact" <<'PY'
import sys
path, group, artifact = sys.argv[1:]
pom = open(path).read()
dep = f"""    <dependency>
      <groupId>{group}</groupId>
      <artifactId>{artifact}</artifactId>
      <version>${{project.version}}</version>
    </dependency>
  </dependencies>"""
versions = {"ai.djl": "${djl.version}", "org.nd4j": "${nd4j.version}", "info.picocli": "${picocli.version}",
            "me.tongfei": "${progressbar.version}"}
dep = dep.replace("${project.version}", versions.get(group, "${project.version}"))
pom = pom.replace("  </dependencies>", dep, 1)
open(path, "w").write(pom)
PY
  if out=$(cd "$scratch/p" && mvn -B -o -q -pl "$module" -am validate 2>&1); then
    echo "FAIL: the build accepted $what" >&2
    exit 1
  fi
  if ! grep -qE "layering rule violated|only cuda-profiles may choose a native flavour" <<<"$out"; then
    echo "FAIL: $what failed for another reason:" >&2
    echo "$out" | tail -20 >&2
    exit 1
  fi
  echo "ok: the build rejects $what"
}

violate scoring dev.modelscout modelscout-engine "scoring -> engine (middle modules must not import each other)"
violate recommender ai.djl api "recommender -> DJL (DJL types stay in engine)"
violate engine org.nd4j nd4j-api "engine -> ND4J (ND4J types stay in scoring)"
violate zoo dev.modelscout modelscout-recommender "zoo -> recommender (middle modules must not import each other)"
violate scoring org.nd4j nd4j-native "scoring -> nd4j-native at compile scope (only cuda-profiles picks natives)"
violate workflow info.picocli picocli "workflow -> picocli (workflows have no command line; only cli parses options)"
violate workflow me.tongfei progressbar "workflow -> the console progress bar (console output stays in cli)"
