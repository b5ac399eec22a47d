"""District officer home: every applicant of the district, by type and status."""

from __future__ import annotations

import streamlit as st

from core.roles import Role
from core.workflow import Status
from services import areas, home
from ui import feedback, runtime, session, tables

user = session.require_user()
if user.role is not Role.DISTRICT_OFFICER:
    st.stop()
district = user.actor.district_code or ""
st.title(f"ผู้สมัครในอำเภอ{areas.district_name(district)}")
with feedback.shows_errors(), runtime.db() as db:
    rows = home.district_home(db, user.actor, district, runtime.clock().today())
    waiting = [r for r in rows if r.status is Status.SUBMITTED]
    overdue = [r for r in rows if r.overdue]
    a, b, c = st.columns(3)
    a.metric("ผู้สมัครทั้งหมด", len(rows))
    b.metric("รอพัฒนากรตรวจสอบ", len(waiting))
    c.metric("เลยกำหนดประเมินตนเอง", len(overdue))
    st.subheader("รอคุณตรวจสอบ")
    tables.show_applications(waiting, empty="ไม่มีใบสมัครที่รอตรวจสอบ")
    st.subheader("ทั้งหมด")
    tables.show_applications(rows, empty="ยังไม่มีผู้สมัครในอำเภอนี้")
