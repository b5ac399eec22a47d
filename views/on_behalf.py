"""District officer: open an account for an applicant who came with paper, and fill in for them."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.roles import Role
from services import on_behalf
from services.clock import utcnow
from ui import feedback, forms, new_account, runtime, session
from ui.navigation import APPLICANT_STEPS
from ui.privacy import PRIVACY_NOTICE
from ui.safe import md

user = session.require_user()
if user.role is not Role.DISTRICT_OFFICER:
    st.stop()
st.title("กรอกแทนผู้สมัคร")
st.caption(
    "สำหรับผู้สมัครที่ไม่มีอินเทอร์เน็ต: พัฒนากรสร้างบัญชีให้ แล้วกรอกข้อมูลตามเอกสารที่ผู้สมัครนำมา "
    "ทุกการบันทึกจะระบุว่าพัฒนากรคนใดดำเนินการแทนผู้สมัครคนใด"
)
feedback.show_flash()
new_account.show_once()

acting = session.acting_name()
if acting:
    st.info(f"ขณะนี้คุณกำลังกรอกแทน **{md(acting)}**", icon="🤝")
    path, label, icon = APPLICANT_STEPS[0]
    st.page_link(path, label=f"ไปที่ขั้นที่ {label}", icon=icon)

begin, chosen = False, None
with runtime.db() as db:
    st.subheader("สร้างบัญชีผู้สมัคร")
    with st.expander("ประกาศความเป็นส่วนตัว (อ่านหรือพิมพ์ให้ผู้สมัครก่อนสร้างบัญชี)"):
        st.markdown(PRIVACY_NOTICE)
    n = forms.nonce("paper")
    with st.form(f"paper_{n}"):
        name = st.text_input("ชื่อ-นามสกุล ผู้ประสานงานของผู้สมัคร", max_chars=200)
        phone = st.text_input("เบอร์โทรศัพท์", max_chars=40)
        username = st.text_input("ชื่อผู้ใช้ (ไม่บังคับ)", help="เว้นว่างไว้ ระบบจะตั้งให้ เช่น paper2701-0421")
        informed = st.checkbox("ได้แจ้งประกาศความเป็นส่วนตัว (ฉบับพิมพ์) ให้ผู้สมัครทราบแล้ว")
        create = st.form_submit_button("สร้างบัญชี", type="primary")
    if create:
        with feedback.shows_errors():
            created, password = on_behalf.create_paper_applicant(
                db,
                user.actor,
                display_name=name,
                phone=phone,
                username=username,
                privacy_informed=informed,
                now=utcnow(),
                today=runtime.clock().today(),
            )
            forms.next_form("paper")
            new_account.remember(
                f"สร้างบัญชีให้ {md(created.display_name)} แล้ว แจ้งชื่อผู้ใช้และรหัสผ่านชั่วคราวนี้ให้ผู้สมัคร",
                created.username,
                password,
            )
            st.rerun()

    st.subheader("ผู้สมัครที่คุณกรอกแทนได้")
    with feedback.shows_errors():
        people = on_behalf.paper_applicants(db, user.actor)
        if not people:
            st.info("ยังไม่มีผู้สมัครในอำเภอของคุณ")
            st.stop()
        st.dataframe(
            pd.DataFrame(
                {
                    "ชื่อ": [p.display_name for p in people],
                    "ชื่อผู้ใช้": [p.username for p in people],
                    "โทรศัพท์": [p.phone or "-" for p in people],
                    "ผู้สมัคร": [p.applicant_name or "-" for p in people],
                    "สถานะ": [p.status_label for p in people],
                }
            ),
            hide_index=True,
            width="stretch",
        )
        labels = {p.user_id: f"{p.display_name} ({p.username})" for p in people}
        chosen = st.selectbox("เลือกผู้สมัครที่จะกรอกแทน", list(labels), format_func=labels.get)
        begin = st.button("เริ่มกรอกแทน", type="primary")

# Outside the page's database session: starting records its own audit event.
if begin and chosen is not None:
    with feedback.shows_errors():
        started = session.start_acting(user, chosen)
        feedback.flash(f"เริ่มกรอกแทน {md(started)} แล้ว ใช้เมนู “กรอกแทน” ด้านซ้ายเพื่อกรอกทั้ง 7 ขั้นตอน")
        st.rerun()
