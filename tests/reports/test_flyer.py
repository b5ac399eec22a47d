"""The district's flyer: one A4 page whatever the office typed, the letter's facts, a QR code
that scans to the registration page.

Needs poppler-utils and zbar-tools (zbarimg): no skip when missing, the QR check must run."""

from __future__ import annotations

import re
import subprocess
import unicodedata
from dataclasses import replace
from pathlib import Path

import pytest

from core.applicant_types import QUALIFICATIONS, TYPE_LABELS
from core.steps import STEP_TITLES
from core.thai import to_arabic_digits
from reports.flyer import FlyerData, flyer_pdf

URL = "https://mchch.example.go.th/register?district=2701"
LONG_NAME = ("สำนักงานพัฒนาชุมชนอำเภอเมืองสระแก้วและศูนย์ประสานงานเครือข่าย" * 4)[:200]
LONG_ADDRESS = ("ที่ว่าการอำเภอเมืองสระแก้ว ชั้น 2 ถนนสุวรรณศร ตำบลสระแก้ว 27000 " * 6)[:300]


def data(**changes) -> FlyerData:  # type: ignore[no-untyped-def]
    base = FlyerData(
        office="สำนักงานพัฒนาชุมชนอำเภอเมืองสระแก้ว",
        phone="03-742-5101",
        address="ที่ว่าการอำเภอเมืองสระแก้ว ถนนสุวรรณศร ตำบลสระแก้ว จังหวัดสระแก้ว 27000",
        fiscal_year="ปีงบประมาณ 2570",
        opens_on="1 ตุลาคม 2569",
        closes_on="31 มีนาคม 2570",
        cadence_months=6,
        register_url=URL,
        applicant_types=[
            (TYPE_LABELS[kind], [q.text for q in qualifications])
            for kind, qualifications in QUALIFICATIONS.items()
        ],
        steps=STEP_TITLES,
    )
    return replace(base, **changes)


def squash(text: str) -> str:
    """As compared: no spaces, Arabic digits, no marks above or below the line (pdftotext gives
    shaped Thai's marks in glyph order)."""
    text = to_arabic_digits(re.sub(r"[\s\u200b]+", "", text))
    return "".join(c for c in text if unicodedata.category(c) != "Mn")


def run(*command: str) -> str:
    return subprocess.run(command, capture_output=True, check=True, text=True).stdout


def saved(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "flyer.pdf"
    path.write_bytes(pdf)
    return str(path)


def pages(path: str) -> int:
    info = run("pdfinfo", path)
    return int(re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE).group(1))  # type: ignore[union-attr]


def text(path: str) -> str:
    return squash(run("pdftotext", "-enc", "UTF-8", path, "-"))


def test_the_flyer_is_one_page(tmp_path):
    assert pages(saved(flyer_pdf(data()), tmp_path)) == 1


@pytest.mark.parametrize(
    "changes",
    [
        {"address": LONG_ADDRESS},
        {"office": LONG_NAME},
        {"office": LONG_NAME, "address": LONG_ADDRESS, "phone": "03-742-5101 ต่อ 12, 081-234-5678"},
    ],
    ids=["long-address", "long-office-name", "everything-long"],
)
def test_long_office_details_are_cut_not_spilled_to_a_second_page(tmp_path, changes):
    path = saved(flyer_pdf(data(**changes)), tmp_path)
    assert pages(path) == 1
    said = text(path)
    assert "..." in said
    assert squash(URL) in said  # the bottom block is still there, whole


def test_a_long_portal_address_is_printed_whole_on_the_one_page(tmp_path):
    url = "https://" + "portal." * 10 + "example.go.th/register?district=2701"
    path = saved(flyer_pdf(data(register_url=url)), tmp_path)
    assert pages(path) == 1
    assert squash(url) in text(path)


def test_a_cut_address_keeps_its_beginning(tmp_path):
    said = text(saved(flyer_pdf(data(address=LONG_ADDRESS)), tmp_path))
    assert squash(LONG_ADDRESS[:60]) in said
    assert squash(LONG_ADDRESS) not in said


def test_the_flyer_says_what_the_letter_says(tmp_path):
    said = text(saved(flyer_pdf(data()), tmp_path))
    expected = [
        "ขอเชิญสมัครเข้าร่วมระบบมาตรฐานการพัฒนาชุมชน (มชช.) ปีงบประมาณ 2570",
        "ระบบมาตรฐานงานชุมชน",
        "สมัครใจ",
        "ไม่ใช่การประกวด",
        "แข่งกับตัวเอง",
        "1 ตุลาคม 2569",
        "31 มีนาคม 2570",
        "ทุก 6 เดือน",
        "สำนักงานพัฒนาชุมชนอำเภอเมืองสระแก้ว",
        "03-742-5101",
        "ถนนสุวรรณศร",
        *TYPE_LABELS.values(),
        *(q.text for qualifications in QUALIFICATIONS.values() for q in qualifications),
        *STEP_TITLES,
    ]
    for phrase in expected:
        assert squash(phrase) in said, phrase


def test_dates_are_in_thai_digits_and_the_url_in_arabic(tmp_path):
    raw = run("pdftotext", "-enc", "UTF-8", saved(flyer_pdf(data()), tmp_path), "-")
    flat = re.sub(r"[\s\u200b]+", "", raw)
    assert "๒๕๗๐" in flat and "2570" not in flat.replace(URL, "")
    assert URL in flat


def test_arabic_digits_throughout_when_the_setting_says_so(tmp_path):
    path = saved(flyer_pdf(data(thai_digits=False)), tmp_path)
    raw = run("pdftotext", "-enc", "UTF-8", path, "-")
    assert not re.search("[๐-๙]", raw)


def test_the_qr_code_scans_to_the_registration_url(tmp_path):
    path = saved(flyer_pdf(data()), tmp_path)
    run("pdftoppm", "-r", "200", "-png", "-singlefile", path, str(tmp_path / "page"))
    scanned = run("zbarimg", "--raw", "-q", str(tmp_path / "page.png")).strip()
    assert scanned == URL
