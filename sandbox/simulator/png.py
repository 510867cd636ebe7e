"""Screenshots: draw the current screen as coloured boxes into a real PNG (zlib + struct only)."""
from __future__ import annotations

import struct
import zlib


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def encode(width: int, height: int, pixels: bytearray) -> bytes:
    """`pixels` is RGB, row-major, width*height*3 bytes."""
    stride = width * 3
    raw = b"".join(b"\x00" + bytes(pixels[y * stride:(y + 1) * stride]) for y in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(raw, 1))
            + _chunk(b"IEND", b""))


def draw(width: int, height: int, boxes: list[tuple[int, int, int, int, tuple[int, int, int]]],
         background: tuple[int, int, int] = (255, 255, 255)) -> bytes:
    """Fill each (x, y, w, h, rgb) box in order (later boxes on top) and return PNG bytes."""
    pixels = bytearray(bytes(background) * (width * height))
    for x, y, w, h, rgb in boxes:
        x0, y0 = max(0, int(x)), max(0, int(y))
        x1, y1 = min(width, int(x + w)), min(height, int(y + h))
        if x1 <= x0 or y1 <= y0:
            continue
        row = bytes(rgb) * (x1 - x0)
        for yy in range(y0, y1):
            start = (yy * width + x0) * 3
            pixels[start:start + len(row)] = row
    return encode(width, height, pixels)
