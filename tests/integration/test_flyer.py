"""The district's publicity flyer from the database: who may print it, for which round, and the
audit event it leaves."""

from __future__ import annotations

import json
import re
import subprocess
import unicodedata
from datetime import date, datetime

import pytest
from sqlalchemy import select

import settings
from core.errors import InvalidInput, PermissionDenied
from core.roles import Role
from core.thai import to_arabic_digits
from db.models import AuditEvent, DistrictOffice, RoundDistrict
from services import auth
from services import flyer as flyers
from tests.factories import make_round, make_user


def squash(text: str) -> str:
    text = to_arabic_digits(re.sub(r"[\s\u200b]+", "", text))
    return "".join(c for c in text if unicodedata.category(c) != "Mn")


def pdf_text(data: bytes, tmp_path) -> str:  # type: ignore[no-untyped-def]
    path = tmp_path / "flyer.pdf"
    path.write_bytes(data)
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True, text=True
    )
    return squash(out.stdout)


def actor(db, role: Role, *, district: str | None = "2701", province: str | None = "27"):  # type: ignore[no-untyped-def]
    return auth.actor_of(db, make_user(db, role, district=district, province=province))


@pytest.fixture
def office(db):  # type: ignore[no-untyped-def]
    row = DistrictOffice(
        district_code="2701",
        province_code="27",
        office_name="สำนักงานพัฒนาชุมชนอำเภอเมืองสระแก้ว",
        phone="03-742-5101",
        address="ที่ว่าการอำเภอเมืองสระแก้ว ถนนสุวรรณศร",
    )
    db.add(row)
    db.flush()
    return row


def flyer_events(db) -> list[AuditEvent]:  # type: ignore[no-untyped-def]
    return list(
        db.scalars(
            select(AuditEvent).where(
                AuditEvent.action == "printout_made", AuditEvent.entity == "district"
            )
        )
    )


def test_the_district_officer_gets_the_flyer_with_the_round_and_the_office(
    db, office, today, now, tmp_path
):
    rnd = make_round(db, cadence=6)
    made = flyers.flyer(db, actor(db, Role.DISTRICT_OFFICER), "2701", today=today, now=now)
    assert made.filename == "flyer-2701-2570.pdf" and made.mime == "application/pdf"
    said = pdf_text(made.data, tmp_path)
    for phrase in [
        "ขอเชิญสมัครเข้าร่วมระบบมาตรฐานการพัฒนาชุมชน(มชช.)ปีงบประมาณ2570",
        f"1 ตุลาคม {rnd.opens_on.year + 543}",
        f"31 มีนาคม {rnd.closes_on.year + 543}",
        "ทุก 6 เดือน",
        "สำนักงานพัฒนาชุมชนอำเภอเมืองสระแก้ว",
        "03-742-5101",
        "ถนนสุวรรณศร",
        flyers.register_url("2701"),
    ]:
        assert squash(phrase) in said, phrase


def test_the_register_url_preselects_the_district(monkeypatch):
    monkeypatch.setenv("PORTAL_BASE_URL", "https://mchch.example.go.th/")
    settings.get.cache_clear()
    try:
        assert flyers.register_url("2706") == "https://mchch.example.go.th/register?district=2706"
    finally:
        settings.get.cache_clear()


def test_making_the_flyer_is_audited(db, office, today, now):
    rnd = make_round(db)
    officer = actor(db, Role.DISTRICT_OFFICER)
    flyers.flyer(db, officer, "2701", today=today, now=now)
    (event,) = flyer_events(db)
    assert (event.actor_id, event.entity_id, event.at) == (officer.user_id, 2701, now)
    detail = json.loads(event.detail or "{}")
    assert detail == {"document": "flyer", "district_code": "2701", "round_id": rnd.id}


def test_a_district_without_an_office_row_gets_its_default_office_name(db, today, now, tmp_path):
    make_round(db)
    made = flyers.flyer(db, actor(db, Role.DISTRICT_OFFICER), "2701", today=today, now=now)
    assert squash("สำนักงานพัฒนาชุมชนอำเภอเมืองสระแก้ว") in pdf_text(made.data, tmp_path)


