"""The user's own account: who they are, and a password change that signs out other devices.

With a one-time password (set by the district office or the province) this is the only page
until the user sets their own password.
"""

from __future__ import annotations

import streamlit as st

from core.roles import ROLE_LABELS
from services import areas, auth
from services.clock import utcnow
from ui import feedback, login, navigation, runtime, session
from ui.safe import md

user = session.require_user(password_change=True)
one_time = user.must_change_password
st.title("ตั้งรหัสผ่านใหม่" if one_time else "บัญชีของฉัน")
st.markdown(f"**{md(user.display_name)}** ({user.username})  \n{ROLE_LABELS[user.role]}")
if user.actor.district_code:
    st.caption(areas.area_label(None, user.actor.district_code, user.actor.province_code))
elif user.actor.province_code:
    st.caption(f"จังหวัด{areas.province_name(user.actor.province_code)}")
feedback.show_flash()
if st.session_state.pop("_password_now_own", False):
    st.page_link(navigation.home_page(user.role), label="ไปหน้าหลัก", icon="🏠")

if one_time:
    st.info(
        "รหัสผ่านที่คุณได้รับจากเจ้าหน้าที่เป็นรหัสผ่านชั่วคราว ใช้ได้เพื่อเข้าสู่ระบบครั้งแรกเท่านั้น"
        " กรุณาตั้งรหัสผ่านใหม่ของคุณเองก่อน แล้วจึงจะใช้งานเมนูอื่นได้"
        " (ช่อง “รหัสผ่านเดิม” ให้กรอกรหัสผ่านชั่วคราวนั้น)",
        icon="🔑",
    )
else:
    st.subheader("เปลี่ยนรหัสผ่าน")
    st.caption("เมื่อเปลี่ยนแล้ว อุปกรณ์อื่นที่เคยเข้าสู่ระบบไว้จะต้องเข้าสู่ระบบใหม่")
with st.form("change_password", clear_on_submit=True):
    old = st.text_input("รหัสผ่านเดิม", type="password")
    new = st.text_input("รหัสผ่านใหม่ (อย่างน้อย 8 ตัว)", type="password")
    again = st.text_input("ยืนยันรหัสผ่านใหม่", type="password")
    submitted = st.form_submit_button("ตั้งรหัสผ่านใหม่" if one_time else "เปลี่ยนรหัสผ่าน", type="primary")
if submitted:
    if new != again:
        st.error("รหัสผ่านใหม่ทั้งสองช่องไม่ตรงกัน", icon="⚠️")
    else:
        with feedback.shows_errors(), runtime.db() as db:
            auth.change_password(db, user.actor, old, new, now=utcnow())
            login.password_changed()
            if one_time:
                st.session_state["_password_now_own"] = True
                feedback.flash("ตั้งรหัสผ่านใหม่เรียบร้อยแล้ว ใช้งานเมนูต่าง ๆ ได้ตามปกติ")
            else:
                feedback.flash("เปลี่ยนรหัสผ่านเรียบร้อยแล้ว")
            st.rerun()
