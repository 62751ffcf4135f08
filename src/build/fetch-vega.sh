#!/usr/bin/env bash
# Re-fetches the Vega runtime that `--report FILE.html` inlines: the published, minified UMD bundles of vega,
# vega-lite and vega-embed, with each package's LICENSE, from the npm registry (`npm pack` checks every tarball
# against the registry's integrity hash). They are committed under report/src/main/resources/dev/modelscout/report/vega/
# so that the build needs no npm and works offline; run this only to upgrade (edit the pins below) or to check
# that the committed files are the published ones:
#   bash src/build/fetch-vega.sh           # fetch the pinned versions, replace the committed files, write VERSIONS
#   bash src/build/fetch-vega.sh --check   # fetch them and compare with the committed files; changes nothing
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
dest="$root/report/src/main/resources/dev/modelscout/report/vega"
work="$root/build/vega"
pins=(vega@6.4.0 vega-lite@6.5.0 vega-embed@7.3.0)
check=false
[ "${1:-}" = "--check" ] && check=true
command -v npm >/dev/null || { echo "fetch-vega: npm is required (Debian: apt-get install npm)" >&2; exit 1; }
rm -rf "$work" && mkdir -p "$work/out"
{
  echo "# The Vega runtime inlined into HTML reports: package version sha256-of-minified-file npm-tarball-integrity."
  echo "# Written by src/build/fetch-vega.sh; dev.modelscout.report.VegaRuntime checks the files against it."
} > "$work/out/VERSIONS"
for pin in "${pins[@]}"; do
  name="${pin%@*}"
  version="${pin#*@}"
  (cd "$work" && npm pack --silent --json "$pin" > "$name.json")
  tgz="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[0]["filename"])' "$work/$name.json")"
  integrity="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[0]["integrity"])' "$work/$name.json")"
  mkdir -p "$work/$name"
  tar -xzf "$work/$tgz" -C "$work/$name" "package/build/$name.min.js" package/LICENSE
  cp "$work/$name/package/build/$name.min.js" "$work/out/$name.min.js"
  cp "$work/$name/package/LICENSE" "$work/out/$name.LICENSE"
  sha="$(sha256sum "$work/out/$name.min.js" | cut -d' ' -f1)"
  echo "$name $version $sha $integrity" >> "$work/out/VERSIONS"
  echo "fetch-vega: $name $version ($(stat -c %s "$work/out/$name.min.js") bytes, sha256 $sha)"
done
if $check; then
  diff -r "$work/out" "$dest" && echo "fetch-vega: the committed files are the published ones"
else
  mkdir -p "$dest"
  cp "$work/out/"* "$dest/"
  echo "fetch-vega: wrote $dest"
fi
