"""The printed documents from real data: what they say, their fonts, who may have them."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from sqlalchemy import select

from core.applicant_types import ApplicantType
from core.errors import InvalidInput, PermissionDenied
from core.roles import Role
from core.thai import to_arabic_digits
from core.workflow import Status
from db.models import Applicant, Application, AuditEvent, Indicator, Round, User
from services import announce, auth, demo, printouts, timeline
from tests.factories import make_application, make_round, make_user

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="poppler-utils is installed by .ci/run"
)


def squash(text: str) -> str:
    """Text as compared: no spaces or zero-width spaces, Arabic digits, and no marks above or
    below the line — pdftotext gives shaped Thai's marks in glyph order (ผู้ reads back as ผูส้),
    so the consonants and spacing vowels are what is compared."""
    text = to_arabic_digits(re.sub(r"[\s\u200b]+", "", text))
    return "".join(c for c in text if unicodedata.category(c) != "Mn")


def pdf_text(data: bytes, tmp_path: Path) -> str:
    path = tmp_path / "doc.pdf"
    path.write_bytes(data)
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout
    return squash(text)


def fonts(data: bytes, tmp_path: Path) -> list[str]:
    path = tmp_path / "fonts.pdf"
    path.write_bytes(data)
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, check=True, text=True)
    return [line.split()[0] for line in out.stdout.splitlines()[2:] if line.strip()]


@pytest.fixture
def seeded(db, today, now):
    demo.seed(db, password="demo-password-1", today=today, now=now)

    def user(name: str):  # type: ignore[no-untyped-def]
        return auth.actor_of(db, db.scalar(select(User).where(User.username == name)))

    def unit(name: str) -> Application:
        return db.scalar(select(Application).join(Applicant).where(Applicant.name == name))

    return user, unit


def test_summary_says_what_the_application_holds_in_sarabun(db, seeded, today, now, tmp_path):
    user, unit = seeded
    community = unit("ชุมชนบ้านท่าเกษม")
    made = printouts.summary(db, user("applicant-community"), community.id, today=today, now=now)
    assert made.data.startswith(b"%PDF") and made.filename == f"summary-{community.id}.pdf"
    text = pdf_text(made.data, tmp_path)
    expected = [
        "สรุปผลการประเมินตนเองตามระบบมาตรฐานการพัฒนาชุมชน(มชช.)",
        "ชุมชนบ้านท่าเกษม",
        "อำเภอเมืองสระแก้ว",
        "ปีงบประมาณ",
        f"มชช.2701/{db.get(Round, community.round_id).fiscal_year}/{community.id:05d}",
        "ทีมแกนนำและที่ปรึกษา",
        "ผลสำเร็จที่เกิดขึ้น",
        "บทเรียนที่ได้รับ",
        "การพัฒนาต่อไป",
        "ลงชื่อ",
        "หน้า1/",
    ]
    for indicator in community_indicators(db, community):
        expected.append(squash(indicator)[:25])
    for phrase in expected:
        assert squash(phrase) in text, phrase
    assert squash(community.achievements or "")[:20] in text
    embedded = fonts(made.data, tmp_path)
    assert embedded and all(f.split("+")[-1].startswith("Sarabun") for f in embedded), embedded


def community_indicators(db, application: Application) -> list[str]:  # type: ignore[no-untyped-def]
    return list(
        db.scalars(select(Indicator.title).where(Indicator.application_id == application.id))
    )


@pytest.mark.parametrize("kind", list(ApplicantType))
def test_application_form_of_each_type_is_filled_in(db, seeded, today, now, tmp_path, kind):
    user, _ = seeded
    application = db.scalar(
        select(Application).join(Applicant).where(Applicant.type == kind).order_by(Application.id)
    )
    made = printouts.application_form(db, user("province"), application.id, today=today, now=now)
    text = pdf_text(made.data, tmp_path)
    for phrase in [
        "ใบสมัครเข้าสู่ระบบมาตรฐานการพัฒนาชุมชน(มชช.)",
        squash(application.applicant.name),
        "คุณสมบัติของผู้สมัคร",
        "เอกสารประกอบการสมัคร",
        "ใบสมัคร",
        "ลงชื่อ",
    ]:
        assert squash(phrase) in text, phrase
    if kind is ApplicantType.LEADER:
        # Only the masked ID is stored, and only it is printed.
        assert squash(application.applicant.national_id_masked or "x") in text
        assert not re.search(r"\d{13}", text)
    assert all(f.split("+")[-1].startswith("Sarabun") for f in fonts(made.data, tmp_path))


def test_certificate_only_after_the_announcement_with_a_code_that_checks(
    db, seeded, today, now, tmp_path
):
    user, unit = seeded
    savings = unit("กลุ่มออมทรัพย์เพื่อการผลิตบ้านโคกสูง")
    province = user("province")
    with pytest.raises(InvalidInput):
        printouts.certificate(db, province, savings.id, now=now)
    announce.announce(
        db,
        province,
        [savings.id],
        announced_on=today,
        expected_versions={savings.id: savings.version},
        now=now,
        today=today,
    )
    made = printouts.certificate(db, user("applicant-savings"), savings.id, now=now)
    cert = printouts.certificate_of(db, province, savings.id)
    text = pdf_text(made.data, tmp_path)
    for phrase in ["ใบประกาศ", "กลุ่มออมทรัพย์เพื่อการผลิตบ้านโคกสูง", cert.number]:
        assert squash(phrase) in text, phrase
    assert cert.verification_code in text
    checked = printouts.check_certificate(db, f" {cert.verification_code.lower()} ")
    assert checked is not None and checked.number == cert.number
    assert checked.name == "กลุ่มออมทรัพย์เพื่อการผลิตบ้านโคกสูง"
    assert printouts.check_certificate(db, "NOTACODE22") is None
    assert printouts.check_certificate(db, "") is None
    assert printouts.verify_url(cert.verification_code).endswith(
        f"/certificate?code={cert.verification_code}"
    )


def test_nobody_prints_what_they_may_not_see(db, today, now):
    rnd = make_round(db)
    owner = make_user(db)
    other = auth.actor_of(db, make_user(db))
    elsewhere = auth.actor_of(db, make_user(db, Role.DISTRICT_OFFICER, district="2702"))
    committee_elsewhere = auth.actor_of(db, make_user(db, Role.COMMITTEE, district="2702"))
    application = make_application(db, owner, rnd, status=Status.SUBMITTED)
    for actor in (other, elsewhere, committee_elsewhere):
        with pytest.raises(PermissionDenied):
            printouts.summary(db, actor, application.id, today=today, now=now)
        with pytest.raises(PermissionDenied):
            printouts.application_form(db, actor, application.id, today=today, now=now)
        with pytest.raises(PermissionDenied):
            printouts.certificate(db, actor, application.id, now=now)
    mine = printouts.summary(db, auth.actor_of(db, owner), application.id, today=today, now=now)
    assert mine.data.startswith(b"%PDF")


def test_making_a_document_is_recorded(db, today, now):
    rnd = make_round(db)
    owner = make_user(db)
    officer = auth.actor_of(db, make_user(db, Role.DISTRICT_OFFICER))
    application = make_application(db, owner, rnd, status=Status.SUBMITTED)
    printouts.application_form(db, officer, application.id, today=today, now=now)
    event = db.scalar(
        select(AuditEvent).where(
            AuditEvent.action == "printout_made", AuditEvent.application_id == application.id
        )
    )
    assert event is not None and event.actor_id == officer.user_id


def test_a_printout_is_in_the_audit_log_but_not_in_the_applications_timeline(db, today, now):
    rnd = make_round(db)
    owner = make_user(db)
    application = make_application(db, owner, rnd, status=Status.SUBMITTED)
    owner_actor = auth.actor_of(db, owner)
    printouts.application_form(db, owner_actor, application.id, today=today, now=now)
    assert db.scalar(select(AuditEvent).where(AuditEvent.action == "printout_made")) is not None
    shown = {e.action for e in timeline.timeline(db, owner_actor, application.id)}
    assert "printout_made" not in shown
