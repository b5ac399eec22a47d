from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from core.errors import InvalidInput
from core.thai import (
    THAI_DIGITS,
    THAI_MONTHS,
    THAI_MONTHS_SHORT,
    be_year,
    ce_year,
    fiscal_year,
    fiscal_year_bounds,
    format_date,
    format_datetime,
    format_fiscal_year,
    parse_be_date,
    parse_decimal,
    parse_int,
    to_arabic_digits,
    to_thai_digits,
)


def test_thai_digits_are_zero_to_nine_in_order():
    assert THAI_DIGITS == "๐๑๒๓๔๕๖๗๘๙"
    assert len(THAI_DIGITS) == 10


def test_to_thai_digits_converts_every_digit_and_keeps_other_characters():
    assert to_thai_digits("0123456789") == "๐๑๒๓๔๕๖๗๘๙"
    assert to_thai_digits("ข้อ 12/3 (ก)") == "ข้อ ๑๒/๓ (ก)"


def test_to_arabic_digits_converts_every_digit_and_keeps_other_characters():
    assert to_arabic_digits("๐๑๒๓๔๕๖๗๘๙") == "0123456789"
    assert to_arabic_digits("หมู่ ๔ บ้าน 5") == "หมู่ 4 บ้าน 5"


def test_digit_conversion_round_trips():
    text = "ปี 2569 เดือน 11"
    assert to_arabic_digits(to_thai_digits(text)) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("42", 42),
        ("  42  ", 42),
        ("๔๒", 42),
        ("1,234", 1234),
        ("๑,๒๓๔", 1234),
        ("1,234,567", 1234567),
        ("0", 0),
        (17, 17),
    ],
)
def test_parse_int_accepts_arabic_thai_spaces_and_thousands_commas(text, expected):
    assert parse_int(text) == expected


@pytest.mark.parametrize(
    "text", ["", "   ", None, "abc", "12a", "1.5", "12,34", ",123", "1 2", True]
)
def test_parse_int_rejects_empty_or_garbage_with_field_name(text):
    with pytest.raises(InvalidInput) as excinfo:
        parse_int(text, field="จำนวนสมาชิก")
    assert excinfo.value.message == "กรุณากรอกจำนวนสมาชิกเป็นตัวเลข"


def test_parse_int_uses_default_field_name_in_message():
    with pytest.raises(InvalidInput) as excinfo:
        parse_int("x")
    assert excinfo.value.message == "กรุณากรอกตัวเลขเป็นตัวเลข"


def test_parse_int_rejects_negative_by_default():
    with pytest.raises(InvalidInput) as excinfo:
        parse_int("-5", field="จำนวนครัวเรือน")
    assert excinfo.value.message == "จำนวนครัวเรือนต้องไม่ติดลบ"


def test_parse_int_rejects_negative_int_value_by_default():
    with pytest.raises(InvalidInput):
        parse_int(-1)


def test_parse_int_allows_negative_when_asked():
    assert parse_int("-1,200", allow_negative=True) == -1200
    assert parse_int("-๕", allow_negative=True) == -5


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3.5", 3.5),
        ("๓.๕", 3.5),
        (" 1,234.75 ", 1234.75),
        ("10", 10.0),
        (".5", 0.5),
        ("7.", 7.0),
        (2, 2.0),
        (2.25, 2.25),
    ],
)
def test_parse_decimal_accepts_decimal_point_thai_digits_and_commas(text, expected):
    assert parse_decimal(text) == pytest.approx(expected)


@pytest.mark.parametrize("text", ["", None, ".", "1.2.3", "abc", "1,23.4", "1.5ไร่"])
def test_parse_decimal_rejects_garbage_with_field_name(text):
    with pytest.raises(InvalidInput) as excinfo:
        parse_decimal(text, field="พื้นที่")
    assert excinfo.value.message == "กรุณากรอกพื้นที่เป็นตัวเลข"


def test_parse_decimal_rejects_negative_unless_allowed():
    with pytest.raises(InvalidInput) as excinfo:
        parse_decimal("-0.5", field="รายได้")
    assert excinfo.value.message == "รายได้ต้องไม่ติดลบ"
    assert parse_decimal("-0.5", allow_negative=True) == pytest.approx(-0.5)


def test_thai_months_are_indexed_from_one():
    assert len(THAI_MONTHS) == 13
    assert THAI_MONTHS[0] == ""
    assert THAI_MONTHS[1] == "มกราคม"
    assert THAI_MONTHS[2] == "กุมภาพันธ์"
    assert THAI_MONTHS[11] == "พฤศจิกายน"
    assert THAI_MONTHS[12] == "ธันวาคม"


