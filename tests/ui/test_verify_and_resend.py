"""The officer's check on /verify in two tabs, and the applicant's answer to a returned document.

Each test gets its own seeded database: these tests change the Aran network's application."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import select
from streamlit.testing.v1 import AppTest

import settings
from core.errors import StaleData
from core.workflow import Status
from db import migrate
from db.base import utcnow
from db.engine import make_engine, session_factory
from db.models import Applicant, Application
from services import demo
from services.clock import Clock
from tests.databases import configured_urls, fresh_database
from tests.ui.conftest import log_in, texts

NETWORK = "เครือข่ายเกษตรอินทรีย์อรัญประเทศ"
PDF = b"%PDF-1.4\n% the corrected meeting minutes\n"


@pytest.fixture
def database(_portal_settings: None, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    with fresh_database(configured_urls()[0]) as url:
        migrate.upgrade(url)
        engine = make_engine(url)
        with session_factory(engine)() as session:
            demo.seed(session, password=settings.DEMO_PASSWORD, today=Clock().today(), now=utcnow())
        monkeypatch.setenv("DATABASE_URL", url)
        settings.get.cache_clear()
        yield url
        engine.dispose()


def _read(url: str):  # type: ignore[no-untyped-def]
    """(status, officer note, {requirement code: (review status, reason)}) of the network."""
    engine = make_engine(url)
    try:
        with session_factory(engine)() as db:
            app = db.scalar(select(Application).join(Applicant).where(Applicant.name == NETWORK))
            docs = {d.requirement_code: (d.review_status, d.review_reason) for d in app.documents}
            return app.status, app.officer_note, docs
    finally:
        engine.dispose()


def _verify_tab() -> AppTest:
    at = log_in("officer-aran")
    at.switch_page("views/verify.py").run()
    assert NETWORK in [s.value for s in at.subheader]
    return at


def _click(at: AppTest, label: str, nth: int = 0) -> AppTest:
    [b for b in at.button if b.label == label][nth].click().run()
    assert not at.exception, at.exception
    return at


def _review(at: AppTest, nth: int, *, accept: bool, reason: str = "") -> AppTest:
    [r for r in at.radio if r.label == "ผลการตรวจ"][nth].set_value(
        "accepted" if accept else "rejected"
    )
    [t for t in at.text_input if t.label.startswith("เหตุผล")][nth].input(reason)
    return _click(at, "บันทึกผลตรวจเอกสาร", nth)


def _decide(at: AppTest, *, accept: bool, note: str = "") -> AppTest:
    if accept:
        at.checkbox(key=next(c.key for c in at.checkbox if c.key.startswith("vf_confirm_"))).check()
    at.text_area(key=next(t.key for t in at.text_area if t.key.startswith("vf_note_"))).input(note)
    return _click(at, "รับใบสมัคร" if accept else "ส่งกลับให้แก้ไข")


def _stale_shown(at: AppTest) -> bool:
    return StaleData.default_message in [w.value for w in at.warning]


def test_returning_in_a_second_tab_after_accepting_in_the_first_is_refused_aloud(database):
    first, second = _verify_tab(), _verify_tab()
    for n in range(len([r for r in first.radio if r.label == "ผลการตรวจ"])):
        _review(first, n, accept=True)
    _decide(first, accept=True)
    assert _read(database)[0] is Status.ACCEPTED

    _decide(second, accept=False, note="กรุณาแนบบันทึกการประชุมใหม่")
    assert _stale_shown(second)
    assert NETWORK not in [s.value for s in second.subheader]  # reloaded: no longer waiting
    status, note, _ = _read(database)
    assert (status, note) == (Status.ACCEPTED, None)


def test_accepting_in_a_second_tab_after_returning_in_the_first_is_refused_aloud(database):
    first, second = _verify_tab(), _verify_tab()
    _decide(first, accept=False, note="กรุณาแนบรายชื่อทีมนำที่มีลายมือชื่อ")
    assert any("ส่งกลับให้ผู้สมัครแก้ไขแล้ว" in s.value for s in first.success)

    _decide(second, accept=True)
    assert _stale_shown(second)
    status, note, _ = _read(database)
    assert (status, note) == (Status.RETURNED, "กรุณาแนบรายชื่อทีมนำที่มีลายมือชื่อ")


def test_a_document_mark_from_a_stale_tab_is_refused_and_the_first_mark_kept(database):
    first, second = _verify_tab(), _verify_tab()
    _review(first, 0, accept=False, reason="ไม่มีลายมือชื่อผู้สมัคร")
    _review(second, 0, accept=True)
    assert _stale_shown(second)
    docs = _read(database)[2]
    assert docs["application_form"] == ("rejected", "ไม่มีลายมือชื่อผู้สมัคร")
    # the reloaded screen shows the stored mark, so a second try is an informed one
    assert next(r for r in second.radio if r.label == "ผลการตรวจ").value == "rejected"


def test_accepting_a_document_clears_its_old_reason_on_screen_and_in_the_database(database):
    at = _verify_tab()
    _review(at, 0, accept=False, reason="ภาพไม่ชัด")
    _review(at, 0, accept=True, reason="ภาพไม่ชัด")  # the old reason is still in the box
    assert _read(database)[2]["application_form"] == ("accepted", None)
    assert next(t for t in at.text_input if t.label.startswith("เหตุผล")).value == ""


def test_a_missing_note_keeps_the_application_waiting_and_says_why(database):
    at = _verify_tab()
    _decide(at, accept=False, note="  ")
    assert any("กรุณาระบุสิ่งที่ต้องแก้ไข" in e.value for e in at.error)
    assert _read(database)[0] is Status.SUBMITTED


def _return_minutes(reason: str) -> None:
    officer = _verify_tab()
    _review(officer, 1, accept=False, reason=reason)
    _decide(officer, accept=False, note="บันทึกการประชุมไม่ครบ")


def _applicant_step_one() -> AppTest:
    at = log_in("applicant-network")
    at.switch_page("views/apply.py").run()
    assert not at.exception, at.exception
    return at


def test_the_applicant_sees_each_documents_check_and_the_reason_as_plain_text(database):
    _return_minutes("<b>ไม่มี</b> ลายมือชื่อ [ดูที่นี่](http://x.example)")
    at = _applicant_step_one()
    marks = [m.value for m in at.markdown if "**" in m.value]
    assert any(m.startswith("❌") and "บันทึกการประชุมเครือข่าย" in m for m in marks)
    assert any(m.startswith("⏳") and "ใบสมัคร**" in m for m in marks)
    assert not any(m.startswith("✅") for m in marks)
    [returned] = [e.value for e in at.error if "พัฒนากรส่งกลับ" in e.value]
    assert "\\<b\\>ไม่มี\\</b\\>" in returned and "<b>" not in returned.replace("\\<", "")
    assert "\\[ดูที่นี่\\]\\(http" in returned
    assert any("อัปโหลดไฟล์ใหม่แทน" in m.value for m in at.markdown)


def test_the_applicant_cannot_resend_until_the_returned_document_is_replaced(database):
    _return_minutes("ไม่มีมติของสมาชิก")
    at = _applicant_step_one()
    send = next(b for b in at.button if b.label == "ส่งใบสมัครให้พัฒนากรตรวจสอบ")
    assert send.disabled
    blockers = "\n".join(w.value for w in at.warning)
    assert "ต้องอัปโหลดไฟล์ใหม่แทน: บันทึกการประชุมเครือข่าย" in blockers

    uploader = next(u for u in at.get("file_uploader") if u.label == "อัปโหลดไฟล์ใหม่แทน")
    uploader.set_value(("minutes.pdf", PDF, "application/pdf")).run()
    _click(at, "อัปโหลด")
    at.run()
    assert _read(database)[2]["meeting_minutes"] == ("pending", None)
    assert not any("พัฒนากรส่งกลับ" in e.value for e in at.error)
    _click(at, "ส่งใบสมัครให้พัฒนากรตรวจสอบ")
    assert _read(database)[0] is Status.SUBMITTED
    assert "ส่งใบสมัครแล้ว" in texts(at)


def test_while_the_officer_is_still_checking_a_returned_mark_says_when_to_replace(database):
    _review(_verify_tab(), 1, accept=False, reason="ไม่มีมติ")
    at = _applicant_step_one()
    assert any("พัฒนากรส่งกลับ: ไม่มีมติ" in e.value for e in at.error)
    assert any("เมื่อพัฒนากรส่งใบสมัครกลับมาให้แก้ไข" in c.value for c in at.caption)
    assert not at.get("file_uploader")


def test_step_one_saves_a_draft_without_a_subdistrict_but_will_not_send_it(database):
    engine = make_engine(database)  # AppTest cannot empty a picked selectbox: start without one
    with session_factory(engine)() as db:
        leader = db.scalar(select(Applicant).where(Applicant.name == "นายสมชาย ใจดี"))
        leader.subdistrict_code = None
        db.commit()
    engine.dispose()
    at = log_in("applicant-leader")
    at.switch_page("views/apply.py").run()
    assert next(s for s in at.selectbox if s.label == "ตำบล").value is None
    _click(at, "บันทึกร่าง")
    assert "บันทึกร่างแล้ว" in texts(at), [e.value for e in at.error]
    blockers = "\n".join(w.value for w in at.warning)
    assert "ยังไม่ได้เลือกตำบล" in blockers
    assert next(b for b in at.button if b.label == "ส่งใบสมัครให้พัฒนากรตรวจสอบ").disabled
