"""The province office's round and people screens, through AppTest on the demo database."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import delete, select
from sqlalchemy.orm import Session
from streamlit.testing.v1 import AppTest
from streamlit.util import calc_hash

from core.errors import LoginFailed
from core.roles import Role
from core.thai import fiscal_year
from db.base import utcnow
from db.models import AuditEvent, Round, User
from services import auth, staff
from services.clock import Clock
from tests.ui.conftest import log_in, texts

ROUND_PAGE = "views/province_round.py"
PEOPLE_PAGE = "views/province_people.py"


@pytest.fixture
def forget_users(demo_db: Session) -> Iterator[list[str]]:
    """Usernames a test creates in the shared demo database, removed afterwards."""
    names: list[str] = []
    yield names
    demo_db.rollback()
    ids = list(demo_db.scalars(select(User.id).where(User.username.in_(names))))
    demo_db.execute(
        delete(AuditEvent).where(
            (AuditEvent.actor_id.in_(ids))
            | ((AuditEvent.entity == "user") & AuditEvent.entity_id.in_(ids))
        )
    )
    demo_db.execute(delete(User).where(User.id.in_(ids)))
    demo_db.commit()


def _page(username: str, path: str) -> AppTest:
    at = log_in(username)
    at.switch_page(path).run()
    assert not at.exception
    return at


def _button(at: AppTest, label: str):  # type: ignore[no-untyped-def]
    return next(b for b in at.button if b.label == label)


def test_the_round_page_lists_this_and_last_years_rounds():
    at = _page("province", ROUND_PAGE)
    assert [t.value for t in at.title] == ["รอบการดำเนินงาน"]
    this_year = fiscal_year(Clock().today())
    listed = list(at.dataframe[0].value["ปีงบประมาณ"])
    assert listed == [f"ปีงบประมาณ {this_year}", f"ปีงบประมาณ {this_year - 1}"]
    assert at.dataframe[0].value["สถานะ"].iloc[0] == "เปิดรับสมัคร"
    # Only next year is left to open.
    assert at.selectbox(key="open_round_fy").options == [f"ปีงบประมาณ {this_year + 1}"]


def test_the_province_opens_next_years_round_through_the_form(demo_db):
    next_year = fiscal_year(Clock().today()) + 1
    at = _page("province", ROUND_PAGE)
    key = f"open_districts_{next_year}_0"
    at.multiselect(key=key).set_value(["2701", "2706"])
    at.radio(key=f"open_cadence_{next_year}_0").set_value(6)
    _button(at, "เปิดรอบการดำเนินงาน").click().run()
    try:
        assert not at.exception
        assert f"เปิดรอบปีงบประมาณ {next_year} แล้ว" in [s.value for s in at.success]
        r = demo_db.scalar(select(Round).where(Round.fiscal_year == next_year))
        assert r is not None and r.cadence_months == 6
        assert sorted(d.district_code for d in r.districts) == ["2701", "2706"]
        assert at.dataframe[0].value["อำเภอที่ร่วม"].iloc[0] == "2/9"
    finally:
        demo_db.rollback()
        found = demo_db.scalar(select(Round).where(Round.fiscal_year == next_year))
        if found is not None:
            demo_db.execute(
                delete(AuditEvent).where(
                    AuditEvent.entity == "round", AuditEvent.entity_id == found.id
                )
            )
            demo_db.delete(found)
            demo_db.commit()


def test_a_bad_window_is_refused_with_a_thai_message_and_nothing_opens(demo_db):
    next_year = fiscal_year(Clock().today()) + 1
    at = _page("province", ROUND_PAGE)
    at.text_input(key=f"open_closes_{next_year}_0").input(f"1/10/{next_year}")  # after its year
    _button(at, "เปิดรอบการดำเนินงาน").click().run()
    assert not at.exception
    assert any(f"ต้องอยู่ภายในปีงบประมาณ {next_year}" in e.value for e in at.error)
    assert demo_db.scalar(select(Round).where(Round.fiscal_year == next_year)) is None


def test_the_people_page_marks_the_chair_of_mueang():
    at = _page("province", PEOPLE_PAGE)
    assert [t.value for t in at.title] == ["บุคลากรและคณะกรรมการ"]
    table = at.dataframe[0].value
    by_user = dict(zip(table["ชื่อผู้ใช้"], table["ประธาน"], strict=True))
    assert by_user["committee-muang"] == "★ ประธาน"
    assert by_user["officer-muang"] == ""
    assert "officer-aran" not in by_user
    assert at.text_input(key="office_2701_name").value == "สำนักงานพัฒนาชุมชนอำเภอเมืองสระแก้ว"


def test_a_new_account_shows_its_one_time_password_once(demo_db, forget_users):
    forget_users.append("khonghat.officer")
    at = _page("province", PEOPLE_PAGE)
    at.selectbox(key="people_district").set_value("2702").run()
    at.text_input(key="staff_name_0").input("นางสาวสมศรี ขยันงาน")
    at.text_input(key="staff_username_0").input("khonghat.officer")
    _button(at, "สร้างบัญชี").click().run()
    assert not at.exception
    assert "สร้างบัญชี khonghat\\.officer แล้ว" in [s.value for s in at.success]
    [shown] = at.code
    password = shown.value
    user = auth.authenticate(
        demo_db, "khonghat.officer", password, now=utcnow(), policy=auth.Lockout()
    )
    assert (user.role, user.district_code) == (Role.DISTRICT_OFFICER, "2702")
    assert "khonghat.officer" in list(at.dataframe[0].value["ชื่อผู้ใช้"])
    assert "บัญชีของฉัน" in texts(at)
    at.run()
    assert not at.code  # shown once only


def test_reset_and_deactivate_take_two_taps_each(demo_db, forget_users):
    forget_users.append("member-test-ui")
    province = auth.actor_of(demo_db, auth.find_user(demo_db, "province"))
    made = staff.create_staff(
        demo_db,
        province,
        username="member-test-ui",
        display_name="นายทดสอบ กรรมการ",
        role=Role.COMMITTEE,
        district_code="2701",
        email=None,
        phone=None,
        now=utcnow() - timedelta(minutes=1),
    )
    at = _page("province", PEOPLE_PAGE)
    at.selectbox(key="account_pick_2701").set_value(made.user_id).run()
    at.button(key=f"reset_{made.user_id}").click().run()
    assert not at.code  # the first tap only asks
    at.button(key=f"reset_{made.user_id}_yes").click().run()
    [shown] = at.code
    assert shown.value != made.password
    demo_db.expire_all()
    with pytest.raises(LoginFailed):
        auth.authenticate(
            demo_db, "member-test-ui", made.password, now=utcnow(), policy=auth.Lockout()
        )

    at.button(key=f"deactivate_{made.user_id}").click().run()
    at.button(key=f"deactivate_{made.user_id}_yes").click().run()
    assert not at.exception
    assert any(s.value.startswith("ปิดใช้งานบัญชีแล้ว") for s in at.success)
    demo_db.expire_all()
    assert not demo_db.get(User, made.user_id).active


@pytest.mark.parametrize("username", ["officer-muang", "committee-muang", "applicant-group"])
@pytest.mark.parametrize("path", [ROUND_PAGE, PEOPLE_PAGE])
def test_no_one_but_the_province_reaches_these_pages(username, path):
    at = log_in(username)
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page(path)
    at._page_hash = calc_hash(Path(path).stem)  # what typing the page's URL asks for
    at.run()
    assert not at.exception
    assert not {"รอบการดำเนินงาน", "บุคลากรและคณะกรรมการ"} & {t.value for t in at.title}
