from __future__ import annotations

import pytest

from core.errors import InvalidInput
from core.uploads import (
    ALLOWED,
    FALLBACK_NAME,
    MAX_BYTES,
    MAX_NAME_LENGTH,
    check_upload,
    clean_filename,
    sniff,
)

PDF = b"%PDF-1.4\n%test\n"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 20
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 20
GIF = b"GIF89a" + b"\x00" * 20


def test_limits_and_allowed_types():
    assert MAX_BYTES == 10 * 1024 * 1024
    assert {"application/pdf", "image/jpeg", "image/png"} == ALLOWED


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (PDF, "application/pdf"),
        (JPEG, "image/jpeg"),
        (PNG, "image/png"),
        (GIF, None),
        (b"", None),
        (b"hello, I am text", None),
        (b"\x89PNG\r\n", None),  # a truncated PNG signature
        (b"\xff\xd8", None),  # a truncated JPEG marker
    ],
)
def test_sniff_reads_the_magic_bytes(data, expected):
    assert sniff(data) == expected


def test_a_pdf_header_after_leading_junk_within_the_first_kilobyte_is_a_pdf():
    assert sniff(b"\x00" * 1000 + PDF) == "application/pdf"
    assert sniff(b"x" * (1024 - 5) + b"%PDF-") == "application/pdf"


def test_a_pdf_header_past_the_first_kilobyte_is_not_a_pdf():
    assert sniff(b"x" * (1024 - 4) + b"%PDF-1.4") is None
    assert sniff(b"x" * 2000 + PDF) is None


@pytest.mark.parametrize(
    ("filename", "data", "expected"),
    [
        ("form.pdf", PDF, "application/pdf"),
        ("photo.jpg", JPEG, "image/jpeg"),
        ("scan.png", PNG, "image/png"),
        ("no-extension", PDF, "application/pdf"),
        ("misnamed.png", PDF, "application/pdf"),  # the content decides, not the name
    ],
)
def test_check_upload_returns_the_type_from_the_content(filename, data, expected):
    assert check_upload(filename, data) == expected


@pytest.mark.parametrize(
    ("filename", "data"),
    [
        ("letter.pdf", b"This is only text pretending to be a PDF"),
        ("picture.gif", GIF),
        ("picture.jpg", GIF),
        ("macro.docx", b"PK\x03\x04" + b"\x00" * 30),
    ],
)
def test_check_upload_refuses_content_that_is_not_pdf_jpeg_or_png(filename, data):
    with pytest.raises(InvalidInput, match="ไฟล์นี้ไม่ใช่ PDF, JPG หรือ PNG") as caught:
        check_upload(filename, data)
    assert filename in caught.value.message


def test_check_upload_refuses_an_empty_file():
    with pytest.raises(InvalidInput, match="ว่างเปล่า"):
        check_upload("form.pdf", b"")


def test_exactly_the_limit_is_accepted():
    data = b"%PDF-" + b"0" * (MAX_BYTES - 5)
    assert len(data) == MAX_BYTES
    assert check_upload("big.pdf", data) == "application/pdf"


def test_one_byte_over_the_limit_is_refused_saying_both_sizes():
    data = b"%PDF-" + b"0" * (MAX_BYTES - 4)
    with pytest.raises(InvalidInput) as caught:
        check_upload("big.pdf", data)
    message = caught.value.message
    assert "ไม่เกิน 10 MB" in message
    assert "10.1 MB" in message  # rounded up: never shows "10.0 MB" as too large against 10 MB


def test_the_size_is_shown_with_one_decimal():
    data = b"%PDF-" + b"0" * (int(12.34 * 1024 * 1024))
    with pytest.raises(InvalidInput, match=r"12\.4 MB"):
        check_upload("big.pdf", data)


def test_a_custom_limit_is_honoured_and_shown():
    assert check_upload("a.png", PNG, max_bytes=len(PNG)) == "image/png"
    with pytest.raises(InvalidInput, match=r"ไม่เกิน 0\.5 MB"):
        check_upload("a.pdf", b"%PDF-" + b"0" * (1024 * 1024), max_bytes=512 * 1024)


def test_the_size_check_comes_before_the_type_check():
    with pytest.raises(InvalidInput, match="ใหญ่เกินกำหนด"):
        check_upload("huge.gif", GIF + b"0" * MAX_BYTES)


def test_the_name_shown_in_a_message_is_cleaned():
    with pytest.raises(InvalidInput) as caught:
        check_upload("../../x/evil\nname.pdf", b"")
    assert "evilname.pdf" in caught.value.message
    assert "\n" not in caught.value.message
    assert "../" not in caught.value.message


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("../../etc/passwd", "passwd"),
        ("..\\..\\Windows\\system.ini", "system.ini"),
        ("C:\\Users\\somchai\\บัตรประชาชน.jpg", "บัตรประชาชน.jpg"),
        ("ราย\nงาน.pdf", "รายงาน.pdf"),
        ("report\r\n\t.pdf", "report.pdf"),
        ("a\x00b\x1fc\x7f.png", "abc.png"),
        ("  ใบสมัคร   กลุ่ม .pdf  ", "ใบสมัคร กลุ่ม .pdf"),
        ("photo\u202egpj.exe", "photogpj.exe"),  # no right-to-left override trick
        ("สำเนา\u200bทะเบียนบ้าน.pdf", "สำเนา\u200bทะเบียนบ้าน.pdf"),  # Thai word joiner kept
        (".hidden.pdf", "hidden.pdf"),
        ("form.pdf", "form.pdf"),
    ],
)
def test_clean_filename(raw, expected):
    assert clean_filename(raw) == expected


@pytest.mark.parametrize("raw", ["", "   ", "..", "../", "/", "dir/", "\n\t", "...", None])
def test_clean_filename_falls_back_when_nothing_is_left(raw):
    assert clean_filename(raw) == FALLBACK_NAME


def test_clean_filename_keeps_at_most_120_characters_and_the_extension():
    long_name = "ก" * 300 + ".pdf"
    cleaned = clean_filename(long_name)
    assert len(cleaned) == MAX_NAME_LENGTH
    assert cleaned.endswith(".pdf")
    assert cleaned.startswith("ก")


def test_clean_filename_cuts_a_long_name_without_a_usable_extension():
    assert clean_filename("x" * 200) == "x" * MAX_NAME_LENGTH
    assert clean_filename("x" * 100 + "." + "y" * 100) == ("x" * 100 + "." + "y" * 100)[:120]


def test_a_name_of_exactly_120_characters_is_kept_whole():
    name = "n" * 116 + ".png"
    assert clean_filename(name) == name
