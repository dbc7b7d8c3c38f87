#!/usr/bin/env python3
"""Exit 0 when a PNG screenshot is not blank: more than 1 % of its pixels differ from the first
pixel (the page background). Standard library only (zlib), for the HTML report test."""
import struct
import sys
import zlib


def pixels(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise SystemExit(f"{path}: not a PNG")
    offset, chunks, width, height, colour, depth = 8, [], 0, 0, 0, 0
    while offset < len(data):
        length, kind = struct.unpack(">I4s", data[offset:offset + 8])
        body = data[offset + 8:offset + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
        elif kind == b"IDAT":
            chunks.append(body)
        offset += 12 + length
    if depth != 8 or colour not in (2, 6):
        raise SystemExit(f"{path}: expected 8-bit RGB or RGBA, found depth {depth} colour type {colour}")
    channels = 3 if colour == 2 else 4
    raw = zlib.decompress(b"".join(chunks))
    stride = width * channels
    previous = bytearray(stride)
    rows = []
    position = 0
    for _ in range(height):
        kind = raw[position]
        line = bytearray(raw[position + 1:position + 1 + stride])
        position += 1 + stride
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            up_left = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 255
            elif kind == 2:
                line[i] = (line[i] + up) & 255
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - up_left
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - up_left)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else up_left)) & 255
        rows.append(bytes(line))
        previous = line
    return width, height, channels, rows


def main():
    width, height, channels, rows = pixels(sys.argv[1])
    background = rows[0][:3]
    different = sum(1 for row in rows for i in range(0, len(row), channels) if row[i:i + 3] != background)
    share = different / (width * height)
    print(f"{sys.argv[1]}: {width}x{height}, {share:.1%} of the pixels differ from the background")
    sys.exit(0 if share > 0.01 else 1)


if __name__ == "__main__":
    main()
