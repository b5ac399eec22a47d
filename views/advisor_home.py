"""Advisor home: the applicants this advisor was named for, and where each stands."""

from __future__ import annotations

import streamlit as st

from core.roles import Role
from services import home
from ui import runtime, session, tables

user = session.require_user()
if user.role is not Role.ADVISOR:
    st.stop()
st.title("ผู้สมัครที่ฉันเป็นที่ปรึกษา")
with runtime.read() as db:
    rows = home.advisor_home(db, user.actor, runtime.clock().today())
tables.show_applications(rows, empty="ยังไม่มีผู้สมัครที่ระบุคุณเป็นที่ปรึกษา")
