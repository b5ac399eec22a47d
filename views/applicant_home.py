"""Applicant home: the seven steps as a task list, what is due next, unread notifications."""

from __future__ import annotations

import streamlit as st

from core.roles import Role
from core.steps import STEP_STATE_LABELS, STEP_TITLES, StepState
from core.thai import format_date, format_fiscal_year
from services import certificates, home
from ui import printouts as printouts_ui
from ui import runtime, session
from ui import timeline as timeline_ui
from ui.navigation import APPLICANT_STEPS
from ui.safe import md

ICONS = {
    StepState.DONE: "✅",
    StepState.IN_PROGRESS: "✏️",
    StepState.NOT_STARTED: "⬜",
    StepState.BLOCKED: "🔒",
}

user = session.require_user()
if user.role is not Role.APPLICANT:
    st.stop()
# Only reads: reminders are made by the scheduled `manage.py send-reminders`, never on a view.
with runtime.read() as db:
    today = runtime.clock().today()
    data = home.applicant_home(db, user.actor, today)
    current = data.current
    certificate = current and certificates.certificate_for(db, user.actor, current.application_id)
    certified = certificate.number if certificate else None
    office = home.district_contact(db, user.actor, current.application_id if current else None)

st.title(f"สวัสดี {md(user.display_name)}")
if data.open_comments:
    st.info(f"มีความเห็นจากที่ปรึกษา/พัฒนากรที่ยังเปิดอยู่ {data.open_comments} เรื่อง", icon="💬")
if data.unread_notifications:
    st.info(f"มีการแจ้งเตือนที่ยังไม่ได้อ่าน {data.unread_notifications} รายการ", icon="🔔")

if data.current is None:
    st.markdown("คุณยังไม่ได้เริ่มใบสมัคร เริ่มที่ขั้นตอนที่ 1 — สมัครเข้าสู่ระบบ มชช.")
else:
    c = data.current
    st.subheader(f"{md(c.applicant_name)} · {c.type_label}")
    st.markdown(f"{format_fiscal_year(c.fiscal_year)} · สถานะ: **{c.status_label}**")
    if certified:
        st.success(f"ผ่านการรับรอง มชช. ใบประกาศเลขที่ {certified}", icon="🏅")
        printouts_ui.download("certificate", user.actor, c.application_id)
    if c.next_due:
        when = format_date(c.next_due)
        if c.overdue:
            st.warning(f"การประเมินตนเองรอบถัดไปเลยกำหนดแล้ว (กำหนด {when})", icon="⏰")
        else:
            st.info(f"ประเมินตนเองรอบถัดไป: {when}", icon="🗓️")
    with st.expander("ความเคลื่อนไหวของใบสมัคร"), runtime.read() as db:
        timeline_ui.show(db, user.actor, c.application_id)

st.subheader("7 ขั้นตอนของคุณ")
for number, (title, state) in enumerate(zip(STEP_TITLES, data.steps, strict=True), start=1):
    with st.container(border=True):
        st.markdown(f"{ICONS[state]} **ขั้นที่ {number}** {title}")
        st.caption(STEP_STATE_LABELS[state])
        if state is not StepState.BLOCKED:
            path, label, icon = APPLICANT_STEPS[number - 1]
            st.page_link(path, label=f"ไปที่ขั้นที่ {label}", icon=icon)

if len(data.rows) > 1:
    st.subheader("ใบสมัครทั้งหมดของคุณ")
    for row in data.rows:
        year = format_fiscal_year(row.fiscal_year)
        st.markdown(f"- {year} · {md(row.applicant_name)} · {row.status_label}")

if office is not None:
    with st.container(border=True):
        st.markdown("**ติดต่อสำนักงานพัฒนาชุมชนอำเภอ**")
        st.markdown(md(office.office_name))
        if office.phone:
            st.markdown(f"โทรศัพท์ {md(office.phone)}")
        if office.address:
            st.markdown(f"ที่อยู่ {md(office.address)}")
        if not (office.phone or office.address):
            st.caption("ยังไม่มีเบอร์โทรศัพท์และที่อยู่ของสำนักงานในระบบ สอบถามได้ที่ที่ว่าการอำเภอ")
