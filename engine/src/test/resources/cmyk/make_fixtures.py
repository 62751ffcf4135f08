#!/usr/bin/python3
"""Writes the CMYK / YCCK / ICC decoding fixtures and what PIL makes of them (see README.md).

Run from anywhere with Debian's python3-pil (9.4) and a JDK 17 on the PATH:
    /usr/bin/python3 engine/src/test/resources/cmyk/make_fixtures.py
"""
import pathlib
import subprocess

from PIL import Image

here = pathlib.Path(__file__).resolve().parent

# A CMYK gradient saved the way PIL (and Photoshop) store CMYK JPEGs: inverted, Adobe APP14 transform 0.
cmyk = Image.new("CMYK", (16, 12))
px = cmyk.load()
for y in range(12):
    for x in range(16):
        px[x, y] = (16 * x, 20 * y, 255 - 16 * x, 9 * (x + y))
cmyk.save(here / "cmyk.jpg", quality=95)
cmyk.save(here / "cmyk.tif")  # uncompressed, not inverted (TIFF photometric 5)

subprocess.run(["java", str(here / "MakeJpegs.java"), str(here)], check=True)

# An RGB JPEG tagged with a linear-RGB ICC profile: convert("RGB") ignores the profile.
icc = here / "linear-rgb.icc"
rgb = Image.new("RGB", (16, 12))
px = rgb.load()
for y in range(12):
    for x in range(16):
        px[x, y] = (20 + 14 * x, 30 + 16 * y, 200 - 8 * x)
rgb.save(here / "icc-linear-rgb.jpg", quality=95, icc_profile=icc.read_bytes())
icc.unlink()

for name in ["cmyk.jpg", "cmyk.tif", "ycck.jpg", "icc-linear-rgb.jpg"]:
    with Image.open(here / name) as im:
        print(name, im.mode, im.size, {k: v for k, v in im.info.items() if k != "icc_profile"},
              "icc" if "icc_profile" in im.info else "")
        # torchvision's default loader: Image.open(f).convert("RGB")
        im.convert("RGB").save(here / (name.replace(".", "-") + ".pil.png"))
