"""The committee's review page: nothing preselected, the quorum, the chair's two-step
resolution that keeps what was typed, and a decided unit's resolution."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session
from streamlit.testing.v1 import AppTest

import settings
from core.thai import format_date
from db import migrate
from db.base import utcnow
from db.engine import make_engine, session_factory
from db.models import Applicant, Application, Notification, Resolution, User
from services import auth, committee, demo, development
from services.clock import Clock
from services.committee import ItemInput
from tests.databases import configured_urls, fresh_database
from tests.ui.conftest import log_in, texts

PAGE = "views/review.py"
COMMUNITY = "ชุมชนบ้านท่าเกษม"
SAVINGS = "กลุ่มออมทรัพย์เพื่อการผลิตบ้านโคกสูง"
CHAIR = "นายสุรชัย ประธานกรรมการ"
REASONS = "บรรลุตัวชี้วัดทุกข้อ มีบันทึกการประชุมเป็นหลักฐาน"


def _unit_id(s: Session, name: str) -> int:
    return s.scalar(select(Application.id).join(Applicant).where(Applicant.name == name))


@pytest.fixture
def own_demo(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A demo database of its own: these tests save evaluations and resolutions."""
    with fresh_database(configured_urls()[0]) as url:
        migrate.upgrade(url)
        engine = make_engine(url)
        with session_factory(engine)() as s:
            demo.seed(s, password=settings.DEMO_PASSWORD, today=Clock().today(), now=utcnow())
        monkeypatch.setenv("DATABASE_URL", url)
        settings.get.cache_clear()
        try:
            yield url
        finally:
            settings.get.cache_clear()
            engine.dispose()


def _with_session(url: str):  # type: ignore[no-untyped-def]
    engine = make_engine(url)
    return engine, session_factory(engine)()


def _both_muang_members_evaluate(url: str) -> None:
    engine, s = _with_session(url)
    try:
        app_id = _unit_id(s, COMMUNITY)
        for username in ("committee-muang-2", "committee-muang"):
            member = auth.actor_of(s, auth.find_user(s, username))
            items = [
                ItemInput(i.id, True, "มีบันทึกครบ") for i in development.indicators(s, member, app_id)
            ]
            committee.evaluate(
                s,
                member,
                app_id,
                items=items,
                opinion="pass",
                comments=None,
                expected_version=None,
                now=utcnow(),
            )
    finally:
        s.close()
        engine.dispose()


def open_review(username: str) -> AppTest:
    at = log_in(username)
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    return at


def radios(at: AppTest, label: str):  # type: ignore[no-untyped-def]
    return [r for r in at.radio if r.label == label]


def button(at: AppTest, label: str):  # type: ignore[no-untyped-def]
    return next(b for b in at.button if b.label == label)


def text_area(at: AppTest, label: str):  # type: ignore[no-untyped-def]
    return next(t for t in at.text_area if t.label == label)


def choose(at: AppTest, url: str, name: str) -> int:
    engine, s = _with_session(url)
    try:
        app_id = _unit_id(s, name)
    finally:
        s.close()
        engine.dispose()
    next(b for b in at.selectbox if b.label == "รายการ").set_value(app_id).run()
    assert not at.exception, at.exception
    return app_id


def warnings(at: AppTest) -> str:
    return "\n".join(w.value for w in at.warning)


def test_a_new_evaluation_starts_with_nothing_chosen_and_is_refused_until_chosen():
    at = open_review("committee-muang-2")
    reached = radios(at, "บรรลุตัวชี้วัดหรือไม่")
    assert len(reached) == 3  # the community's own three indicators
    assert [r.value for r in reached] == [None, None, None]
    assert [r.value for r in radios(at, "ความเห็นโดยรวม")] == [None]
    button(at, "บันทึกการประเมิน").click().run()
    assert not at.exception, at.exception
    refused = "\n".join(e.value for e in at.error)
    assert "กรุณาเลือกให้ครบ" in refused and "ความเห็นโดยรวม" in refused
    assert "ครัวเรือนทำบัญชีครัวเรือน" in refused
    assert not [s.value for s in at.success]


def test_a_saved_evaluation_shows_its_answers_and_a_negative_one_needs_its_reason(own_demo):
    at = open_review("committee-muang-2")
    first, second, third = radios(at, "บรรลุตัวชี้วัดหรือไม่")
    first.set_value(True)
    second.set_value(False)
    third.set_value(True)
    radios(at, "ความเห็นโดยรวม")[0].set_value("pass")
    button(at, "บันทึกการประเมิน").click().run()
    assert "เหตุใดยังไม่บรรลุ" in "\n".join(e.value for e in at.error)
    at.text_input(key=second.key.replace("reach_", "how_")).input("ยังไม่ถึงเป้า")
    button(at, "บันทึกการประเมิน").click().run()
    assert "บันทึกการประเมินแล้ว" in [s.value for s in at.success]

    again = open_review("committee-muang-2")
    next(r for r in again.radio if r.label == "แสดง").set_value("done").run()
    choose(again, own_demo, COMMUNITY)
    assert [r.value for r in radios(again, "บรรลุตัวชี้วัดหรือไม่")] == [True, False, True]
    assert [r.value for r in radios(again, "ความเห็นโดยรวม")] == ["pass"]


def test_the_chair_sees_the_quorum_and_no_resolution_form_until_it_is_reached():
    at = open_review("committee-muang")
    assert "ประเมินแล้ว 0 จาก 2 คน ต้องอย่างน้อย 2 คน" in warnings(at)
    assert "ยังบันทึกมติไม่ได้" in warnings(at)
    assert not [b for b in at.button if b.label == "บันทึกมติ"]
    assert not radios(at, "มติ")


