"""Self-registration for applicants, with the privacy notice acknowledged."""

from __future__ import annotations

import streamlit as st

from services import areas, users
from services.clock import utcnow
from ui import feedback, forms, runtime
from ui.privacy import PRIVACY_NOTICE

st.title("ลงทะเบียนผู้สมัคร")
st.caption("สร้างบัญชีเพื่อสมัครเข้าสู่ระบบ มชช. ในนามผู้นำชุมชน กลุ่ม เครือข่าย หรือชุมชน")

provinces = areas.provinces()
preset_district = st.query_params.get("district", "")
default_province = preset_district[:2] if preset_district[:2] in provinces else "27"
province = st.selectbox(
    "จังหวัด",
    list(provinces),
    index=list(provinces).index(default_province),
    format_func=provinces.get,
)
districts = areas.districts(province)
codes = list(districts)
district = st.selectbox(
    "อำเภอที่ตั้งของผู้สมัคร",
    codes,
    index=codes.index(preset_district) if preset_district in codes else None,
    format_func=districts.get,
    placeholder="เลือกอำเภอ",
)

REGISTERED = "_registered_username"
done = st.session_state.get(REGISTERED)
if done:
    # In place of the form (on a phone the form's bottom is where the eye is): what to do next,
    # and no second account by a second tap.
    with st.container(border=True):
        st.success("ลงทะเบียนเรียบร้อยแล้ว เข้าสู่ระบบด้วยชื่อผู้ใช้และรหัสผ่านที่ตั้งไว้", icon="✅")
        st.markdown("ชื่อผู้ใช้ของคุณ")
        st.code(done, language=None)
        st.page_link("views/login.py", label="ไปหน้าเข้าสู่ระบบ", icon="🔑")
    if st.button("ลงทะเบียนบัญชีอื่น"):
        del st.session_state[REGISTERED]
        st.rerun()
    st.stop()

with st.form(f"register_{forms.nonce('register')}"):
    display_name = st.text_input("ชื่อ-นามสกุล ผู้ประสานงาน", max_chars=200)
    phone = st.text_input("เบอร์โทรศัพท์", max_chars=40, placeholder="เช่น 081-234-5678")
    email = st.text_input("อีเมล (ถ้ามี)", max_chars=200)
    username = st.text_input(
        "ตั้งชื่อผู้ใช้", max_chars=32, help="อักษรอังกฤษตัวเล็ก ตัวเลข และ . _ - ยาว 3–32 ตัว"
    )
    password = st.text_input("ตั้งรหัสผ่าน (อย่างน้อย 8 ตัว)", type="password")
    password_again = st.text_input("ยืนยันรหัสผ่าน", type="password")
    with st.container(border=True):
        st.markdown(PRIVACY_NOTICE)
    acknowledged = st.checkbox("ฉันได้อ่านและรับทราบประกาศความเป็นส่วนตัวแล้ว")
    submitted = st.form_submit_button("ลงทะเบียน", type="primary", width="stretch")

if submitted:
    if district is None:
        st.error("กรุณาเลือกอำเภอ", icon="⚠️")
    else:
        with feedback.shows_errors(), runtime.db() as db:
            registered = users.register_applicant(
                db,
                username=username,
                display_name=display_name,
                password=password,
                password_again=password_again,
                phone=phone,
                email=email,
                province_code=province,
                district_code=district,
                privacy_acknowledged=acknowledged,
                now=utcnow(),
                today=runtime.clock().today(),
            )
            forms.next_form("register")
            st.session_state[REGISTERED] = registered.username
            st.rerun()
