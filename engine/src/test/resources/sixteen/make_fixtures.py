"""Makes the 16-bit fixtures of ImageDecoderTest and what PIL's convert("RGB") makes of them (the .pil.png files).

Run with Pillow 9.4 (Debian 12's python3-pil): /usr/bin/python3 make_fixtures.py
The images are written byte by byte (PNG chunks) so that no library chooses their format; each holds a ramp of
16-bit values over the whole range, with values below 256, around 256 and the top of the range.
"""
import struct
import zlib

from PIL import Image

W, H = 64, 4


def value(x, y, c=0):
    v = [x * 1031 + c * 7 + y * 13, x * 3, x * 4 + 250 + c, 65535 - x * 5 - c][y]
    return min(65535, v)


def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png(name, color_type, samples):
    raw = b"".join(b"\x00" + b"".join(struct.pack(">H", v) for x in range(W) for v in samples(x, y)) for y in range(H))
    data = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", W, H, 16, color_type, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
    with open(name, "wb") as f:
        f.write(data)


png("gray16.png", 0, lambda x, y: [value(x, y)])
png("rgb16.png", 2, lambda x, y: [value(x, y, c) for c in range(3)])
png("grayalpha16.png", 4, lambda x, y: [value(x, y), 40000])
Image.open("gray16.png").convert("I;16").save("gray16.tif")  # a 16-bit grayscale TIFF (PIL mode I;16)
for name in ["gray16.png", "rgb16.png", "grayalpha16.png", "gray16.tif"]:
    Image.open(name).convert("RGB").save(name.replace(".", "-") + ".pil.png")
    print(name, Image.open(name).mode)
