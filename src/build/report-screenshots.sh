#!/usr/bin/env bash
# Makes the README's report screenshots, docs/report-recommend.png and docs/report-evaluate.png, with the commands
# docs/report.md shows: the README's main job with --report (the demo zoo and images of src/build/demo.sh), and
# an evaluation of the shared ModelSpider history with --report; then headless Chromium (Debian's chromium,
# installed by setup.sh --all) opens each page from the file and takes the screenshot. Needs a built launcher
# (mvn -B -q -DskipTests package). Chromium's own background requests go to a closed loopback port.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
ms=cli/target/modelscout/bin/modelscout
history="${1:-../shared/data/histories/modelspider_single.csv}"
command -v chromium >/dev/null || { echo "report-screenshots: chromium is required (src/build/setup.sh --all)" >&2; exit 1; }
bash src/build/demo.sh
$ms recommend --images build/demo/fashion-mnist --zoo build/demo/zoo/zoo.csv --cache build/demo/cache \
  --report build/demo/report.html
$ms evaluate --history "$history" --protocol learning-curve --recommender fm --report build/demo/evaluation.html

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
  # trim the blank page below the footer (Debian's python3-pil, also from setup.sh --all), when it is there
  /usr/bin/python3 - "$root/$2" <<'PY' || true
import sys
from PIL import Image, ImageChops
path = sys.argv[1]
im = Image.open(path).convert("RGB")
box = ImageChops.difference(im, Image.new("RGB", im.size, (255, 255, 255))).getbbox()
if box:
    im.crop((0, 0, im.width, min(im.height, box[3] + 24))).save(path, optimize=True)
PY
  echo "report-screenshots: wrote $2"
}
shot build/demo/report.html docs/report-recommend.png 2400
shot build/demo/evaluation.html docs/report-evaluate.png 2600