def test_thai_short_months_are_indexed_from_one():
    assert THAI_MONTHS_SHORT == (
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


def test_be_year_adds_543_and_ce_year_subtracts_it():
    assert be_year(date(2026, 11, 24)) == 2569
    assert ce_year(2569) == 2026
    assert ce_year(be_year(date(2000, 1, 1))) == 2000


def test_format_date_uses_full_month_and_buddhist_year():
    assert format_date(date(2026, 11, 24)) == "24 พฤศจิกายน 2569"


def test_format_date_short_uses_abbreviated_month():
    assert format_date(date(2026, 11, 24), short=True) == "24 พ.ย. 2569"
    assert format_date(date(2024, 2, 29), short=True) == "29 ก.พ. 2567"


def test_format_date_can_use_thai_digits():
    assert format_date(date(2026, 11, 24), thai_digits=True) == "๒๔ พฤศจิกายน ๒๕๖๙"


def test_format_date_does_not_pad_single_digit_day():
    assert format_date(date(2026, 1, 5)) == "5 มกราคม 2569"


def test_format_date_of_none_is_dash():
    assert format_date(None) == "-"


def test_format_datetime_naive_is_treated_as_local_time():
    assert format_datetime(datetime(2026, 11, 24, 14, 5)) == "24 พ.ย. 2569 เวลา 14:05 น."


def test_format_datetime_long_form_and_thai_digits():
    dt = datetime(2026, 11, 24, 9, 7)
    assert format_datetime(dt, short=False) == "24 พฤศจิกายน 2569 เวลา 09:07 น."
    assert format_datetime(dt, thai_digits=True) == "๒๔ พ.ย. ๒๕๖๙ เวลา ๐๙:๐๗ น."


def test_format_datetime_converts_aware_utc_to_bangkok():
    assert format_datetime(datetime(2026, 11, 24, 7, 5, tzinfo=UTC)) == (
        "24 พ.ย. 2569 เวลา 14:05 น."
    )


def test_format_datetime_conversion_can_cross_midnight_and_year():
    dt = datetime(2026, 12, 31, 18, 30, tzinfo=UTC)
    assert format_datetime(dt) == "1 ม.ค. 2570 เวลา 01:30 น."


def test_format_datetime_of_none_is_dash():
    assert format_datetime(None) == "-"


def test_fiscal_year_changes_on_first_of_october():
    assert fiscal_year(date(2023, 9, 30)) == 2566
    assert fiscal_year(date(2023, 10, 1)) == 2567


def test_fiscal_year_of_january_and_december():
    assert fiscal_year(date(2024, 1, 1)) == 2567
    assert fiscal_year(date(2023, 12, 31)) == 2567


def test_fiscal_year_bounds_run_from_october_to_september():
    assert fiscal_year_bounds(2566) == (date(2022, 10, 1), date(2023, 9, 30))


def test_fiscal_year_bounds_agree_with_fiscal_year():
    first, last = fiscal_year_bounds(2569)
    assert fiscal_year(first) == 2569
    assert fiscal_year(last) == 2569
    assert fiscal_year(date.fromordinal(first.toordinal() - 1)) == 2568
    assert fiscal_year(date.fromordinal(last.toordinal() + 1)) == 2570


def test_format_fiscal_year():
    assert format_fiscal_year(2567) == "ปีงบประมาณ 2567"
    assert format_fiscal_year(2567, thai_digits=True) == "ปีงบประมาณ ๒๕๖๗"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("24/11/2569", date(2026, 11, 24)),
        ("๒๔/๑๑/๒๕๖๙", date(2026, 11, 24)),
        (" 1/2/2567 ", date(2024, 2, 1)),
        ("29/02/2567", date(2024, 2, 29)),
        ("05 / 01 / 2570", date(2027, 1, 5)),
    ],
)
def test_parse_be_date_reads_day_month_buddhist_year(text, expected):
    assert parse_be_date(text) == expected


@pytest.mark.parametrize("text", ["", "abc", "24-11-2569", "2569/11/24", "24/11/69", "24/11"])
def test_parse_be_date_rejects_wrong_format(text):
    with pytest.raises(InvalidInput) as excinfo:
        parse_be_date(text)
    assert "วว/ดด/ปปปป" in excinfo.value.message


@pytest.mark.parametrize("text", ["29/02/2568", "31/04/2569", "0/1/2569", "1/13/2569"])
def test_parse_be_date_rejects_days_not_in_calendar(text):
    with pytest.raises(InvalidInput) as excinfo:
        parse_be_date(text)
    assert excinfo.value.message == "ไม่มีวันที่นี้ในปฏิทิน กรุณาตรวจสอบวัน เดือน และปี"


def test_parse_be_date_rejects_christian_era_year():
    with pytest.raises(InvalidInput) as excinfo:
        parse_be_date("24/11/2026")
    assert "พุทธศักราช" in excinfo.value.message


def test_parse_be_date_round_trips_with_format():
    d = parse_be_date("24/11/2569")
    assert format_date(d) == "24 พฤศจิกายน 2569"
