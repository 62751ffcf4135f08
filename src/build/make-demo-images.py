#!/usr/bin/env python3
"""Writes an ImageFolder (one sub-folder per class, grayscale PNGs) from an IDX image set such as Debian's
dataset-fashion-mnist or MNIST. Standard library only.

usage: make-demo-images.py OUT_DIR [--idx-dir /usr/share/datasets/fashion-mnist] [--per-class 40] [--seed 0]
"""
import argparse
import gzip
import os
import random
import struct
import sys
import zlib

FASHION_CLASSES = ["t-shirt", "trouser", "pullover", "dress", "coat",
                   "sandal", "shirt", "sneaker", "bag", "ankle-boot"]


def read_idx(path):
    with gzip.open(path, "rb") if path.endswith(".gz") else open(path, "rb") as f:
        data = f.read()
    magic, = struct.unpack(">I", data[:4])
    dims = magic & 0xFF
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    return shape, data[4 + 4 * dims:]


def png_gray(width, height, pixels):
    raw = b"".join(b"\x00" + pixels[y * width:(y + 1) * width] for y in range(height))

    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("out")
    ap.add_argument("--idx-dir", default="/usr/share/datasets/fashion-mnist")
    ap.add_argument("--split", default="t10k")
    ap.add_argument("--per-class", type=int, default=40)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()

    images = os.path.join(args.idx_dir, args.split + "-images-idx3-ubyte.gz")
    labels = os.path.join(args.idx_dir, args.split + "-labels-idx1-ubyte.gz")
    for p in (images, labels):
        if not os.path.exists(p):
            sys.exit(f"make-demo-images: {p} not found (apt-get install dataset-fashion-mnist)")
    (n, h, w), pix = read_idx(images)
    (_,), lab = read_idx(labels)
    order = list(range(n))
    random.Random(args.seed).shuffle(order)
    taken = {}
    for i in order:
        c = lab[i]
        if taken.get(c, 0) >= args.per_class:
            continue
        name = FASHION_CLASSES[c] if "fashion" in args.idx_dir and c < len(FASHION_CLASSES) else str(c)
        d = os.path.join(args.out, name)
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, f"{i:05d}.png"), "wb") as f:
            f.write(png_gray(w, h, pix[i * h * w:(i + 1) * h * w]))
        taken[c] = taken.get(c, 0) + 1
    print(f"wrote {sum(taken.values())} images in {len(taken)} classes to {args.out}")


if __name__ == "__main__":
    main()
