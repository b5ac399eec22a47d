"""The round's publicity on screen: the public announcement in each state, the officer's
invitation page, and the follow-up numbers (AppTest on the demo database)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

import settings
from core.applicant_types import ApplicantType
from core.publicity import ContactMethod
from db import migrate
from db.models import (
    AuditEvent,
    Invitation,
    InvitationContact,
    RegistryEntry,
    Round,
    RoundDistrict,
)
from services import data_versions
from tests.databases import configured_urls, fresh_database
from tests.ui.conftest import log_in, new_app, texts

INVITE = "views/invite.py"
NUMBERS = "views/publicity_numbers.py"


@pytest.fixture
def forget_invitations(demo_db: Session) -> Iterator[None]:
    """Invitations a test records in the shared demo database (beyond the demo's own), removed
    afterwards."""
    before = demo_db.scalar(select(func.max(Invitation.id))) or 0
    demo_db.rollback()
    yield
    demo_db.rollback()
    new = select(Invitation.id).where(Invitation.id > before)
    demo_db.execute(
        delete(AuditEvent).where(AuditEvent.entity == "invitation", AuditEvent.entity_id.in_(new))
    )
    demo_db.execute(delete(InvitationContact).where(InvitationContact.invitation_id.in_(new)))
    demo_db.execute(delete(Invitation).where(Invitation.id > before))
    demo_db.commit()


DEMO_INVITATIONS = 4  # Mueang's, from services/demo_publicity.py


def _stored(demo_db: Session) -> list[Invitation]:
    """The invitations as saved, read in a transaction that ends at once: on SQLite an open one
    would hold the write lock the next AppTest run needs."""
    found = list(demo_db.scalars(select(Invitation).order_by(Invitation.id)))
    found = [i for i in found if i.district_code == "2701"][DEMO_INVITATIONS:]
    for i in found:
        demo_db.expunge(i)
    demo_db.rollback()
    return found


def _announced(at) -> str:  # type: ignore[no-untyped-def]
    return "\n".join([s.value for s in at.success] + [i.value for i in at.info])


# ----------------------------------------------------------------------------- announcement


def test_an_open_round_is_announced_as_taking_applications():
    at = new_app().run()
    assert not at.exception
    assert "ปีงบประมาณ 2570 จังหวัดสระแก้ว — เปิดรับสมัคร" in "\n".join(s.value for s in at.success)


def test_a_closed_round_says_applications_are_closed(monkeypatch):
    monkeypatch.setenv("DEMO_TODAY", "2027-10-05")  # fiscal year 2571: no round yet, 2570 closed
    settings.get.cache_clear()
    at = new_app().run()
    assert not at.exception
    assert at.success == [] or all("เปิดรับสมัคร**" not in s.value for s in at.success)
    assert "ปีงบประมาณ 2570 จังหวัดสระแก้ว — ปิดรับสมัครแล้ว" in _announced(at)


def test_a_future_round_says_when_it_opens(demo_db):
    future = Round(
        fiscal_year=2570,
        province_code="10",
        opens_on=date(2027, 1, 1),
        closes_on=date(2027, 3, 31),
        cadence_months=6,
    )
    future.districts = [RoundDistrict(district_code="1001")]
    demo_db.add(future)
    data_versions.bump(demo_db, data_versions.ROUNDS)  # as the round's service does
    demo_db.commit()
    try:
        at = new_app().run()
        assert not at.exception
        text = _announced(at)
        assert "ปีงบประมาณ 2570 จังหวัดกรุงเทพมหานคร — ยังไม่เปิดรับสมัคร" in text
        assert "รับสมัคร 1 มกราคม 2570 ถึง 31 มีนาคม 2570 · ประเมินตนเองทุก 6 เดือน" in text
    finally:
        demo_db.delete(future)
        data_versions.bump(demo_db, data_versions.ROUNDS)
        demo_db.commit()


def test_without_any_round_the_page_says_whom_to_ask(monkeypatch):
    with fresh_database(configured_urls()[0]) as url:
        migrate.upgrade(url)
        monkeypatch.setenv("DATABASE_URL", url)
        settings.get.cache_clear()
        at = new_app().run()
        assert not at.exception
        assert [i.value for i in at.info][:1] == [
            "ขณะนี้ยังไม่มีการประกาศรับสมัครรอบใหม่ สอบถามได้ที่สำนักงานพัฒนาชุมชนอำเภอใกล้บ้าน"
        ]
        assert at.success == []


# ----------------------------------------------------------------------------- invitations


def _invite_page():  # type: ignore[no-untyped-def]
    at = log_in("officer-muang")
    at.switch_page(INVITE).run()
    assert not at.exception, at.exception
    return at


def _submit(at, label: str = "บันทึกการเชิญ"):  # type: ignore[no-untyped-def]
    next(b for b in at.button if b.label == label).click().run()
    assert not at.exception, at.exception
    return at


def _fill_new(at, *, phone: str):  # type: ignore[no-untyped-def]
    at.radio(key="invite_section").set_value("new").run()
    at.selectbox(key="invite_new_0_type").set_value(ApplicantType.GROUP)
    at.text_input(key="invite_new_0_name").input("กลุ่มเยาวชนรักษ์ถิ่น")
    at.text_input(key="invite_new_0_contact").input("นายใหม่ ใจดี")
    at.text_input(key="invite_new_0_phone").input(phone)
    at.selectbox(key="invite_new_0_method").set_value(ContactMethod.MEETING)
    return at


def test_the_officer_records_a_new_group_and_finds_it_in_the_list(demo_db, forget_invitations):
    at = _fill_new(_invite_page(), phone="062 555 0000")
    _submit(at)
    assert "บันทึกการเชิญ กลุ่มเยาวชนรักษ์ถิ่น แล้ว" in [s.value for s in at.success]
    [found] = _stored(demo_db)
    assert (found.name, found.phone, found.district_code) == (
        "กลุ่มเยาวชนรักษ์ถิ่น",
        "062-555-0000",
        "2701",
    )
    at.radio(key="invite_section").set_value("list").run()
    shown = texts(at)
    assert "**กลุ่มเยาวชนรักษ์ถิ่น**" in shown
    assert "ในการประชุม" in shown and "ยังไม่ตอบ" in shown


def test_a_bad_phone_is_explained_keeps_what_was_typed_and_saves_nothing(
    demo_db, forget_invitations
):
    at = _fill_new(_invite_page(), phone="12")
    _submit(at)
    assert any("เบอร์โทรศัพท์" in e.value for e in at.error)
    assert _stored(demo_db) == []
    assert at.text_input(key="invite_new_0_name").value == "กลุ่มเยาวชนรักษ์ถิ่น"


def test_a_past_unit_is_invited_again_from_the_list_with_its_details_filled_in(
    demo_db, forget_invitations
):
    at = _invite_page()
    at.radio(key="invite_section").set_value("past").run()
    assert "พบ 4 หน่วย" in texts(at)
    leader = demo_db.scalar(select(RegistryEntry.id).where(RegistryEntry.name == "นายสมศักดิ์ รักบ้าน"))
    demo_db.rollback()
    at.button(key=f"past_{leader}").click().run()
    prefix = f"invite_past_{leader}_0"
    assert at.text_input(key=f"{prefix}_name").value == "นายสมศักดิ์ รักบ้าน"
    assert at.text_input(key=f"{prefix}_village").value == "หมู่ที่ 9"
    at.selectbox(key=f"{prefix}_method").set_value(ContactMethod.LETTER)
    _submit(at)
    [invitation] = _stored(demo_db)
    assert (invitation.name, invitation.registry_entry_id) == ("นายสมศักดิ์ รักบ้าน", leader)
    assert "เชิญแล้วในปีนี้" in texts(at)


def test_the_outcome_is_recorded_from_the_card(demo_db, forget_invitations):
    at = _fill_new(_invite_page(), phone="062 555 0000")
    _submit(at)
    at.radio(key="invite_section").set_value("list").run()
    [invitation] = _stored(demo_db)
    at.radio(key=f"invf_{invitation.id}_outcome_pick").set_value("declined")
    at.text_input(key=f"invf_{invitation.id}_outcome_note").input("ยังไม่พร้อมปีนี้")
    _submit(at, "บันทึกผล")
    assert "บันทึกผลการเชิญแล้ว" in [s.value for s in at.success]
    assert _stored(demo_db)[0].outcome_note == "ยังไม่พร้อมปีนี้"
    assert "ปฏิเสธ" in texts(at)


# ----------------------------------------------------------------------------- numbers


def test_the_officer_sees_the_districts_numbers_and_the_province_each_district():
    at = log_in("officer-muang")
    at.switch_page(NUMBERS).run()
    assert not at.exception, at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert list(metrics)[:2] == ["ได้รับเชิญ", "ลงทะเบียน"]
    assert int(metrics["ลงทะเบียน"]) >= 1
    assert "อำเภอเมืองสระแก้ว · ปีงบประมาณ 2570" in [s.value for s in at.subheader]

    province = log_in("province")
    province.switch_page(NUMBERS).run()
    assert not province.exception, province.exception
    assert "จังหวัดสระแก้ว · ปีงบประมาณ 2570" in [s.value for s in province.subheader]
    assert "แยกตามอำเภอ" in texts(province)


def test_other_roles_do_not_get_the_publicity_pages():
    for username in ("committee-muang", "applicant-group", "advisor"):
        at = log_in(username)
        for page in (INVITE, NUMBERS):
            with pytest.raises(ValueError, match="Could not find a navigation page"):
                at.switch_page(page)
    province = log_in("province")
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        province.switch_page(INVITE)


def test_the_officers_home_points_to_invitations_waiting_for_a_confirmation():
    at = log_in("officer-muang")
    assert not at.exception
    assert any("การเชิญชวน 1 รายการอาจตรงกับผู้ลงทะเบียนใหม่" in i.value for i in at.info)


def test_a_change_from_a_stale_tab_is_refused_in_its_card_and_changes_nothing(
    demo_db, forget_invitations
):
    first = _submit(_fill_new(_invite_page(), phone="062 555 0000"))
    [invitation] = _stored(demo_db)
    first.radio(key="invite_section").set_value("list").run()
    second = _invite_page()  # the other tab, showing the same card
    for tab in (first, second):
        tab.radio(key="invite_section").set_value("list").run()

    first.radio(key=f"invf_{invitation.id}_outcome_pick").set_value("declined")
    _submit(first, "บันทึกผล")
    assert "บันทึกผลการเชิญแล้ว" in [s.value for s in first.success]

    second.radio(key=f"invf_{invitation.id}_outcome_pick").set_value("no_answer")
    second.text_input(key=f"invf_{invitation.id}_outcome_note").input("ลองอีกครั้ง")
    _submit(second, "บันทึกผล")
    assert any("ถูกแก้ไขโดยผู้อื่น" in w.value for w in second.warning)
    [after] = _stored(demo_db)
    assert (after.outcome.value, after.outcome_note) == ("declined", None)
    # the stale choice was dropped: the card now shows the other tab's outcome
    assert second.radio(key=f"invf_{invitation.id}_outcome_pick").value == "declined"


def test_the_flyer_section_offers_the_pdf_and_warns_while_the_address_is_this_machine():
    at = _invite_page()
    at.radio(key="invite_section").set_value("flyer").run()
    assert not at.exception
    assert [c.value for c in at.code] == ["http://localhost:8501/register?district=2701"]
    assert any("PORTAL_BASE_URL" in w.value for w in at.warning)
    assert "พิมพ์ใบประชาสัมพันธ์ของอำเภอ (PDF)" in [b.label for b in at.get("download_button")]


def test_with_a_real_address_the_flyer_section_does_not_warn(monkeypatch):
    monkeypatch.setenv("PORTAL_BASE_URL", "https://mchch.sakaeo.go.th")
    settings.get.cache_clear()
    at = _invite_page()
    at.radio(key="invite_section").set_value("flyer").run()
    assert [c.value for c in at.code] == ["https://mchch.sakaeo.go.th/register?district=2701"]
    assert not any("PORTAL_BASE_URL" in w.value for w in at.warning)


def test_the_province_prints_a_districts_flyer_from_its_numbers():
    at = log_in("province")
    at.switch_page(NUMBERS).run()
    flyer_button = "พิมพ์ใบประชาสัมพันธ์ของอำเภอ (PDF)"
    assert flyer_button not in [b.label for b in at.get("download_button")]  # whole province
    at.selectbox(key="funnel_district").set_value("2701").run()
    assert not at.exception
    assert flyer_button in [b.label for b in at.get("download_button")]
