"""Public page: what มชช. is, who can apply, what to prepare, the seven steps."""

from __future__ import annotations

import streamlit as st

from core.applicant_types import BENEFITS, DOCUMENTS, QUALIFICATIONS, TYPE_LABELS, ApplicantType
from core.steps import STEP_TITLES
from ui import public_info

st.title("ระบบมาตรฐานการพัฒนาชุมชน (มชช.)")
st.caption("เดิมชื่อ “ระบบมาตรฐานงานชุมชน” — ใช้ชื่อย่อเดียวกันว่า มชช. · กรมการพัฒนาชุมชน กระทรวงมหาดไทย")

st.markdown(
    """
มชช. เป็นเครื่องมือที่ผู้นำชุมชน กลุ่ม เครือข่าย และชุมชน ใช้ **รู้จักตัวเอง
กำหนดตัวชี้วัดของตัวเอง วางแผน ลงมือพัฒนา และประเมินตัวเอง** อย่างเป็นระบบ
คนในชุมชนเป็นผู้กำหนดว่าจะวัดอะไร ไม่ใช่หน่วยงานราชการ

มชช. **ไม่ใช่การประกวดแข่งขันกับใคร** — เป็นการแข่งกับตัวเอง
เพื่อให้เก่งขึ้นและพึ่งตนเองได้ โดยมีพัฒนากรและที่ปรึกษาคอยช่วยเหลือ
สมัครได้ด้วยความสมัครใจ ไม่มีค่าใช้จ่าย
"""
)

public_info.round_announcement()

st.header("ใครสมัครได้ และได้อะไร")
for kind in ApplicantType:
    with st.expander(TYPE_LABELS[kind], expanded=False):
        st.markdown(f"**สิ่งที่จะได้รับ:** {BENEFITS[kind]}")
        st.markdown("**คุณสมบัติ**")
        st.markdown("\n".join(f"- {q.text}" for q in QUALIFICATIONS[kind]))
        st.markdown("**เอกสารประกอบการสมัคร**")
        st.markdown("\n".join(f"{i}. {d.label}" for i, d in enumerate(DOCUMENTS[kind], start=1)))

st.header("7 ขั้นตอนการพัฒนาตนเองสู่ มชช.")
st.markdown("\n".join(f"{i}. {title}" for i, title in enumerate(STEP_TITLES, start=1)))
st.caption("ขั้นที่ 5 ประเมินตนเองทุก 3 เดือน หรือทุก 6 เดือน ตามที่จังหวัดกำหนด ตลอด 1 ปี")

st.header("สมัครอย่างไร")
st.markdown(
    """
1. **ลงทะเบียน** สร้างบัญชีผู้ใช้ด้วยชื่อและเบอร์โทรศัพท์ของผู้ประสานงาน
2. **เข้าสู่ระบบ** แล้วกรอกใบสมัครตามประเภท อัปโหลดเอกสาร (PDF, JPG หรือ PNG ไม่เกิน 10 MB ต่อไฟล์)
3. **ส่งใบสมัคร** ให้พัฒนากรของสำนักงานพัฒนาชุมชนอำเภอตรวจสอบ แล้วทำขั้นตอนต่อไปในระบบได้เลย

ไม่สะดวกใช้อินเทอร์เน็ต หรือมีข้อสงสัย? ติดต่อสำนักงานพัฒนาชุมชนอำเภอใกล้บ้าน
"""
)
public_info.login_links()
st.caption("ข้อมูลพื้นที่: GeoThai (CC BY 4.0)")
