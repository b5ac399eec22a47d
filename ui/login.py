"""Login by role, hardened as design.md says: the database decides, the cookie only remembers."""

from __future__ import annotations

import time
from datetime import timedelta

import streamlit as st

import settings
from core.errors import DomainError
from core.roles import ROLE_LABELS
from services import auth
from services.clock import utcnow
from services.demo import DEMO_USERS
from ui import cookie, runtime, session
from ui.safe import md


def apply_pending_cookie(conf: settings.Settings) -> None:
    """Cookie writes happen on the run after login/logout, once the menu is rebuilt."""
    op = st.session_state.pop(session.COOKIE_OP, None)
    if op == "set" and session.USER_ID in st.session_state:
        st.session_state[session.LOGIN_EPOCH] = cookie.issue(st.session_state["username"], conf)
    elif op == "delete":
        cookie.clear(conf)


def restore_from_cookie(conf: settings.Settings) -> None:
    """The first thing app.py does about the login on every run."""
    session.begin_run()
    if session.current() is not None or st.session_state.get(session.LOGGED_OUT):
        return
    found = cookie.read(conf)
    if found is None:
        return
    username, issued = found
    with runtime.read() as db:
        user = auth.user_for_token(db, username, issued)
        ended = auth.find_user(db, username) if user is None else None
        ended_id = ended.id if ended is not None else None
        if user is not None:
            session.sign_in(user.id, issued)
            st.session_state["username"] = user.username
    if ended_id is not None:  # this browser's login has been ended since: say why, once
        session.signed_out_by_others(ended_id)


def _start_session(user_id: int, username: str) -> None:
    session.sign_in(user_id, time.time())
    st.session_state["username"] = username
    st.session_state.pop(session.LOGGED_OUT, None)
    st.session_state.pop(session.SIGN_OUT_NOTICE, None)
    st.session_state[session.COOKIE_OP] = "set"


def login_page() -> None:
    conf = settings.get()
    st.title("เข้าสู่ระบบ")
    session.show_sign_out_notice()
    with st.form("login", clear_on_submit=False):
        username = st.text_input("ชื่อผู้ใช้", autocomplete="username")
        password = st.text_input("รหัสผ่าน", type="password", autocomplete="current-password")
        submitted = st.form_submit_button("เข้าสู่ระบบ", type="primary", width="stretch")
    if submitted:
        policy = auth.Lockout(
            conf.lockout_max_failures, timedelta(minutes=conf.lockout_window_minutes)
        )
        try:
            with runtime.db() as db:
                user = auth.authenticate(db, username, password, now=utcnow(), policy=policy)
                user_id, name = user.id, user.username
        except DomainError as error:
            st.error(md(error.message), icon="🔒")  # may name an office as the province typed it
        else:
            _start_session(user_id, name)
            st.rerun()
    st.page_link("views/register.py", label="ยังไม่มีบัญชี? ลงทะเบียนผู้สมัคร", icon="📝")
    if conf.demo:
        _demo_logins()


def _demo_logins() -> None:
    with st.expander("บัญชีทดลองใช้ (เฉพาะโหมดสาธิต)", expanded=False):
        st.caption(f"ทุกบัญชีใช้รหัสผ่าน: {settings.DEMO_PASSWORD}")
        st.table(
            {
                "ชื่อผู้ใช้": [u.username for u in DEMO_USERS],
                "บทบาท": [ROLE_LABELS[u.role] for u in DEMO_USERS],
            }
        )


def logout() -> None:
    user_id = st.session_state.get(session.USER_ID)
    if user_id is not None:
        with runtime.db() as db:
            auth.revoke_sessions(db, user_id, now=utcnow(), reason="logout")
    session.sign_out()
    st.session_state[session.COOKIE_OP] = "delete"
    st.session_state[session.LOGGED_OUT] = True


def password_changed() -> None:
    """The change revoked every cookie, this one too: start a fresh session and cookie."""
    user_id = st.session_state[session.USER_ID]
    _start_session(user_id, st.session_state.get("username", ""))
