"""Public page: check a certificate (ใบประกาศ) by the code printed on it or in its QR code."""

from __future__ import annotations

import streamlit as st

from core.thai import format_date, format_fiscal_year
from services import printouts, registry_public
from ui import runtime
from ui.registry import UNIT_PAGE
from ui.safe import md

st.title("ตรวจสอบใบประกาศ มชช.")
st.caption("ใส่รหัสตรวจสอบที่พิมพ์ไว้บนใบประกาศ หรือสแกนคิวอาร์โค้ดบนใบประกาศเพื่อเปิดหน้านี้")

given = st.query_params.get("code", "")
with st.form("check_certificate"):
    code = st.text_input("รหัสตรวจสอบ", value=given, max_chars=40, placeholder="เช่น W3WHA33V2C")
    asked = st.form_submit_button("ตรวจสอบ", type="primary")

if asked:
    st.query_params["code"] = code.strip()
    given = code

if given.strip():
    with runtime.read() as db:
        found = printouts.check_certificate(db, given)
        unit_id = registry_public.unit_of_certificate(db, given) if found else None
    if found is None:
        st.error(
            "ไม่พบใบประกาศที่มีรหัสนี้ กรุณาตรวจสอบตัวอักษรอีกครั้ง หากยังไม่พบ โปรดสอบถามสำนักงานพัฒนาชุมชนจังหวัด"
        )
    else:
        st.success("ใบประกาศนี้ออกโดยระบบ มชช. และมีอยู่ในทะเบียนผู้ผ่าน มชช.")
        with st.container(border=True):
            st.subheader(md(found.name))
            st.markdown(
                f"**ประเภท** {md(found.type_label)}  \n"
                f"**ที่ตั้ง** {md(found.area)}  \n"
                f"**ผ่านการรับรอง** {format_fiscal_year(found.fiscal_year)}  \n"
                f"**ใบประกาศเลขที่** {md(found.number)}  \n"
                f"**ประกาศเมื่อ** {format_date(found.announced_on)}"
            )
        if unit_id is not None:  # same tab: a phone user comes back with the back button
            st.page_link(
                UNIT_PAGE,
                label="ดูหน้าของหน่วยนี้ในทะเบียนผู้ผ่าน มชช.",
                icon="📜",
                query_params={"id": str(unit_id)},
            )
