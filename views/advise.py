"""Advisor: read the indicators, plan, log and assessments of an applicant they advise."""

from __future__ import annotations

import streamlit as st

from core.roles import Role
from services import home
from ui import application_view, feedback, runtime, session

user = session.require_user()
if user.role is not Role.ADVISOR:
    st.stop()
today = runtime.clock().today()
st.title("ข้อมูลผู้สมัครที่ฉันให้คำปรึกษา")
st.caption("ที่ปรึกษาอ่านได้ทุกขั้นตอนและแสดงความเห็นได้ แต่ไม่แก้ไขข้อมูลของผู้สมัคร")
with feedback.shows_errors(), runtime.db() as db:
    rows = home.advisor_home(db, user.actor, today)
    if not rows:
        st.info("ยังไม่มีผู้สมัครที่ระบุคุณเป็นที่ปรึกษา")
        st.stop()
    names = {r.application_id: f"{r.applicant_name} · {r.type_label}" for r in rows}
    chosen = st.selectbox("ผู้สมัคร", list(names), format_func=names.get)
    application_view.show(db, user.actor, chosen, today, comment=True)
