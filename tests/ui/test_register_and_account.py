"""Self-registration of applicants and the change-password form of the account page."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from sqlalchemy import func, select
from streamlit.testing.v1 import AppTest
from streamlit.util import calc_hash

import settings
from db.base import utcnow
from db.models import User
from services import audit, auth
from tests.ui.conftest import log_in, new_app, portal_db, texts

PASSWORD = "Nong-Bua-2569"
NEW_PASSWORD = "Tha-Kasem-2570"


def unique_username() -> str:
    return f"reg-{uuid.uuid4().hex[:12]}"


def users_named(username: str) -> int:
    with portal_db() as session:
        return session.scalar(select(func.count(User.id)).where(User.username == username))


def stored_user(username: str) -> User:
    with portal_db() as session:
        user = auth.find_user(session, username)
        session.expunge(user)
        return user


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
    phone: str = "08-5555-0000",
) -> AppTest:
    at = registration_page()
    if district is not None:
        district_box = next(s for s in at.selectbox if s.label == "อำเภอที่ตั้งของผู้สมัคร")
        district_box.set_value(district)
    field(at, "ชื่อ-นามสกุล ผู้ประสานงาน").input("นางสาวทดสอบ ลงทะเบียน")
    field(at, "เบอร์โทรศัพท์").input(phone)
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


def change_password(
    at: AppTest, old: str, new: str, again: str, *, button_label: str = "เปลี่ยนรหัสผ่าน"
) -> AppTest:
    field(at, "รหัสผ่านเดิม").input(old)
    field(at, "รหัสผ่านใหม่ (อย่างน้อย 8 ตัว)").input(new)
    field(at, "ยืนยันรหัสผ่านใหม่").input(again)
    button(at, button_label).click().run()
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


def test_after_registering_the_form_gives_way_to_the_next_step_until_asked_again():
    username = unique_username()
    at = register(username)
    assert [c.value for c in at.code] == [username]
    assert "ลงทะเบียน" not in [b.label for b in at.button]  # no second account by a second tap
    next(b for b in at.button if b.label == "ลงทะเบียนบัญชีอื่น").click().run()
    assert not at.exception
    assert "ลงทะเบียน" in [b.label for b in at.button]
    assert users_named(username) == 1


def test_the_registered_phone_is_stored_in_one_format():
    username = unique_username()
    register(username, phone="๐๘๕ ๕๕๕ ๐๐๐๐")
    assert stored_user(username).phone == "085-555-0000"


def test_a_bad_phone_is_refused_with_an_example_and_creates_no_user():
    username = unique_username()
    at = register(username, phone="555-0000")
    assert len(at.error) == 1
    assert "เช่น 081-234-5678" in at.error[0].value
    assert users_named(username) == 0


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


# ---- one-time passwords, and logins ended by someone else --------------------------------------


def one_time_applicant() -> tuple[str, str]:
    """An applicant of Wang Sombun whose password an officer has set (as for a paper one)."""
    username = unique_username()
    register(username, district="2709")
    with portal_db() as session:
        password = auth.issue_one_time_password(auth.find_user(session, username), now=utcnow())
        session.commit()
    return username, password


def first_sign_in(username: str, password: str) -> AppTest:
    at = sign_in(username, password)
    at.run()  # the run after login builds the menu and forwards to its home
    assert not at.exception
    assert titles(at) == ["ตั้งรหัสผ่านใหม่"]
    # AppTest keeps asking for the login URL; the browser is on the forwarded page by now.
    return at.switch_page("views/account.py").run()


def reachable(at: AppTest, path: str) -> bool:
    try:
        at.switch_page(path)
    except ValueError:
        return False
    return True


def titles(at: AppTest) -> list[str]:
    return [t.value for t in at.title]


def test_a_one_time_password_opens_only_the_password_change():
    username, password = one_time_applicant()
    at = first_sign_in(username, password)
    assert titles(at) == ["ตั้งรหัสผ่านใหม่"]
    assert "รหัสผ่านชั่วคราว" in at.info[0].value
    for page in ("views/applicant_home.py", "views/apply.py", "views/inbox.py"):
        assert not reachable(at, page), page
    # What typing /applicant_home into the address bar asks for: the password change again.
    at._page_hash = calc_hash(Path("views/applicant_home.py").stem)
    at.run()
    assert titles(at) == ["ตั้งรหัสผ่านใหม่"]


def test_after_setting_their_own_password_the_user_gets_the_full_menu():
    username, password = one_time_applicant()
    at = first_sign_in(username, password)
    at = change_password(at, password, NEW_PASSWORD, NEW_PASSWORD, button_label="ตั้งรหัสผ่านใหม่")
    assert not at.error
    assert [s.value for s in at.success] == ["ตั้งรหัสผ่านใหม่เรียบร้อยแล้ว ใช้งานเมนูต่าง ๆ ได้ตามปกติ"]
    assert titles(at) == ["บัญชีของฉัน"]
    assert stored_user(username).must_change_password is False
    assert reachable(at, "views/applicant_home.py")
    at.run()
    assert not at.exception
    assert titles(at) == ["สวัสดี นางสาวทดสอบ ลงทะเบียน"]


def test_the_one_time_password_cannot_be_kept_as_the_new_one():
    username, password = one_time_applicant()
    at = first_sign_in(username, password)
    at = change_password(at, password, password, password, button_label="ตั้งรหัสผ่านใหม่")
    assert [e.value for e in at.error] == ["รหัสผ่านใหม่ต้องไม่ซ้ำกับรหัสผ่านเดิม"]
    assert stored_user(username).must_change_password is True


def end_logins(username: str, action: str, *, disable: bool = False) -> None:
    """What the province does to an account (a reset, a deactivation): audited and revoking."""
    with portal_db() as session:
        user = auth.find_user(session, username)
        now = utcnow()
        if action == "password_reset":
            auth.issue_one_time_password(user, now=now)
        user.active = not disable
        user.sessions_valid_after = now
        audit.record(session, None, action, at=now, entity="user", entity_id=user.id)
        session.commit()


def signed_in_applicant() -> tuple[str, AppTest]:
    username = unique_username()
    register(username, district="2709")
    at = sign_in(username, PASSWORD)
    at.run()
    at.switch_page("views/applicant_home.py").run()  # where the browser is after the login
    assert "user_id" in at.session_state
    return username, at


def sign_in_here(at: AppTest, username: str, password: str) -> AppTest:
    field(at, "ชื่อผู้ใช้").input(username)
    field(at, "รหัสผ่าน").input(password)
    button(at, "เข้าสู่ระบบ").click().run()
    assert not at.exception
    return at


def warnings(at: AppTest) -> list[str]:
    return [w.value for w in at.warning]


def test_an_account_disabled_while_in_use_is_signed_out_and_told_whom_to_ask():
    username, at = signed_in_applicant()
    end_logins(username, "user_deactivated", disable=True)
    at.run()
    assert not at.exception
    assert "user_id" not in at.session_state
    [notice] = warnings(at)
    assert notice.startswith(
        "บัญชีของคุณถูกปิดใช้งานแล้ว ระบบจึงให้ออกจากระบบ หากต้องการใช้งานต่อ"
        " กรุณาติดต่อสำนักงานพัฒนาชุมชนอำเภอวังสมบูรณ์ โทร "  # the demo office's phone
    )
    at.switch_page("views/login.py").run()  # the notice stays on the login page
    assert "ถูกปิดใช้งาน" in warnings(at)[0]


def test_a_reset_password_signs_the_user_out_with_the_reason_until_they_sign_in_again():
    username, at = signed_in_applicant()
    end_logins(username, "password_reset")
    at.run()
    assert "user_id" not in at.session_state
    [notice] = warnings(at)
    assert notice.startswith("เจ้าหน้าที่ได้ตั้งรหัสผ่านใหม่ให้บัญชีของคุณ")
    at.switch_page("views/login.py").run()
    assert warnings(at) == [notice]
    at = sign_in_here(at, username, PASSWORD)  # the old password no longer works
    assert [e.value for e in at.error] == ["ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง"]
    assert warnings(at) == [notice]


def test_a_login_ended_by_a_sign_out_on_another_device_says_so_once():
    username, at = signed_in_applicant()
    with portal_db() as session:
        user_id = auth.find_user(session, username).id
        auth.revoke_sessions(session, user_id, now=utcnow(), reason="logout")
    at.run()
    assert "user_id" not in at.session_state
    assert warnings(at) == [
        "บัญชีนี้ได้กดออกจากระบบจากหน้าต่างหรืออุปกรณ์อื่นแล้ว ระบบจึงให้ออกจากระบบที่นี่ด้วย กรุณาเข้าสู่ระบบอีกครั้ง"
    ]
    at.run()
    assert warnings(at) == []  # said once, outside the login page
    at.switch_page("views/login.py").run()
    at = sign_in_here(at, username, PASSWORD)
    at.run()
    assert "user_id" in at.session_state
    assert warnings(at) == []  # a new sign-in forgets it
