#!/usr/bin/env bash
# Makes the report screenshots of the README and docs/report.md, docs/report-recommend.png and
# docs/report-evaluate.png, with the commands docs/report.md shows: the README's main job with --report (the
# embedded world's sample target, whose true accuracies come with it, so the page has its truth section), and
# evaluate with --report on the embedded world's history (auto against popularity, leave-one-dataset-out); then
# headless Chromium (Debian's chromium, installed by setup.sh --all) opens each page from the file and takes the
# screenshot, which is cropped below the footer and reduced to a 256-colour palette (Debian's python3-pil) to keep
# the repository small. Needs a built launcher (mvn -B -q -DskipTests package). Chromium's own background requests
# go to a closed loopback port.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
ms=cli/target/modelscout/bin/modelscout
command -v chromium >/dev/null || { echo "report-screenshots: chromium is required (src/build/setup.sh --all)" >&2; exit 1; }
mkdir -p build
$ms recommend --report build/r.html >build/r.out 2>build/r.log || { cat build/r.log >&2; exit 1; }
$ms evaluate --report build/e.html >build/e.out 2>build/e.log || { cat build/e.log >&2; exit 1; }

shot() { # page.html out.png height
  local profile
  profile="$(mktemp -d)"
  chromium --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --hide-scrollbars --no-first-run --no-default-browser-check \
    --disable-extensions --disable-sync --disable-background-networking --disable-component-update \
    --disable-default-apps --metrics-recording-only --no-pings \
    --proxy-server=socks5://127.0.0.1:9 "--proxy-bypass-list=<-loopback>" "--host-resolver-rules=MAP * ~NOTFOUND" \
    --user-data-dir="$profile" --virtual-time-budget=15000 --window-size="1280,$3" --screenshot="$root/$2" \
    "file://$root/$1" >/dev/null 2>&1
  rm -rf "$profile"
  # trim the blank page below the footer, then a 256-colour palette (the pages are flat colours and text)
  /usr/bin/python3 - "$root/$2" <<'PY'
import sys
from PIL import Image, ImageChops
path = sys.argv[1]
im = Image.open(path).convert("RGB")
box = ImageChops.difference(im, Image.new("RGB", im.size, (255, 255, 255))).getbbox()
if box:
    im = im.crop((0, 0, im.width, min(im.height, box[3] + 24)))
im.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(path, optimize=True)
PY
  if command -v optipng >/dev/null; then optipng -quiet -o2 "$root/$2"; fi
  echo "report-screenshots: wrote $2"
}
shot build/r.html docs/report-recommend.png 5600
shot build/e.html docs/report-evaluate.png 3200
