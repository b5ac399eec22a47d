"""Who is logged in: ids in session state, re-checked against the database on every run."""

from __future__ import annotations

import streamlit as st

from services import auth
from services.auth import SessionUser
from ui import runtime

USER_ID = "user_id"
LOGIN_EPOCH = "login_epoch"


def sign_in(user_id: int, epoch: float) -> None:
    st.session_state[USER_ID] = user_id
    st.session_state[LOGIN_EPOCH] = epoch


def sign_out() -> None:
    for key in (USER_ID, LOGIN_EPOCH):
        st.session_state.pop(key, None)


def current() -> SessionUser | None:
    user_id = st.session_state.get(USER_ID)
    if user_id is None:
        return None
    with runtime.db() as session:
        found = auth.session_user(session, user_id, st.session_state.get(LOGIN_EPOCH, 0.0))
    if found is None:
        sign_out()
    return found


def require_user() -> SessionUser:
    """For pages: the navigation already limits who gets here; this is the second lock."""
    user = current()
    if user is None:
        st.error("กรุณาเข้าสู่ระบบก่อน", icon="🔒")
        st.stop()
    return user