def test_the_chair_confirms_the_resolution_and_a_cancel_keeps_what_was_typed(own_demo):
    _both_muang_members_evaluate(own_demo)
    at = open_review("committee-muang")
    next(r for r in at.radio if r.label == "แสดง").set_value("done").run()
    choose(at, own_demo, COMMUNITY)
    assert "กรรมการประเมินแล้ว 2 จาก 2 คน ต้องอย่างน้อย 2 คน บันทึกมติได้" in [i.value for i in at.info]
    [decision] = radios(at, "มติ")
    assert decision.value is None  # nothing preselected
    button(at, "บันทึกมติ").click().run()
    assert "กรุณาเลือกมติ" in "\n".join(e.value for e in at.error)

    radios(at, "มติ")[0].set_value("pass")
    text_area(at, "เหตุผล").input(REASONS)
    button(at, "บันทึกมติ").click().run()
    assert not at.exception, at.exception
    assert "กรุณาตรวจสอบมติก่อนบันทึก" in warnings(at)
    assert "**มติที่จะบันทึก:** ผ่าน" in [m.value for m in at.markdown]
    assert REASONS in [t.value for t in at.text]
    meeting = f"**วันที่ประชุม:** {format_date(Clock().today())}"
    assert meeting in [m.value for m in at.markdown]
    assert not radios(at, "มติ")  # the form waits behind the confirm step

    button(at, "ยกเลิก กลับไปแก้ไข").click().run()
    assert [r.value for r in radios(at, "มติ")] == ["pass"]
    assert text_area(at, "เหตุผล").value == REASONS
    at.switch_page("views/inbox.py").run()
    at.switch_page(PAGE).run()  # another page and back: still there
    next(r for r in at.radio if r.label == "แสดง").set_value("done").run()
    assert text_area(at, "เหตุผล").value == REASONS
    assert [r.value for r in radios(at, "มติ")] == ["pass"]

    button(at, "บันทึกมติ").click().run()
    button(at, "ยืนยันบันทึกมติ").click().run()
    assert not at.exception, at.exception
    assert "บันทึกมติแล้ว ผู้สมัครและพัฒนากรได้รับแจ้งแล้ว" in [s.value for s in at.success]
    engine, s = _with_session(own_demo)
    try:
        app_id = _unit_id(s, COMMUNITY)
        [resolution] = s.scalars(select(Resolution).where(Resolution.application_id == app_id))
        assert (resolution.decision, resolution.reasons) == ("pass", REASONS)
        province = s.scalar(select(User.id).where(User.username == "province"))
        told = s.scalars(select(Notification.title).where(Notification.user_id == province))
        assert [t for t in told if COMMUNITY in t and t.startswith("รอประกาศผล")]
    finally:
        s.close()
        engine.dispose()
    # The unit now shows its resolution instead of the forms.
    assert "มติคณะกรรมการ" in [h.value for h in at.subheader]
    assert "มติคณะกรรมการ (ประธาน)" not in [h.value for h in at.header]
    assert "**มติ:** ผ่าน" in [m.value for m in at.markdown]
    assert REASONS in [t.value for t in at.text]


@pytest.mark.parametrize("username", ["committee-muang", "committee-muang-2"])
def test_a_decided_unit_shows_the_resolution_and_the_members_evaluations(username):
    at = open_review(username)
    next(r for r in at.radio if r.label == "แสดง").set_value("all").run()
    savings = choose(at, settings.get().database_url, SAVINGS)
    engine, s = _with_session(settings.get().database_url)
    try:
        met = s.scalar(select(Resolution.meeting_on).where(Resolution.application_id == savings))
    finally:
        s.close()
        engine.dispose()
    shown = texts(at)
    assert "มติคณะกรรมการ" in [h.value for h in at.subheader]
    assert "**มติ:** ผ่าน" in [m.value for m in at.markdown]
    assert "บรรลุตัวชี้วัดทุกข้อ มีหลักฐานการดำเนินงานครบถ้วน" in [t.value for t in at.text]
    assert f"**วันที่ประชุม:** {format_date(met)}" in shown
    assert any(c.value.startswith(f"บันทึกมติโดย {CHAIR} เมื่อ") for c in at.caption)
    assert "ผลการประเมินของกรรมการ (2 คน)" in [h.value for h in at.subheader]
    assert "ควรผ่าน 2 คน" in shown
    assert not [b for b in at.button if b.label in ("บันทึกการประเมิน", "บันทึกมติ")]
    assert not at.success  # the chair's notices are never shown as a success


def test_a_refused_confirmation_goes_back_to_the_form_with_the_text_and_the_reason(own_demo):
    _both_muang_members_evaluate(own_demo)
    at = open_review("committee-muang")
    next(r for r in at.radio if r.label == "แสดง").set_value("done").run()
    app_id = choose(at, own_demo, COMMUNITY)
    radios(at, "มติ")[0].set_value("not_pass")
    text_area(at, "เหตุผล").input("ยังไม่มีหลักฐาน")
    button(at, "บันทึกมติ").click().run()
    engine, s = _with_session(own_demo)
    try:  # meanwhile someone else changes the unit
        s.get(Application, app_id).lessons = "แก้ไขระหว่างรอยืนยัน"
        s.commit()
    finally:
        s.close()
        engine.dispose()
    button(at, "ยืนยันบันทึกมติ").click().run()
    assert not at.exception, at.exception
    assert any("ถูกแก้ไขโดยผู้อื่น" in e.value for e in at.error)
    assert [r.value for r in radios(at, "มติ")] == ["not_pass"]
    assert text_area(at, "เหตุผล").value == "ยังไม่มีหลักฐาน"
    assert not at.success
