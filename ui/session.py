"""Who is logged in: ids in session state, re-checked against the database on every run.

A district officer may also be filling in for an applicant without internet ("acting"): only
the applicant's id is kept here, and it is re-checked on every run like the login itself.
A user whose login stops being honoured (signed out elsewhere, password reset, account
disabled) is signed out here and told why; one still on a one-time password gets only the
password change (ui.navigation builds that menu, require_user refuses every other page).
"""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from core.roles import Role
from services import auth, on_behalf
from services.auth import SessionUser
from services.clock import utcnow
from ui import runtime
from ui.safe import md

USER_ID = "user_id"
LOGIN_EPOCH = "login_epoch"
ACTING_FOR = "acting_for"
ACTING_NAME = "acting_name"
MUST_CHANGE_PASSWORD = "must_change_password"
COOKIE_OP = "_cookie_op"  # "set" or "delete", done by ui.login on the next run
LOGGED_OUT = "_logged_out"  # this session's request still carries the old cookie: ignore it
SIGN_OUT_NOTICE = "_sign_out_notice"
_NOTICE_SHOWN = "_sign_out_notice_shown"  # already on screen in this run
_CHECKED = "_user_checked_this_run"  # current()'s answer, so one run checks the database once

SIGN_OUT_NOTICES: dict[auth.SignOutReason, str] = {
    auth.SignOutReason.DISABLED: (
        "บัญชีของคุณถูกปิดใช้งานแล้ว ระบบจึงให้ออกจากระบบ หากต้องการใช้งานต่อ กรุณาติดต่อ{contact}"
    ),
    auth.SignOutReason.PASSWORD_RESET: (
        "เจ้าหน้าที่ได้ตั้งรหัสผ่านใหม่ให้บัญชีของคุณ ระบบจึงให้ออกจากระบบ"
        " กรุณาเข้าสู่ระบบด้วยรหัสผ่านชั่วคราวที่ได้รับจาก{contact}"
    ),
    auth.SignOutReason.PASSWORD_CHANGED: (
        "มีการเปลี่ยนรหัสผ่านของบัญชีนี้จากหน้าต่างหรืออุปกรณ์อื่น ระบบจึงให้ออกจากระบบ กรุณาเข้าสู่ระบบด้วยรหัสผ่านใหม่"
    ),
    auth.SignOutReason.SIGNED_OUT_ELSEWHERE: (
        "บัญชีนี้ได้กดออกจากระบบจากหน้าต่างหรืออุปกรณ์อื่นแล้ว ระบบจึงให้ออกจากระบบที่นี่ด้วย กรุณาเข้าสู่ระบบอีกครั้ง"
    ),
    auth.SignOutReason.UNKNOWN: "การเข้าสู่ระบบของคุณหมดอายุแล้ว กรุณาเข้าสู่ระบบอีกครั้ง",
}


def _drop_acting() -> None:
    for key in (ACTING_FOR, ACTING_NAME):
        st.session_state.pop(key, None)


def sign_in(user_id: int, epoch: float) -> None:
    _drop_acting()
    st.session_state.pop(_CHECKED, None)
    st.session_state[USER_ID] = user_id
    st.session_state[LOGIN_EPOCH] = epoch


def sign_out() -> None:
    _drop_acting()
    st.session_state.pop(_CHECKED, None)
    for key in (USER_ID, LOGIN_EPOCH, MUST_CHANGE_PASSWORD):
        st.session_state.pop(key, None)


def signed_out_by_others(user_id: int) -> None:
    """Says once, on this run, why the login ended (and keeps it for the login page); the old
    cookie is dropped so another tab does not try it again."""
    with runtime.read() as session:
        why = auth.why_signed_out(session, user_id)
    notice = SIGN_OUT_NOTICES[why.reason].format(contact=md(why.contact))  # office text as typed
    st.session_state[SIGN_OUT_NOTICE] = notice
    st.session_state[COOKIE_OP] = "delete"
    st.session_state[LOGGED_OUT] = True
    show_sign_out_notice()


def show_sign_out_notice() -> None:
    """Once per run: on the run that found the login ended, and on the login page until the
    next sign-in."""
    notice = st.session_state.get(SIGN_OUT_NOTICE)
    if notice and not st.session_state.get(_NOTICE_SHOWN):
        st.warning(notice, icon="🔒")
        st.session_state[_NOTICE_SHOWN] = True


