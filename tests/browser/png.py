"""A small PNG decoder (zlib + stdlib): enough for Chromium's 8-bit RGB(A) screenshots."""

from __future__ import annotations

import struct
import zlib
from collections import Counter

_SIGNATURE = b"\x89PNG\r\n\x1a\n"
#: Colour type -> bytes per pixel at bit depth 8 (2: RGB, 6: RGBA).
_CHANNELS = {2: 3, 6: 4}


def pixel_counts(png: bytes) -> tuple[int, int, Counter[tuple[int, int, int]]]:
    """Width, height and how many pixels have each RGB colour (alpha ignored)."""
    width, height, rows, step = _decode(png)
    counts: Counter[tuple[int, int, int]] = Counter()
    for row in rows:
        if step == 3:
            counts.update(zip(row[0::3], row[1::3], row[2::3], strict=True))
        else:
            counts.update(zip(row[0::4], row[1::4], row[2::4], strict=True))
    return width, height, counts


def _decode(png: bytes) -> tuple[int, int, list[bytes], int]:
    assert png.startswith(_SIGNATURE), "not a PNG file"
    pos, header, data = len(_SIGNATURE), b"", bytearray()
    while pos < len(png):
        (length,) = struct.unpack(">I", png[pos : pos + 4])
        kind, body = png[pos + 4 : pos + 8], png[pos + 8 : pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            data += body
        elif kind == b"IEND":
            break
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", header)
    if depth != 8 or colour not in _CHANNELS or interlace != 0:
        raise AssertionError(
            f"unsupported PNG: depth {depth}, colour type {colour}, interlace {interlace}"
        )
    step = _CHANNELS[colour]
    raw = zlib.decompress(bytes(data))
    stride = width * step
    rows: list[bytes] = []
    previous = bytes(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], raw[start + 1 : start + 1 + stride]
        previous = _unfilter(kind, bytearray(line), previous, step)
        rows.append(previous)
    return width, height, rows, step


def _unfilter(kind: int, line: bytearray, up: bytes, step: int) -> bytes:
    """Undo one row's filter (PNG spec, section 9)."""
    if kind == 0:
        return bytes(line)
    if kind == 2:
        return bytes((a + b) & 0xFF for a, b in zip(line, up, strict=True))
    for i in range(len(line)):
        left = line[i - step] if i >= step else 0
        if kind == 1:
            line[i] = (line[i] + left) & 0xFF
        elif kind == 3:
            line[i] = (line[i] + ((left + up[i]) >> 1)) & 0xFF
        elif kind == 4:
            corner = up[i - step] if i >= step else 0
            line[i] = (line[i] + _paeth(left, up[i], corner)) & 0xFF
        else:
            raise AssertionError(f"unknown PNG filter {kind}")
    return bytes(line)


def _paeth(a: int, b: int, c: int) -> int:
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c
