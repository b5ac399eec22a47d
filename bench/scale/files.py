"""Small but well-formed uploads: a one-page PDF or a tiny PNG photo, each with its own bytes."""

from __future__ import annotations

import hashlib
import random
import struct
import zlib
from dataclasses import dataclass


@dataclass(frozen=True)
class File:
    filename: str
    content_type: str
    data: bytes
    sha256: str


def _file(filename: str, content_type: str, data: bytes) -> File:
    return File(filename, content_type, data, hashlib.sha256(data).hexdigest())


def pdf(rng: random.Random, stem: str, label: str) -> File:
    """A PDF whose stream is a few hundred bytes of scanned-looking noise."""
    noise = rng.randbytes(rng.randint(200, 1400))
    stream = b"BT /F1 16 Tf 72 720 Td (" + label.encode() + b") Tj ET\n" + noise.hex().encode()
    body = (
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
        b"1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
        b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
        b"3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >> endobj\n"
        b"4 0 obj << /Length " + str(len(stream)).encode() + b" >> stream\n" + stream + b"\n"
        b"endstream endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    )
    return _file(f"{stem}.pdf", "application/pdf", body)


def _chunk(kind: bytes, payload: bytes) -> bytes:
    crc = zlib.crc32(kind + payload) & 0xFFFFFFFF
    return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", crc)


def png(rng: random.Random, stem: str) -> File:
    """A 16×16 grey photo: real pixels, so every picture differs."""
    size = 16
    raw = b"".join(b"\x00" + rng.randbytes(size) for _ in range(size))
    data = (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 0, 0, 0, 0))
        + _chunk(b"IDAT", zlib.compress(raw))
        + _chunk(b"IEND", b"")
    )
    return _file(f"{stem}.png", "image/png", data)
