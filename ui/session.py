"""Who is logged in: ids in session state, re-checked against the database on every run.

A district officer may also be filling in for an applicant without internet ("acting"): only
the applicant's id is kept here, and it is re-checked on every run like the login itself.
"""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from core.roles import Role
from services import auth, on_behalf
from services.auth import SessionUser
from services.clock import utcnow
from ui import runtime

USER_ID = "user_id"
LOGIN_EPOCH = "login_epoch"
ACTING_FOR = "acting_for"
ACTING_NAME = "acting_name"


def _drop_acting() -> None:
    for key in (ACTING_FOR, ACTING_NAME):
        st.session_state.pop(key, None)


def sign_in(user_id: int, epoch: float) -> None:
    _drop_acting()
    st.session_state[USER_ID] = user_id
    st.session_state[LOGIN_EPOCH] = epoch


def sign_out() -> None:
    _drop_acting()
    for key in (USER_ID, LOGIN_EPOCH):
        st.session_state.pop(key, None)


def current() -> SessionUser | None:
    """The logged-in user as themself (never acting); acting mode is re-checked here too."""
    user_id = st.session_state.get(USER_ID)
    if user_id is None:
        return None
    acting_for = st.session_state.get(ACTING_FOR)
    with runtime.db() as session:
        found = auth.session_user(session, user_id, st.session_state.get(LOGIN_EPOCH, 0.0))
        name = None
        if found is not None and acting_for is not None:
            name = on_behalf.acting_name(session, found.actor, acting_for)
    if found is None:
        sign_out()
    elif name is None:
        _drop_acting()
    else:
        st.session_state[ACTING_NAME] = name
    return found


def require_user() -> SessionUser:
    """For pages: the navigation already limits who gets here; this is the second lock."""
    user = current()
    if user is None:
        st.error("กรุณาเข้าสู่ระบบก่อน", icon="🔒")
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
