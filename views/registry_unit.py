"""Public: one certified unit's page in the registry, by `?id=` (linked from the list and from
a checked certificate): name, type, area, the years it passed, its certificate numbers."""

from __future__ import annotations

import streamlit as st

from core.thai import format_fiscal_year, to_arabic_digits
from services import registry_public
from ui import runtime
from ui.registry import REGISTRY_URL
from ui.safe import md

NOT_FOUND = "ไม่พบหน่วยนี้ในทะเบียนผู้ผ่าน มชช. ลิงก์อาจไม่ครบหรือพิมพ์ผิด กรุณาค้นหาจากชื่อในหน้าทะเบียนผู้ผ่าน มชช. อีกครั้ง"


def _entry_id() -> int | None:
    raw = to_arabic_digits(st.query_params.get("id", "")).strip()
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 12 else None


st.title("ทะเบียนผู้ผ่าน มชช.")
entry_id = _entry_id()
found = None
if entry_id is not None:
    with runtime.read() as db:
        found = registry_public.unit(db, entry_id)

if found is None:
    st.error(NOT_FOUND, icon="🔎")
else:
    with st.container(border=True):
        st.subheader(md(found.name))
        years = ", ".join(format_fiscal_year(y) for y in found.years)
        lines = [
            f"**ประเภท** {md(found.type_label)}",
            f"**ที่ตั้ง** {md(found.area)}",
            f"**ผ่านการรับรอง** {years}",
        ]
        lines += [
            f"**ใบประกาศเลขที่** {md(number)} ({format_fiscal_year(fy)})"
            for fy, number in found.certificates
        ]
        st.markdown("  \n".join(lines))
    if not found.certificates:
        st.caption("หน่วยนี้นำเข้าจากทะเบียนเดิมของจังหวัด จึงไม่มีเลขที่ใบประกาศในระบบ")
st.markdown(f"[ค้นหาหน่วยอื่นในทะเบียนผู้ผ่าน มชช.]({REGISTRY_URL})")
