"""Thai national ID (เลขประจำตัวประชาชน): normalise, validate, format, mask."""

from __future__ import annotations

import re

from core.errors import InvalidNationalId

LENGTH = 13
VALID_FIRST_DIGITS = "12345678"
MASK_CHAR = "x"
_GROUPS = (1, 4, 5, 2, 1)
_SEPARATORS = re.compile(r"[\s\-.]")
_THAI_TO_ARABIC = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


def normalize(text: str | None) -> str:
    if not text:
        return ""
    return _SEPARATORS.sub("", text.translate(_THAI_TO_ARABIC))


def check_digit(first12: str) -> int:
    if len(first12) != LENGTH - 1 or not first12.isascii() or not first12.isdigit():
        raise InvalidNationalId("ต้องใช้ตัวเลข 12 หลักแรกในการคำนวณเลขตรวจสอบ")
    total = sum(int(digit) * (LENGTH - position) for position, digit in enumerate(first12))
    return (11 - total % 11) % 10


def validate(text: str | None) -> str:
    digits = normalize(text)
    if not digits:
        raise InvalidNationalId("กรุณากรอกเลขประจำตัวประชาชน")
    if not (digits.isascii() and digits.isdigit()):
        raise InvalidNationalId("เลขประจำตัวประชาชนต้องเป็นตัวเลขเท่านั้น")
    if len(digits) != LENGTH:
        raise InvalidNationalId(f"เลขประจำตัวประชาชนต้องมี {LENGTH} หลัก แต่กรอกมา {len(digits)} หลัก")
    if digits[0] not in VALID_FIRST_DIGITS:
        raise InvalidNationalId(
            f"หลักแรกของเลขประจำตัวประชาชนต้องเป็นเลข 1 ถึง 8 (กรอกมาเป็น {digits[0]})"
        )
    if check_digit(digits[:-1]) != int(digits[-1]):
        raise InvalidNationalId(
            "เลขตรวจสอบ (หลักสุดท้าย) ไม่ตรงกับเลข 12 หลักแรก อาจพิมพ์ผิด กรุณาตรวจสอบเลขประจำตัวประชาชนอีกครั้ง"
        )
    return digits


def is_valid(text: str | None) -> bool:
    try:
        validate(text)
    except InvalidNationalId:
        return False
    return True


def _is_thirteen_digits(digits: str) -> bool:
    return len(digits) == LENGTH and digits.isascii() and digits.isdigit()


def _layout(chars: str) -> str:
    parts: list[str] = []
    start = 0
    for size in _GROUPS:
        parts.append(chars[start : start + size])
        start += size
    return "-".join(parts)


def format_id(digits: str | None) -> str:
    normalized = normalize(digits)
    if not _is_thirteen_digits(normalized):
        return normalized
    return _layout(normalized)


def mask(digits: str | None) -> str:
    normalized = normalize(digits)
    if not normalized:
        return "-"
    if _is_thirteen_digits(normalized):
        return _layout(MASK_CHAR * 10 + normalized[-3:])
    if len(normalized) < 6:
        return MASK_CHAR * len(normalized)
    return MASK_CHAR * (len(normalized) - 2) + normalized[-2:]
