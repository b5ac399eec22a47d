"""Thai phone numbers: typed any common way, stored one way (081-234-5678, 02-123-4567)."""

from __future__ import annotations

from core.errors import InvalidInput
from core.thai import to_arabic_digits

_MOBILE_PREFIXES = ("06", "08", "09")
_LANDLINE_PREFIXES = ("02", "03", "04", "05", "06", "07")
_EXAMPLE = "เช่น 081-234-5678 (มือถือ) หรือ 02-123-4567 (โทรศัพท์บ้าน/สำนักงาน)"


def _digits(text: str) -> str:
    compact = "".join(c for c in to_arabic_digits(text) if not c.isspace() and c != "-")
    if compact.startswith("+66"):
        compact = "0" + compact[3:].removeprefix("0")  # +66 81…, also +66 081…
    return compact


def normalise_phone(text: str | None) -> str:
    """Thai or Arabic digits, spaces, dashes and +66 accepted; anything else is refused."""
    if not (text or "").strip():
        raise InvalidInput(f"กรุณากรอกเบอร์โทรศัพท์ {_EXAMPLE}")
    digits = _digits(text or "")
    if digits.isascii() and digits.isdigit():
        if len(digits) == 10 and digits.startswith(_MOBILE_PREFIXES):
            return f"{digits[:3]}-{digits[3:6]}-{digits[6:]}"
        if len(digits) == 9 and digits.startswith(_LANDLINE_PREFIXES):
            return f"{digits[:2]}-{digits[2:5]}-{digits[5:]}"
    raise InvalidInput(
        "เบอร์โทรศัพท์ไม่ถูกต้อง: มือถือมี 10 หลัก ขึ้นต้นด้วย 06 08 หรือ 09"
        f" โทรศัพท์บ้าน/สำนักงานมี 9 หลัก ขึ้นต้นด้วย 02–07 {_EXAMPLE}"
    )


def normalise_optional_phone(text: str | None) -> str | None:
    """For a phone a form may leave empty: None when empty, else as normalise_phone."""
    return normalise_phone(text) if (text or "").strip() else None
