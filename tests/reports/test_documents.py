"""Odd inputs still give a valid PDF: many indicators, very long or foreign text, empty fields."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from reports.application_form import ApplicationFormData, CheckItem, application_form_pdf
from reports.certificate import CertificateData, certificate_pdf
from reports.summary import ActivityDone, IndicatorResult, RoundResult, SummaryData, summary_pdf

pytestmark = pytest.mark.skipif(
    shutil.which("pdfinfo") is None, reason="poppler-utils is installed by .ci/run"
)
ODD = "กลุ่ม😀 ทอผ้า\x00 中文 Ünïcødé ☃ \u202e reversed \ufeff"
LONG = "กลุ่มออมทรัพย์เพื่อการผลิตและสวัสดิการชุมชนบ้านโคกสูงหมู่ที่ห้า" * 6


def pages(data: bytes, tmp_path: Path) -> int:
    path = tmp_path / "doc.pdf"
    path.write_bytes(data)
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True, text=True)
    return int(
        next(line for line in out.stdout.splitlines() if line.startswith("Pages:")).split()[1]
    )


def summary_data(count: int, **changes) -> SummaryData:  # type: ignore[no-untyped-def]
    base = dict(
        reference="มชช. 2701/2570/00001",
        office="สำนักงานพัฒนาชุมชนอำเภอเมืองสระแก้ว",
        type_label="ชุมชน",
        name="ชุมชนบ้านท่าเกษม",
        area="หมู่ที่ 1 ตำบลสระแก้ว อำเภอเมืองสระแก้ว จังหวัดสระแก้ว",
        fiscal_year="ปีงบประมาณ 2570",
        cadence="ทุก 3 เดือน",
        lead_team=[("นายสมชาย ใจดี", "ประธาน")],
        advisors=[("นายวิชัย ปัญญาดี", "นอกชุมชน")],
        indicators=[
            IndicatorResult(
                f"ตัวชี้วัดที่ {i} ครัวเรือนทำบัญชีรับจ่าย Household accounts",
                "ร้อยละ",
                "40%",
                "80%",
                [RoundResult(f"ครั้งที่ {r}", 20.0 * r, f"{40 + 10 * r}%") for r in range(1, 5)],
            )
            for i in range(1, count + 1)
        ],
        round_labels=[f"ครั้งที่ {r}" for r in range(1, 5)],
        activities=[ActivityDone("อบรมการทำบัญชี", "1 ธ.ค. 2569 – 31 มี.ค. 2570", None, "-")],
        achievements="ครัวเรือนมีเงินออมเพิ่มขึ้น",
        lessons=None,
        next_steps=None,
        signer="นายสมชาย ใจดี",
        printed_on="24 พฤศจิกายน 2569",
    )
    base.update(changes)
    return SummaryData(**base)  # type: ignore[arg-type]


def test_sixty_indicators_make_a_longer_valid_summary(tmp_path):
    ten = pages(summary_pdf(summary_data(10)), tmp_path)
    sixty = pages(summary_pdf(summary_data(60)), tmp_path)
    assert sixty > ten >= 2


def test_odd_long_and_empty_text_still_gives_a_summary(tmp_path):
    data = summary_data(
        3,
        name=ODD + LONG,
        area="",
        lead_team=[],
        advisors=[(LONG, ODD)],
        indicators=[
            IndicatorResult(LONG, None, None, None, [RoundResult("ครั้งที่ 1", None, None)]),
            IndicatorResult(ODD, ODD, ODD, ODD, []),
            IndicatorResult(
                "x", "", "", "", [RoundResult("1", 250.0, LONG), RoundResult("2", -5, "")]
            ),
        ],
        activities=[],
        achievements=None,
        signer="",
        thai_digits=True,
    )
    assert pages(summary_pdf(data), tmp_path) >= 1


def test_odd_application_form_and_certificate(tmp_path):
    form = ApplicationFormData(
        reference="",
        office=ODD,
        district_name="",
        type_label="ผู้นำชุมชน",
        fiscal_year="",
        fields=[("ชื่อ - สกุล", LONG), ("เลขประจำตัวประชาชน", None), (ODD, "")],
        qualifications=[CheckItem(LONG, True), CheckItem("", False)],
        lead_team=[(LONG, None, None)],
        advisors=[],
        documents=[],
        signer=ODD,
        signer_role="ผู้สมัคร",
        written_on="",
    )
    assert pages(application_form_pdf(form), tmp_path) >= 1
    certificate = CertificateData(
        office="สำนักงานพัฒนาชุมชนจังหวัดสระแก้ว",
        number="มชช. 27/2570/0001",
        verification_code="W3WHA33V2C",
        verify_url="http://localhost:8501/certificate?code=W3WHA33V2C",
        name=LONG,
        type_label="กลุ่ม/องค์กรชุมชน",
        area=ODD,
        fiscal_year="ปีงบประมาณ 2570",
        announced_on="24 พฤศจิกายน 2569",
        signer_title="พัฒนาการจังหวัดสระแก้ว",
    )
    assert pages(certificate_pdf(certificate), tmp_path) == 1  # framed: one page, never two


def test_every_page_says_its_number_and_the_total_in_thai_digits(tmp_path):
    path = tmp_path / "numbered.pdf"
    path.write_bytes(summary_pdf(summary_data(30, thai_digits=True)))
    total = pages(path.read_bytes(), tmp_path)
    assert total > 2
    for page in range(1, total + 1):
        text = subprocess.run(
            ["pdftotext", "-f", str(page), "-l", str(page), "-enc", "UTF-8", str(path), "-"],
            capture_output=True,
            check=True,
            text=True,
        ).stdout
        squashed = "".join(text.split()).replace("\u200b", "")
        number = f"{page}/{total}".translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))
        assert squashed.count(f"หน้า{number}") == 1, (page, squashed[-40:])
