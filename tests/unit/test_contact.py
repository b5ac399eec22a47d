from __future__ import annotations

import pytest

from core.contact import normalise_optional_phone, normalise_phone
from core.errors import InvalidInput


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("0812345678", "081-234-5678"),
        ("081-234-5678", "081-234-5678"),
        ("08-1234-5678", "081-234-5678"),
        (" 081 234 5678 ", "081-234-5678"),
        ("๐๘๑-๒๓๔-๕๖๗๘", "081-234-5678"),
        ("๐๘๑ 234 ๕๖๗๘", "081-234-5678"),
        ("+66812345678", "081-234-5678"),
        ("+66 81 234 5678", "081-234-5678"),
        ("+66-81-234-5678", "081-234-5678"),
        ("+66 081 234 5678", "081-234-5678"),
        ("0612345678", "061-234-5678"),
        ("0912345678", "091-234-5678"),
    ],
)
def test_a_mobile_number_typed_any_common_way_is_stored_one_way(typed, stored):
    assert normalise_phone(typed) == stored


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("021234567", "02-123-4567"),
        ("02-123-4567", "02-123-4567"),
        ("0-3723-1234", "03-723-1234"),
        ("๐๓๗ ๒๓๑ ๒๓๔", "03-723-1234"),
        ("+66 37 231 234", "03-723-1234"),
        ("074-123-456", "07-412-3456"),
    ],
)
def test_a_landline_number_is_stored_as_area_code_and_seven_digits(typed, stored):
    assert normalise_phone(typed) == stored


@pytest.mark.parametrize(
    "typed",
    [
        "12",
        "12345",
        "0812345678999",
        "081234567",  # a mobile prefix needs 10 digits
        "0212345678",  # a landline has 9
        "0112345678",
        "011234567",
        "081.234.5678",
        "(081) 234-5678",
        "ไม่มี",
        "081234567a",
        "+1 212 555 0100",
        "66812345678",
        "١٢٣٤٥٦٧٨٩٠",  # Arabic-Indic digits are not Thai digits
    ],
)
def test_anything_else_is_refused_with_a_thai_example(typed):
    with pytest.raises(InvalidInput, match="เช่น 081-234-5678") as refused:
        normalise_phone(typed)
    assert "เบอร์โทรศัพท์ไม่ถูกต้อง" in refused.value.message


@pytest.mark.parametrize("typed", ["", "   ", None])
def test_an_empty_phone_is_asked_for(typed):
    with pytest.raises(InvalidInput, match="กรุณากรอกเบอร์โทรศัพท์"):
        normalise_phone(typed)


def test_an_optional_phone_may_be_left_empty_but_not_wrong():
    assert normalise_optional_phone(" ") is None
    assert normalise_optional_phone(None) is None
    assert normalise_optional_phone("๐๒ ๑๒๓ ๔๕๖๗") == "02-123-4567"
    with pytest.raises(InvalidInput):
        normalise_optional_phone("12345")
