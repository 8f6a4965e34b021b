#!/usr/bin/env python3
"""Draws the installable app's icons (192 and 512 px, maskable) with nothing but the standard
library, so they can be redrawn and checked: a sheet of paper with three lines and a folded
corner, white on the brand blue (#0b5cad), kept inside the central 80 % (the maskable safe zone).

    python3 deploy/draw-app-icons.py integration-routes/src/main/resources/static/img/icons
"""
import struct
import sys
import zlib

BLUE = (0x0B, 0x5C, 0xAD)
WHITE = (0xFF, 0xFF, 0xFF)
FOLD = (0xC9, 0xDA, 0xEE)


def pixel(x, y):
    """Colour at (x, y) in a 1.0 x 1.0 square."""
    left, right, top, bottom, fold = 0.32, 0.68, 0.24, 0.76, 0.10
    if not (left <= x <= right and top <= y <= bottom):
        return BLUE
    if x > right - fold and y < top + fold:
        # The folded corner: cut above the diagonal, shaded below it.
        return BLUE if (x - (right - fold)) > (y - top) else FOLD
    for line_top in (0.42, 0.52, 0.62):
        if line_top <= y <= line_top + 0.03 and left + 0.06 <= x <= right - 0.06:
            return BLUE
    return WHITE


def png(size):
    rows = bytearray()
    for py in range(size):
        rows.append(0)  # filter: none
        for px in range(size):
            rows.extend(pixel((px + 0.5) / size, (py + 0.5) / size))

    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(bytes(rows), 9)) + chunk(b"IEND", b""))


if __name__ == "__main__":
    folder = sys.argv[1] if len(sys.argv) > 1 else "."
    for size in (192, 512):
        with open(f"{folder}/icon-{size}.png", "wb") as out:
            out.write(png(size))
