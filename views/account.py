"""The user's own account: who they are, and a password change that signs out other devices."""

from __future__ import annotations

import streamlit as st

from core.roles import ROLE_LABELS
from services import areas, auth
from services.clock import utcnow
from ui import feedback, login, runtime, session
from ui.safe import md

user = session.require_user()
st.title("บัญชีของฉัน")
st.markdown(f"**{md(user.display_name)}** ({user.username})  \n{ROLE_LABELS[user.role]}")
if user.actor.district_code:
    st.caption(areas.area_label(None, user.actor.district_code, user.actor.province_code))
elif user.actor.province_code:
    st.caption(f"จังหวัด{areas.province_name(user.actor.province_code)}")
feedback.show_flash()

st.subheader("เปลี่ยนรหัสผ่าน")
st.caption("เมื่อเปลี่ยนแล้ว อุปกรณ์อื่นที่เคยเข้าสู่ระบบไว้จะต้องเข้าสู่ระบบใหม่")
with st.form("change_password", clear_on_submit=True):
    old = st.text_input("รหัสผ่านเดิม", type="password")
    new = st.text_input("รหัสผ่านใหม่ (อย่างน้อย 8 ตัว)", type="password")
    again = st.text_input("ยืนยันรหัสผ่านใหม่", type="password")
    submitted = st.form_submit_button("เปลี่ยนรหัสผ่าน", type="primary")
if submitted:
    if new != again:
        st.error("รหัสผ่านใหม่ทั้งสองช่องไม่ตรงกัน", icon="⚠️")
    else:
        with feedback.shows_errors(), runtime.db() as db:
            auth.change_password(db, user.actor, old, new, now=utcnow())
            login.password_changed()
            feedback.flash("เปลี่ยนรหัสผ่านเรียบร้อยแล้ว")
            st.rerun()
