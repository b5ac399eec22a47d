"""Checks on an uploaded file: size limit, type judged from its content, a safe file name."""

from __future__ import annotations

import math
import unicodedata

from core.errors import InvalidInput

MAX_BYTES = 10 * 1024 * 1024
ALLOWED = {"application/pdf", "image/jpeg", "image/png"}

_MB = 1024 * 1024
_PDF_MARK = b"%PDF-"
_PDF_WINDOW = 1024  # readers accept a PDF header anywhere in the first kilobyte
_JPEG_MAGIC = b"\xff\xd8\xff"
_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"

MAX_NAME_LENGTH = 120
FALLBACK_NAME = "เอกสาร"
_MAX_SUFFIX = 10
# Bidirectional overrides/isolates can make "gpj.exe" look like "exe.jpg".
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def sniff(data: bytes) -> str | None:
    """The content type told by the file's first bytes, or None when it is none we know."""
    if data.startswith(_JPEG_MAGIC):
        return "image/jpeg"
    if data.startswith(_PNG_MAGIC):
        return "image/png"
    if data.find(_PDF_MARK, 0, _PDF_WINDOW) != -1:
        return "application/pdf"
    return None


def _limit_mb(max_bytes: int) -> str:
    value = math.floor(max_bytes / _MB * 10) / 10
    return f"{value:.0f}" if value == int(value) else f"{value:.1f}"


def _size_mb(size: int) -> str:
    # Rounded up, so a file just over the limit never reads as "10.0 MB" against "10 MB".
    return f"{math.ceil(size / _MB * 10) / 10:.1f}"


def check_upload(filename: str, data: bytes, *, max_bytes: int = MAX_BYTES) -> str:
    """The file's content type (one of ALLOWED), or InvalidInput saying what is wrong."""
    name = clean_filename(filename)
    if not data:
        raise InvalidInput(f"ไฟล์ “{name}” ว่างเปล่า กรุณาเลือกไฟล์ใหม่")
    if len(data) > max_bytes:
        raise InvalidInput(
            f"ไฟล์ “{name}” มีขนาด {_size_mb(len(data))} MB ใหญ่เกินกำหนด "
            f"(ไม่เกิน {_limit_mb(max_bytes)} MB ต่อไฟล์) กรุณาย่อขนาดหรือสแกนใหม่ด้วยความละเอียดต่ำลง"
        )
    content_type = sniff(data)
    if content_type not in ALLOWED:
        raise InvalidInput(
            f"ไฟล์นี้ไม่ใช่ PDF, JPG หรือ PNG (“{name}”) "
            "ระบบตรวจชนิดไฟล์จากเนื้อไฟล์ ไม่ใช่จากนามสกุล กรุณาบันทึกเป็น PDF, JPG หรือ PNG แล้วอัปโหลดใหม่"
        )
    return content_type


def _keep(char: str) -> bool:
    return unicodedata.category(char) != "Cc" and char not in _BIDI_CONTROLS


def _shorten(name: str) -> str:
    if len(name) <= MAX_NAME_LENGTH:
        return name
    stem, dot, suffix = name.rpartition(".")
    if dot and stem and 0 < len(suffix) < _MAX_SUFFIX:
        return stem[: MAX_NAME_LENGTH - len(suffix) - 1].rstrip() + "." + suffix
    return name[:MAX_NAME_LENGTH].rstrip()


def clean_filename(name: str) -> str:
    """The base name only, without control characters or path separators, at most 120 long."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    kept = "".join(c for c in base if _keep(c))
    cleaned = " ".join(kept.split()).lstrip(". ").rstrip(" ")
    if not cleaned.strip("."):
        return FALLBACK_NAME
    return _shorten(cleaned)
