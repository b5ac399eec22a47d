"""Thai digits, numbers, Buddhist-era dates and fiscal years."""

from __future__ import annotations

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

from core.errors import InvalidInput

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
ARABIC_DIGITS = "0123456789"
BE_OFFSET = 543
BANGKOK = ZoneInfo("Asia/Bangkok")

_TO_THAI = str.maketrans(ARABIC_DIGITS, THAI_DIGITS)
_TO_ARABIC = str.maketrans(THAI_DIGITS, ARABIC_DIGITS)

THAI_MONTHS: tuple[str, ...] = (
    "",
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
)

THAI_MONTHS_SHORT: tuple[str, ...] = (
    "",
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
)

FISCAL_YEAR_START_MONTH = 10

_INT_RE = re.compile(r"^(-)?(\d{1,3}(?:,\d{3})+|\d+)$", re.ASCII)
_DECIMAL_RE = re.compile(r"^(-)?(\d{1,3}(?:,\d{3})+|\d+)?(?:\.(\d*))?$", re.ASCII)
_BE_DATE_RE = re.compile(r"^(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})$", re.ASCII)


def to_thai_digits(text: str) -> str:
    return text.translate(_TO_THAI)


def to_arabic_digits(text: str) -> str:
    return text.translate(_TO_ARABIC)


def _digits(text: str, thai_digits: bool) -> str:
    return to_thai_digits(text) if thai_digits else text


def _clean_number_text(text: str | float | None) -> str:
    if text is None:
        return ""
    return to_arabic_digits(str(text)).strip()


def _reject_negative(value: float, allow_negative: bool, field: str) -> None:
    if value < 0 and not allow_negative:
        raise InvalidInput(f"{field}ต้องไม่ติดลบ")


def parse_int(
    text: str | int | None,
    *,
    field: str = "ตัวเลข",
    allow_negative: bool = False,
) -> int:
    if isinstance(text, bool):
        raise InvalidInput(f"กรุณากรอก{field}เป็นตัวเลข")
    if isinstance(text, int):
        _reject_negative(text, allow_negative, field)
        return text
    match = _INT_RE.match(_clean_number_text(text))
    if match is None:
        raise InvalidInput(f"กรุณากรอก{field}เป็นตัวเลข")
    value = int(match.group(2).replace(",", ""))
    if match.group(1):
        value = -value
    _reject_negative(value, allow_negative, field)
    return value


def parse_decimal(
    text: str | float | None,
    *,
    field: str = "ตัวเลข",
    allow_negative: bool = False,
) -> float:
    if isinstance(text, bool):
        raise InvalidInput(f"กรุณากรอก{field}เป็นตัวเลข")
    if isinstance(text, int | float):
        _reject_negative(text, allow_negative, field)
        return float(text)
    match = _DECIMAL_RE.match(_clean_number_text(text))
    if match is None or (match.group(2) is None and not match.group(3)):
        raise InvalidInput(f"กรุณากรอก{field}เป็นตัวเลข")
    whole = (match.group(2) or "0").replace(",", "")
    value = float(f"{whole}.{match.group(3) or '0'}")
    if match.group(1):
        value = -value
    _reject_negative(value, allow_negative, field)
    return value


def be_year(d: date) -> int:
    return d.year + BE_OFFSET


def ce_year(be: int) -> int:
    return be - BE_OFFSET


def format_date(d: date | None, *, short: bool = False, thai_digits: bool = False) -> str:
    if d is None:
        return "-"
    months = THAI_MONTHS_SHORT if short else THAI_MONTHS
    return _digits(f"{d.day} {months[d.month]} {be_year(d)}", thai_digits)


def format_datetime(dt: datetime | None, *, short: bool = True, thai_digits: bool = False) -> str:
    if dt is None:
        return "-"
    if dt.tzinfo is not None:
        dt = dt.astimezone(BANGKOK)
    day_part = format_date(dt.date(), short=short, thai_digits=thai_digits)
    time_part = _digits(f"{dt.hour:02d}:{dt.minute:02d}", thai_digits)
    return f"{day_part} เวลา {time_part} น."


def fiscal_year(d: date) -> int:
    if d.month >= FISCAL_YEAR_START_MONTH:
        return be_year(d) + 1
    return be_year(d)


def fiscal_year_bounds(fy_be: int) -> tuple[date, date]:
    end_ce = ce_year(fy_be)
    return date(end_ce - 1, FISCAL_YEAR_START_MONTH, 1), date(end_ce, 9, 30)


def format_fiscal_year(fy_be: int, *, thai_digits: bool = False) -> str:
    return f"ปีงบประมาณ {_digits(str(fy_be), thai_digits)}"


def parse_be_date(text: str) -> date:
    match = _BE_DATE_RE.match(_clean_number_text(text))
    if match is None:
        raise InvalidInput("กรุณากรอกวันที่ในรูปแบบ วว/ดด/ปปปป (ปีพุทธศักราช) เช่น 24/11/2569")
    day, month, year_be = (int(part) for part in match.groups())
    if year_be < 2400:
        raise InvalidInput("กรุณากรอกปีเป็นพุทธศักราช (พ.ศ.) เช่น 2569")
    try:
        return date(ce_year(year_be), month, day)
    except ValueError:
        raise InvalidInput("ไม่มีวันที่นี้ในปฏิทิน กรุณาตรวจสอบวัน เดือน และปี") from None


def format_count(n: int, cap: int) -> str:
    """A search's count as read on screen: counts stop at `cap`, so cap + 1 means "more than"."""
    return f"มากกว่า {cap:,}" if n > cap else f"{n:,}"
