"""District officer: publicise the round — invite units (new ones and those certified before),
follow each invitation, and print the district's flyer."""

from __future__ import annotations

import math

import streamlit as st

from core.applicant_types import TYPE_LABELS, ApplicantType
from core.errors import DomainError
from core.publicity import OUTCOME_LABELS, Outcome
from core.roles import Role
from core.thai import format_date, format_fiscal_year
from services import areas, flyer, invitations, past_units, rounds
from services.invitations import InvitationInput
from ui import feedback, runtime, session
from ui import invitations as invitation_ui
from ui import printouts as printouts_ui

PAGE_SIZE = 20
SECTIONS = {
    "list": "รายการเชิญ",
    "past": "หน่วยที่เคยผ่าน มชช.",
    "new": "เชิญหน่วยใหม่",
    "flyer": "ใบประชาสัมพันธ์",
}
NEW_FORM = "invite_new"

user = session.require_user()
if user.role is not Role.DISTRICT_OFFICER:
    st.stop()
actor = user.actor
district = actor.district_code or ""
today = runtime.clock().today()
st.title("เชิญชวนสมัคร มชช.")
feedback.show_flash()

with runtime.db() as db:
    info = rounds.current_round(db, district[:2], today)
    try:
        open_year: int | None = invitations.invitation_year(db, district, today)
        closed_reason = None
    except DomainError as error:
        open_year, closed_reason = None, error.message
if info is None:
    st.info("จังหวัดยังไม่ได้เปิดรอบ มชช. เมื่อจังหวัดเปิดรอบแล้วจึงเริ่มเชิญชวนได้", icon="🗓️")
    st.stop()
st.caption(
    f"รอบ{format_fiscal_year(info.fiscal_year)} · รับสมัคร {format_date(info.opens_on)} – "
    f"{format_date(info.closes_on)} · อำเภอ{areas.district_name(district)}"
)
if closed_reason:
    st.warning(closed_reason, icon="🗓️")

section = st.radio(
    "ส่วนของหน้า",
    list(SECTIONS),
    format_func=SECTIONS.get,
    horizontal=True,
    key="invite_section",
    label_visibility="collapsed",
)

if section == "list":
    outcomes: dict[Outcome | None, str] = {None: "ทุกผล"} | dict(OUTCOME_LABELS)
    shown = st.selectbox("แสดง", list(outcomes), format_func=outcomes.get, key="invite_filter")
    rows: list[invitations.InvitationRow] = []
    unlinked: dict[int, str] = {}
    with feedback.shows_errors(), runtime.db() as db:
        _, rows = invitations.invitations(db, actor, today=today)
        unlinked = dict(invitations.unlinked_registrations(db, actor, today=today))
    if not rows:
        st.info("ยังไม่มีการเชิญในรอบนี้ เริ่มจาก “หน่วยที่เคยผ่าน มชช.” หรือ “เชิญหน่วยใหม่”", icon="📋")
    waiting = sum(1 for r in rows if r.suggestions)
    if waiting:
        st.warning(f"มีการเชิญ {waiting} รายการที่อาจตรงกับผู้ลงทะเบียน รอคุณยืนยัน", icon="🔎")
    for row in rows:
        if shown is None or row.outcome is shown:
            invitation_ui.invitation_card(row, actor, unlinked, today=today)

elif section == "past":
    st.caption("หน่วยในทะเบียนผู้ผ่าน มชช. ของอำเภอ กด “เชิญสมัครอีกครั้ง” เพื่อบันทึกการเชิญ")
    left, middle, right = st.columns([2, 1, 1])
    name = left.text_input("ชื่อ (บางส่วนก็ได้)", key="past_name")
    kinds: dict[ApplicantType | None, str] = {None: "ทุกประเภท"} | dict(TYPE_LABELS)
    kind = middle.selectbox("ประเภท", list(kinds), format_func=kinds.get, key="past_type")
    subdistricts: dict[str | None, str] = {None: "ทุกตำบล"} | areas.subdistricts(district)
    subdistrict = right.selectbox(
        "ตำบล", list(subdistricts), format_func=subdistricts.get, key="past_sub"
    )
    with runtime.db() as db:
        years = past_units.years_of_district(db, actor)
    labels: dict[int | None, str] = {None: "ทุกปี"} | {y: format_fiscal_year(y) for y in years}
    year = st.selectbox("ปีที่ผ่าน", list(labels), format_func=labels.get, key="past_year")
    units: list[past_units.PastUnit] = []
    # Read, then close the session before the items open theirs (SQLite: one writer at a time).
    with feedback.shows_errors(), runtime.db() as db:
        units = past_units.of_district(
            db,
            actor,
            type=kind,
            fiscal_year=year,
            subdistrict_code=subdistrict,
            name=name,
            today=today,
        )
    pages = max(1, math.ceil(len(units) / PAGE_SIZE))
    st.caption(f"พบ {len(units)} หน่วย")
    page = st.number_input("หน้า", 1, pages, 1, key="past_page") if pages > 1 else 1
    for unit in units[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]:
        if open_year is None:
            with st.container(border=True):
                invitation_ui.past_unit_summary(unit)
        else:
            invitation_ui.past_unit_item(unit, actor, district, today=today)

elif section == "new":
    if open_year is None:
        st.stop()
    st.caption("บันทึกผู้นำ กลุ่ม เครือข่าย หรือชุมชนที่คุณเชิญ เมื่อหน่วยนั้นลงทะเบียน ระบบจะจับคู่ให้")
    data = invitation_ui.invitation_form(
        NEW_FORM, InvitationInput(type=None, name=""), district, today=today, submit="บันทึกการเชิญ"
    )
    if data is not None and invitation_ui.save_invitation(NEW_FORM, actor, data, today=today):
        st.rerun()

else:
    st.markdown(
        "ใบประชาสัมพันธ์หนึ่งหน้า A4 ของอำเภอ มีคิวอาร์โค้ดไปยังหน้าลงทะเบียนที่เลือกอำเภอไว้แล้ว "
        "พิมพ์ติดประกาศหรือแจกในการประชุมได้"
    )
    st.caption("ลิงก์ลงทะเบียนของอำเภอ (ส่งทาง LINE ได้)")
    st.code(flyer.register_url(district), language=None, wrap_lines=True)
    if flyer.address_only_here():
        st.warning(
            "ที่อยู่ในลิงก์และคิวอาร์โค้ดเป็นของเครื่องนี้ (localhost) โทรศัพท์ของผู้อื่นจะเปิดไม่ได้ "
            "ผู้ดูแลระบบต้องตั้งค่า PORTAL_BASE_URL เป็นที่อยู่เว็บไซต์จริงของระบบก่อนพิมพ์แจก",
            icon="⚠️",
        )
    if open_year is not None:
        printouts_ui.flyer_download(actor, district)
