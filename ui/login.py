"""Login by role with streamlit-authenticator's signed cookie, hardened (see design.md)."""

from __future__ import annotations

import time
from datetime import timedelta

import streamlit as st
import streamlit_authenticator as stauth

import settings
from core.errors import DomainError
from core.roles import ROLE_LABELS
from db.base import utcnow
from services import auth
from services.demo import DEMO_USERS
from ui import runtime, session

_COOKIE_OP = "_cookie_op"


def build_authenticator(conf: settings.Settings) -> stauth.Authenticate:
    """The package only signs and reads the cookie: credentials and lockout live in our DB."""
    return stauth.Authenticate(
        {"usernames": {}},
        cookie_name=conf.cookie_name,
        cookie_key=conf.cookie_key,
        cookie_expiry_days=conf.cookie_expiry_hours / 24,
        auto_hash=False,
        login_sleep_time=0,
    )


def apply_pending_cookie(authenticator: stauth.Authenticate) -> None:
    """Cookie writes happen on the run after login/logout, so the browser gets to run them."""
    op = st.session_state.pop(_COOKIE_OP, None)
    if op == "set":
        authenticator.cookie_controller.set_cookie()
    elif op == "delete":
        authenticator.cookie_controller.delete_cookie()


def restore_from_cookie(authenticator: stauth.Authenticate, conf: settings.Settings) -> None:
    if session.current() is not None:
        return
    token = authenticator.cookie_controller.get_cookie()
    if not token:
        return
    issued = float(token["exp_date"]) - conf.cookie_expiry_hours * 3600
    with runtime.db() as db:
        user = auth.user_for_token(db, str(token["username"]), issued)
        if user is not None:
            session.sign_in(user.id, issued)
            st.session_state["username"] = user.username


def _start_session(user_id: int, username: str) -> None:
    session.sign_in(user_id, time.time())
    st.session_state["username"] = username  # read by the package when it signs the cookie
    st.session_state[_COOKIE_OP] = "set"


def login_page() -> None:
    conf = settings.get()
    st.title("เข้าสู่ระบบ")
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
            st.error(error.message, icon="🔒")
        else:
            _start_session(user_id, name)
            st.rerun()
    st.page_link("pages/register.py", label="ยังไม่มีบัญชี? ลงทะเบียนผู้สมัคร", icon="📝")
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
    st.session_state[_COOKIE_OP] = "delete"
    st.session_state["logout"] = True


def password_changed() -> None:
    """The change revoked every cookie, this one too: start a fresh session and cookie."""
    user_id = st.session_state[session.USER_ID]
    _start_session(user_id, st.session_state.get("username", ""))
