"""The applicant's current application, for the step screens."""

from __future__ import annotations

import streamlit as st

from core.steps import STEP_TITLES
from core.workflow import STATUS_LABELS, Section, can_edit
from services import applications
from services.auth import SessionUser
from ui import runtime, session


def step_header(number: int) -> SessionUser:
    """The applicant, or an officer filling in for one (then every save names the applicant)."""
    user = session.require_applicant_side()
    st.caption(f"ขั้นที่ {number} จาก 7")
    st.title(STEP_TITLES[number - 1])
    return user


def application_id_or_stop(user: SessionUser) -> int:
    with runtime.read() as db:
        application = applications.current_application(db, user.actor)
        found = application.id if application else None
    if found is None:
        st.info("ยังไม่มีใบสมัคร เริ่มที่ขั้นที่ 1 — กรอกใบสมัคร", icon="📝")
        st.page_link("views/apply.py", label="ไปกรอกใบสมัคร", icon="📝")
        st.stop()
    return found


def read_only_notice(status, section: Section) -> bool:  # type: ignore[no-untyped-def]
    """True when the applicant may edit this section now; otherwise says why."""
    if can_edit(status, section):
        return True
    st.info(f"ส่วนนี้แก้ไขไม่ได้ในขณะนี้ — สถานะใบสมัคร: {STATUS_LABELS[status]}", icon="🔒")
    return False
