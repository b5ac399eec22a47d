"""The province announces the results of a passed unit; other roles cannot open the page."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import pytest
from sqlalchemy import select
from streamlit.testing.v1 import AppTest

import settings
from core.thai import fiscal_year
from core.workflow import Status
from db import migrate
from db.base import utcnow
from db.engine import make_engine, session_factory
from db.models import Application, Notification, Resolution, Round, User
from services import demo
from services.clock import Clock
from tests.databases import configured_urls, fresh_database
from tests.factories import make_application, make_user
from tests.ui.conftest import log_in, texts

PAGE = "views/announce.py"
UNIT = "กลุ่มเลี้ยงโคบ้านโนนสูง"
LAST_YEARS_UNIT = "กลุ่มออมทรัพย์เพื่อการผลิตบ้านโคกสูง"  # the demo's passed unit of last year


@pytest.fixture
def passed_unit(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, int, int]]:
    """A demo database of its own (this test changes it) with one unit the committee passed."""
    with fresh_database(configured_urls()[0]) as url:
        migrate.upgrade(url)
        engine = make_engine(url)
        today = Clock().today()
        with session_factory(engine)() as s:
            demo.seed(s, password=settings.DEMO_PASSWORD, today=today, now=utcnow())
            rnd = s.scalar(select(Round).where(Round.fiscal_year == fiscal_year(today)))
            owner = make_user(s)
            application = make_application(s, owner, rnd, status=Status.PASSED, name=UNIT)
            chair = s.scalar(select(User).where(User.username == "committee-muang"))
            s.add(
                Resolution(
                    application_id=application.id,
                    decision="pass",
                    decided_by_id=chair.id,
                    decided_at=datetime.combine(today, datetime.min.time()),
                )
            )
            s.commit()
            application_id, owner_id = application.id, owner.id
        monkeypatch.setenv("DATABASE_URL", url)
        settings.get.cache_clear()
        try:
            yield url, application_id, owner_id
        finally:
            settings.get.cache_clear()
            engine.dispose()


def this_year(at: AppTest) -> AppTest:
    return at.selectbox(key="announce_fy").set_value(fiscal_year(Clock().today())).run()


def review_button(at: AppTest):  # type: ignore[no-untyped-def]
    return next(b for b in at.button if b.label == "ตรวจสอบรายชื่อก่อนประกาศผล")


def choose_all_and_review(at: AppTest) -> None:
    next(c for c in at.checkbox if c.label.startswith("เลือกทั้งหมด")).check()
    review_button(at).click().run()


def test_the_province_announces_a_passed_unit_and_sees_its_certificate_number(passed_unit):
    url, application_id, owner_id = passed_unit
    at = this_year(log_in("province").switch_page(PAGE).run())
    assert not at.exception
    assert "รอประกาศผล (1 หน่วย)" in texts(at)
    assert UNIT in texts(at)
    choose_all_and_review(at)
    assert "ยืนยันการประกาศผล 1 หน่วย" in next(w.value for w in at.warning)
    at.button(key="announce_yes").click().run()
    assert not at.exception
    number = f"มชช. 27/{fiscal_year(Clock().today())}/0001"
    assert "ออกใบประกาศ 1 ฉบับ" in texts(at)
    assert "ใบรับรอง" not in texts(at)
    assert number in texts(at)
    assert "รอประกาศผล (0 หน่วย)" in texts(at)
    engine = make_engine(url)
    try:
        with session_factory(engine)() as s:
            assert s.get(Application, application_id).status is Status.CERTIFIED
            kinds = s.scalars(select(Notification.kind).where(Notification.user_id == owner_id))
            assert "announced" in list(kinds)
    finally:
        engine.dispose()


def test_choosing_nothing_is_refused_with_a_message(passed_unit):
    at = this_year(log_in("province").switch_page(PAGE).run())
    review_button(at).click().run()
    assert "กรุณาเลือกหน่วยที่จะประกาศผลอย่างน้อย 1 หน่วย" in texts(at)
    assert not at.warning


def test_going_back_from_the_confirm_step_announces_nothing(passed_unit):
    at = this_year(log_in("province").switch_page(PAGE).run())
    choose_all_and_review(at)
    at.button(key="announce_back").click().run()
    assert "รอประกาศผล (1 หน่วย)" in texts(at)
    assert "ยังไม่มีหน่วยที่ประกาศผล" in texts(at)


def test_the_page_opens_on_last_year_while_its_passed_unit_waits():
    at = log_in("province").switch_page(PAGE).run()
    assert not at.exception, at.exception
    fy = fiscal_year(Clock().today())
    year = at.selectbox(key="announce_fy")
    assert year.value == fy - 1
    assert year.options == [f"ปีงบประมาณ {fy}", f"ปีงบประมาณ {fy - 1}"]  # years with a round
    assert "รอประกาศผล (1 หน่วย)" in texts(at)
    assert list(at.dataframe[0].value["ชื่อ"]) == [LAST_YEARS_UNIT]


@pytest.mark.parametrize("username", ["officer-muang", "committee-muang", "applicant-group"])
def test_other_roles_cannot_open_the_announcement_page(username):
    at = log_in(username)
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page(PAGE)