def test_the_province_officer_prints_any_district_of_the_province(db, today, now):
    rnd = make_round(db)
    rnd.districts.append(RoundDistrict(district_code="2706"))
    db.flush()
    province = actor(db, Role.PROVINCE_OFFICER, district=None)
    made = flyers.flyer(db, province, "2706", today=today, now=now)
    assert made.filename == "flyer-2706-2570.pdf"


@pytest.mark.parametrize(
    ("role", "district", "province"),
    [
        (Role.DISTRICT_OFFICER, "2706", "27"),  # another district
        (Role.PROVINCE_OFFICER, None, "25"),  # another province
        (Role.APPLICANT, "2701", "27"),
        (Role.ADVISOR, None, None),
    ],
    ids=["officer-of-another-district", "province-of-another-province", "applicant", "advisor"],
)
def test_others_may_not_print_the_district_flyer(db, today, now, role, district, province):
    make_round(db)
    someone = actor(db, role, district=district, province=province)
    with pytest.raises(PermissionDenied):
        flyers.flyer(db, someone, "2701", today=today, now=now)
    assert flyer_events(db) == []


def test_no_flyer_without_a_round(db, today, now):
    with pytest.raises(InvalidInput, match="ยังไม่ได้เปิดรอบ"):
        flyers.flyer(db, actor(db, Role.DISTRICT_OFFICER), "2701", today=today, now=now)
    assert flyer_events(db) == []


def test_no_flyer_for_a_district_outside_the_round(db, today, now):
    make_round(db)  # 2701 only
    officer = actor(db, Role.DISTRICT_OFFICER, district="2706")
    with pytest.raises(InvalidInput, match="ไม่ได้อยู่ในรอบ"):
        flyers.flyer(db, officer, "2706", today=today, now=now)


def test_no_flyer_for_a_round_the_province_closed(db, today, now):
    rnd = make_round(db)
    rnd.closed_at = datetime(2026, 11, 20)
    db.flush()
    with pytest.raises(InvalidInput, match="ปิดรับสมัครแล้ว"):
        flyers.flyer(db, actor(db, Role.DISTRICT_OFFICER), "2701", today=today, now=now)


def test_no_flyer_once_the_application_period_is_over(db, now):
    make_round(db)  # closes 31 March 2570 (2027)
    officer = actor(db, Role.DISTRICT_OFFICER)
    with pytest.raises(InvalidInput, match="ปิดรับสมัครแล้ว"):
        flyers.flyer(db, officer, "2701", today=date(2027, 4, 1), now=now)


def test_a_round_not_open_yet_can_already_be_publicised(db, now):
    make_round(db)  # opens 1 October 2569 (2026)
    officer = actor(db, Role.DISTRICT_OFFICER)
    made = flyers.flyer(db, officer, "2701", today=date(2026, 9, 1), now=now)
    assert made.filename == "flyer-2701-2570.pdf"


@pytest.mark.parametrize(
    ("address", "local"),
    [
        ("http://localhost:8501", True),
        ("http://127.0.0.1:8611/", True),
        ("https://mchch.sakaeo.go.th", False),
        ("https://portal.cdd.go.th/mchch", False),
    ],
)
def test_a_portal_address_naming_this_machine_is_flagged(monkeypatch, address, local):
    monkeypatch.setenv("PORTAL_BASE_URL", address)
    settings.get.cache_clear()
    try:
        assert flyers.address_only_here() is local
    finally:
        settings.get.cache_clear()


def test_why_none_tells_the_reason_before_a_button_is_offered(db, today):
    rnd = make_round(db)
    province = auth.actor_of(db, make_user(db, Role.PROVINCE_OFFICER, district=None))
    assert flyers.why_none(db, province, "2701", today=today) is None
    assert "ไม่ได้อยู่ในรอบ" in (flyers.why_none(db, province, "2702", today=today) or "")
    stranger = auth.actor_of(db, make_user(db, Role.DISTRICT_OFFICER, district="2702"))
    with pytest.raises(PermissionDenied):
        flyers.why_none(db, stranger, "2701", today=today)
    rnd.closed_at = datetime(2026, 11, 20)
    db.flush()
    assert "ปิดรับสมัครแล้ว" in (flyers.why_none(db, province, "2701", today=today) or "")
