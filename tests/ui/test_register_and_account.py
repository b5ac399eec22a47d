"""Self-registration of applicants and the change-password form of the account page."""

from __future__ import annotations

import os
import uuid

import pytest
from sqlalchemy import func, select
from streamlit.testing.v1 import AppTest

import settings
from db.engine import make_engine, session_factory
from db.models import User
from tests.ui.conftest import log_in, new_app, texts

PASSWORD = "Nong-Bua-2569"
NEW_PASSWORD = "Tha-Kasem-2570"


def unique_username() -> str:
    return f"reg-{uuid.uuid4().hex[:12]}"


def users_named(username: str) -> int:
    engine = make_engine(os.environ["DATABASE_URL"])
    try:
        with session_factory(engine)() as session:
            return session.scalar(select(func.count(User.id)).where(User.username == username))
    finally:
        engine.dispose()


def registration_page(query: dict[str, str] | None = None) -> AppTest:
    at = new_app().run()
    at.switch_page("views/register.py")
    at.query_params.update(query or {})
    at.run()
    assert not at.exception
    assert [t.value for t in at.title] == ["ลงทะเบียนผู้สมัคร"]
    return at


def field(at: AppTest, label: str):  # type: ignore[no-untyped-def]
    return next(w for w in at.text_input if w.label == label)


def button(at: AppTest, label: str):  # type: ignore[no-untyped-def]
    return next(b for b in at.button if b.label == label)


def register(
    username: str,
    *,
    password: str = PASSWORD,
    again: str | None = None,
    acknowledged: bool = True,
    district: str | None = "2701",
) -> AppTest:
    at = registration_page()
    if district is not None:
        district_box = next(s for s in at.selectbox if s.label == "อำเภอที่ตั้งของผู้สมัคร")
        district_box.set_value(district)
    field(at, "ชื่อ-นามสกุล ผู้ประสานงาน").input("นางสาวทดสอบ ลงทะเบียน")
    field(at, "เบอร์โทรศัพท์").input("08-5555-0000")
    field(at, "ตั้งชื่อผู้ใช้").input(username)
    field(at, "ตั้งรหัสผ่าน (อย่างน้อย 8 ตัว)").input(password)
    field(at, "ยืนยันรหัสผ่าน").input(password if again is None else again)
    at.checkbox[0].set_value(acknowledged)
    button(at, "ลงทะเบียน").click().run()
    assert not at.exception
    return at


def sign_in(username: str, password: str) -> AppTest:
    at = new_app().run()
    at.switch_page("views/login.py").run()
    at.text_input[0].input(username)
    at.text_input[1].input(password)
    at.button[0].click().run()
    assert not at.exception
    return at


def account_page(at: AppTest) -> AppTest:
    at.switch_page("views/account.py").run()
    assert not at.exception
    assert [t.value for t in at.title] == ["บัญชีของฉัน"]
    return at


def change_password(at: AppTest, old: str, new: str, again: str) -> AppTest:
    field(at, "รหัสผ่านเดิม").input(old)
    field(at, "รหัสผ่านใหม่ (อย่างน้อย 8 ตัว)").input(new)
    field(at, "ยืนยันรหัสผ่านใหม่").input(again)
    button(at, "เปลี่ยนรหัสผ่าน").click().run()
    assert not at.exception
    return at


def test_registering_without_the_privacy_acknowledgement_is_refused_and_creates_no_user():
    username = unique_username()
    at = register(username, acknowledged=False)
    assert [e.value for e in at.error] == ["กรุณาอ่านและรับทราบประกาศความเป็นส่วนตัวก่อนลงทะเบียน"]
    assert not at.success
    assert users_named(username) == 0


def test_a_successful_registration_shows_success_and_the_new_applicant_can_log_in():
    username = unique_username()
    at = register(username)
    assert not at.error
    assert [s.value for s in at.success] == ["ลงทะเบียนเรียบร้อยแล้ว เข้าสู่ระบบด้วยชื่อผู้ใช้และรหัสผ่านที่ตั้งไว้"]
    assert users_named(username) == 1

    at = sign_in(username, PASSWORD)
    assert "user_id" in at.session_state
    assert [t.value for t in at.title] == ["สวัสดี นางสาวทดสอบ ลงทะเบียน"]  # the applicant home
    assert "คุณยังไม่ได้เริ่มใบสมัคร" in texts(at)


def test_registering_the_same_username_twice_is_refused():
    username = unique_username()
    register(username)
    at = register(username)
    assert [e.value for e in at.error] == ["ชื่อผู้ใช้นี้มีผู้ใช้แล้ว กรุณาเลือกชื่ออื่น"]
    assert users_named(username) == 1


def test_registering_with_mismatched_passwords_says_they_do_not_match():
    username = unique_username()
    at = register(username, again=PASSWORD + "x")
    assert len(at.error) == 1
    assert "ไม่ตรงกัน" in at.error[0].value
    assert users_named(username) == 0


def test_registering_without_a_district_asks_for_one():
    username = unique_username()
    at = register(username, district=None)
    assert [e.value for e in at.error] == ["กรุณาเลือกอำเภอ"]
    assert users_named(username) == 0


def test_a_district_in_the_link_is_preselected():
    at = registration_page({"district": "2706"})
    boxes = {s.label: s.value for s in at.selectbox}
    assert boxes == {"จังหวัด": "27", "อำเภอที่ตั้งของผู้สมัคร": "2706"}


@pytest.mark.parametrize("district", ["9999", "27", "2799", "abc"])
def test_an_invalid_district_in_the_link_is_ignored(district):
    at = registration_page({"district": district})
    boxes = {s.label: s.value for s in at.selectbox}
    assert boxes == {"จังหวัด": "27", "อำเภอที่ตั้งของผู้สมัคร": None}
    assert not at.error


def test_the_account_page_refuses_mismatched_new_passwords():
    at = account_page(log_in("officer-aran"))
    at = change_password(at, "not-checked", NEW_PASSWORD, NEW_PASSWORD + "x")
    assert [e.value for e in at.error] == ["รหัสผ่านใหม่ทั้งสองช่องไม่ตรงกัน"]
    assert not at.success
    assert "user_id" in at.session_state


def test_the_account_page_refuses_a_wrong_old_password():
    at = account_page(log_in("officer-aran"))
    at = change_password(at, "not-the-password", NEW_PASSWORD, NEW_PASSWORD)
    assert [e.value for e in at.error] == ["รหัสผ่านเดิมไม่ถูกต้อง"]
    assert not at.success
    assert "user_id" in sign_in("officer-aran", settings.DEMO_PASSWORD).session_state  # unchanged


def test_a_new_applicant_changes_their_password_and_only_the_new_one_works():
    username = unique_username()
    register(username)
    at = sign_in(username, PASSWORD)
    at = account_page(at)
    assert f"({username})" in texts(at)

    at = change_password(at, PASSWORD, NEW_PASSWORD, NEW_PASSWORD)
    assert not at.error
    assert [s.value for s in at.success] == ["เปลี่ยนรหัสผ่านเรียบร้อยแล้ว"]
    assert "user_id" in at.session_state  # this device stays signed in

    assert "user_id" in sign_in(username, NEW_PASSWORD).session_state
    refused = sign_in(username, PASSWORD)
    assert "user_id" not in refused.session_state
    assert [e.value for e in refused.error] == ["ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง"]
