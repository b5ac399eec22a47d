from __future__ import annotations

import re

import pytest

from core.errors import InvalidInput, InvalidNationalId
from core.national_id import (
    check_digit,
    format_id,
    is_valid,
    mask,
    normalize,
    validate,
)

KNOWN_VALID = "1101700230708"


def reference_check_digit(first12: str) -> int:
    total = sum(int(first12[i - 1]) * (14 - i) for i in range(1, 13))
    return (11 - total % 11) % 10


def make_id(first12: str) -> str:
    return first12 + str(reference_check_digit(first12))


def wrong_check(first12: str) -> str:
    return first12 + str((reference_check_digit(first12) + 1) % 10)


def test_known_literal_id_passes_the_reference_formula():
    assert reference_check_digit(KNOWN_VALID[:12]) == int(KNOWN_VALID[12])
    assert validate(KNOWN_VALID) == KNOWN_VALID


def test_check_digit_matches_worked_example():
    # 1*13 + 1*12 + 0*11 + 1*10 + 7*9 + 0*8 + 0*7 + 2*6 + 3*5 + 0*4 + 7*3 + 0*2 = 146
    # 146 mod 11 = 3 ; 11 - 3 = 8
    assert check_digit("110170023070") == 8


def test_check_digit_wraps_ten_to_zero_and_eleven_to_one():
    # sum 1*12 = 12; 12 mod 11 = 1; 11 - 1 = 10 -> 0
    assert check_digit("010000000000") == 0
    # sum 1*11 = 11; 11 mod 11 = 0; 11 - 0 = 11 -> 1
    assert check_digit("001000000000") == 1
    # sum 1*13 = 13; 13 mod 11 = 2; 11 - 2 = 9
    assert check_digit("100000000000") == 9


@pytest.mark.parametrize(
    "first12",
    ["110170023070", "345678901234", "800000000001", "512345678901", "123456789012"],
)
def test_check_digit_agrees_with_reference_formula(first12):
    assert check_digit(first12) == reference_check_digit(first12)


def test_check_digit_rejects_wrong_length_or_non_digits():
    with pytest.raises(InvalidNationalId):
        check_digit("12345")
    with pytest.raises(InvalidNationalId):
        check_digit("11017002307a")


def test_normalize_strips_spaces_dashes_and_dots():
    assert normalize(" 1-1017-00230-70-8 ") == KNOWN_VALID
    assert normalize("1.1017.00230.70.8") == KNOWN_VALID
    assert normalize("1 1017 00230 70 8") == KNOWN_VALID


def test_normalize_converts_thai_digits():
    assert normalize("๑-๑๐๑๗-๐๐๒๓๐-๗๐-๘") == KNOWN_VALID


def test_normalize_does_not_validate():
    assert normalize("12a") == "12a"
    assert normalize("") == ""


def test_validate_returns_normalised_digits():
    assert validate("1-1017-00230-70-8") == KNOWN_VALID
    assert validate("๑๑๐๑๗๐๐๒๓๐๗๐๘") == KNOWN_VALID


@pytest.mark.parametrize("first_digit", "12345678")
def test_validate_accepts_every_allowed_person_type(first_digit):
    pid = make_id(first_digit + "23456789012")
    assert validate(pid) == pid
    assert is_valid(pid) is True


@pytest.mark.parametrize("text", ["", "   ", "- -"])
def test_validate_rejects_empty(text):
    with pytest.raises(InvalidNationalId) as excinfo:
        validate(text)
    assert excinfo.value.message == "กรุณากรอกเลขประจำตัวประชาชน"


def test_validate_rejects_non_digit_characters():
    with pytest.raises(InvalidNationalId) as excinfo:
        validate("110170023070A")
    assert excinfo.value.message == "เลขประจำตัวประชาชนต้องเป็นตัวเลขเท่านั้น"


@pytest.mark.parametrize(
    ("text", "given"), [("110170023070", 12), ("11017002307081", 14), ("1", 1)]
)
def test_validate_rejects_wrong_length_and_says_how_many_digits(text, given):
    with pytest.raises(InvalidNationalId) as excinfo:
        validate(text)
    assert excinfo.value.message == f"เลขประจำตัวประชาชนต้องมี 13 หลัก แต่กรอกมา {given} หลัก"


@pytest.mark.parametrize("first_digit", "09")
def test_validate_rejects_first_digit_zero_or_nine_even_with_good_checksum(first_digit):
    pid = make_id(first_digit + "23456789012")
    with pytest.raises(InvalidNationalId) as excinfo:
        validate(pid)
    assert "หลักแรก" in excinfo.value.message
    assert f"กรอกมาเป็น {first_digit}" in excinfo.value.message


def test_validate_rejects_wrong_check_digit_as_likely_typo():
    with pytest.raises(InvalidNationalId) as excinfo:
        validate(wrong_check("110170023070"))
    assert "เลขตรวจสอบ" in excinfo.value.message
    assert "พิมพ์ผิด" in excinfo.value.message


def test_validate_catches_single_digit_typo():
    typo = "1101700230718"  # 11th digit changed 0 -> 1
    assert reference_check_digit(typo[:12]) != int(typo[12])
    with pytest.raises(InvalidNationalId):
        validate(typo)


def test_invalid_national_id_is_an_invalid_input():
    with pytest.raises(InvalidInput):
        validate("123")


def test_is_valid_is_false_for_each_kind_of_bad_id():
    assert is_valid("") is False
    assert is_valid("abc") is False
    assert is_valid("123") is False
    assert is_valid(make_id("023456789012")) is False
    assert is_valid(make_id("923456789012")) is False
    assert is_valid(wrong_check("110170023070")) is False
    assert is_valid(KNOWN_VALID) is True


def test_format_id_uses_one_four_five_two_one_layout():
    assert format_id(KNOWN_VALID) == "1-1017-00230-70-8"
    assert format_id("1234567890121") == "1-2345-67890-12-1"


def test_format_id_accepts_already_formatted_or_thai_digits():
    assert format_id("1-1017-00230-70-8") == "1-1017-00230-70-8"
    assert format_id("๑๑๐๑๗๐๐๒๓๐๗๐๘") == "1-1017-00230-70-8"


def test_format_id_leaves_non_thirteen_digit_input_unformatted():
    assert format_id("12345") == "12345"


def test_mask_shows_only_the_last_two_groups_in_layout():
    assert mask("1234567890121") == "x-xxxx-xxxxx-12-1"
    assert mask(KNOWN_VALID) == "x-xxxx-xxxxx-70-8"
    assert mask("1-1017-00230-70-8") == "x-xxxx-xxxxx-70-8"


@pytest.mark.parametrize(
    "text",
    [
        KNOWN_VALID,
        "1234567890121",
        "12345678",
        "123456",
        "12345",
        "1",
        "abcdefghijklmno",
        "๑๒๓๔๕๖๗๘๙๐",
    ],
)
def test_mask_never_reveals_more_than_last_four_characters(text):
    masked = mask(text).replace("-", "")
    revealed = [ch for ch in masked if ch != "x"]
    assert len(revealed) <= 4
    assert not re.search(r"[0-9]", masked[:-4])


def test_mask_of_short_or_invalid_input_shows_at_most_last_two():
    assert mask("12345678") == "xxxxxx78"
    assert mask("123456") == "xxxx56"
    assert mask("12345") == "xxxxx"
    assert mask("12") == "xx"


def test_mask_never_raises_on_empty_or_none():
    assert mask("") == "-"
    assert mask(None) == "-"