def begin_run() -> None:
    st.session_state.pop(_NOTICE_SHOWN, None)
    st.session_state.pop(_CHECKED, None)


def end_run() -> None:
    """The run is over (also after st.stop or st.rerun): a widget's callback, which Streamlit
    calls before the next run, checks the user against the database afresh."""
    st.session_state.pop(_CHECKED, None)


def current() -> SessionUser | None:
    """The logged-in user as themself (never acting); acting mode is re-checked here too.

    Checked against the database once per run (the first call); later calls in the same run
    (the menu, the page's guard, a widget) get the same answer without another query."""
    user_id = st.session_state.get(USER_ID)
    if user_id is None:
        return None
    checked = st.session_state.get(_CHECKED)
    if (
        checked is not None
        and checked[0] == user_id
        and checked[1] == st.session_state.get(ACTING_FOR)
    ):
        return checked[2]
    found = _check(user_id)
    if found is not None:
        st.session_state[_CHECKED] = (user_id, st.session_state.get(ACTING_FOR), found)
    return found


def _check(user_id: int) -> SessionUser | None:
    acting_for = st.session_state.get(ACTING_FOR)
    with runtime.read() as session:
        found = auth.session_user(session, user_id, st.session_state.get(LOGIN_EPOCH, 0.0))
        name = None
        if found is not None and acting_for is not None:
            name = on_behalf.acting_name(session, found.actor, acting_for)
    if found is None:
        sign_out()
        signed_out_by_others(user_id)
        return None
    st.session_state[MUST_CHANGE_PASSWORD] = found.must_change_password
    if name is None:
        _drop_acting()
    else:
        st.session_state[ACTING_NAME] = name
    return found


def must_change_password() -> bool:
    """The signed-in user still has a one-time password (as checked by current() this run)."""
    return bool(st.session_state.get(MUST_CHANGE_PASSWORD)) and USER_ID in st.session_state


def require_user(*, password_change: bool = False) -> SessionUser:
    """For pages: the navigation already limits who gets here; this is the second lock.
    Only the password change page passes `password_change` (open to a one-time password)."""
    user = current()
    if user is None:
        st.error("กรุณาเข้าสู่ระบบก่อน", icon="🔒")
        st.stop()
    if user.must_change_password and not password_change:
        st.info("กรุณาตั้งรหัสผ่านใหม่ที่เมนู บัญชีของฉัน ก่อนเริ่มใช้งาน", icon="🔑")
        st.stop()
    return user


def acting_name() -> str | None:
    """The name of the applicant this officer is filling in for (as checked this run)."""
    return st.session_state.get(ACTING_NAME) if st.session_state.get(ACTING_FOR) else None


def as_acting(user: SessionUser) -> SessionUser | None:
    """The officer as they fill in for the applicant: every save names that applicant."""
    acting_for = st.session_state.get(ACTING_FOR)
    if user.role is not Role.DISTRICT_OFFICER or acting_for is None:
        return None
    return replace(user, actor=replace(user.actor, acting_for=acting_for))


def start_acting(user: SessionUser, applicant_user_id: int) -> str:
    if st.session_state.get(ACTING_FOR) not in (None, applicant_user_id):
        stop_acting(user)
    with runtime.db() as session:
        name = on_behalf.begin_acting(session, user.actor, applicant_user_id, now=utcnow())
    st.session_state[ACTING_FOR] = applicant_user_id
    st.session_state[ACTING_NAME] = name
    return name


def stop_acting(user: SessionUser) -> None:
    acting = as_acting(user)
    if acting is not None:
        with runtime.db() as session:
            on_behalf.stop_acting(session, acting.actor, now=utcnow())
    _drop_acting()


def require_applicant_side() -> SessionUser:
    """For the seven step screens: the applicant, or an officer filling in for one."""
    user = require_user()
    if user.role is Role.APPLICANT:
        return user
    acting = as_acting(user)
    if acting is None:
        st.info("หน้านี้สำหรับผู้สมัคร พัฒนากรเปิดได้เมื่อเริ่มกรอกแทนผู้สมัครแล้วเท่านั้น", icon="🔒")
        st.stop()
    return acting
