"""Province: search every audit event of the province by person, action, application and date."""

from __future__ import annotations

import math

import pandas as pd
import streamlit as st

from core.errors import DomainError
from core.roles import Role
from core.thai import format_count, format_datetime
from services import audit_search
from services.clock import to_local, utcnow
from services.timeline import ACTION_LABELS
from ui import feedback, forms, runtime, session

PAGE_SIZE = 50
FILTERS = "_audit_filters"
REFUSED = "_audit_refused"  # why the last search was refused: nothing is listed until a good one
PAGE = "audit_page"
ACTIONS = {"": "ทั้งหมด"} | dict(sorted(ACTION_LABELS.items(), key=lambda pair: pair[1]))

user = session.require_user()
if user.role is not Role.PROVINCE_OFFICER:
    st.stop()
st.title("ค้นหาบันทึกการใช้งาน")
st.caption(
    "ทุกการทำรายการและทุกการเปิดดูเอกสารที่มีข้อมูลส่วนบุคคลในจังหวัดของคุณ "
    "รวมถึงการเข้าสู่ระบบของผู้ใช้ในจังหวัด เรียงจากล่าสุด"
)

with st.form("audit_filters"):
    left, right = st.columns(2)
    person = left.text_input("บุคคล (ชื่อผู้ใช้หรือชื่อ-นามสกุล บางส่วนก็ได้)")
    action = right.selectbox("การทำรายการ", list(ACTIONS), format_func=ACTIONS.get)
    number = left.text_input("เลขที่ใบสมัคร")
    with right:
        date_from = forms.date_field("ตั้งแต่วันที่", None, key="audit_from")
        date_to = forms.date_field("ถึงวันที่", None, key="audit_to")
    searched = st.form_submit_button("ค้นหา", type="primary")
if searched:
    try:
        forms.check_typed()
        audit_search.check_dates(date_from, date_to)
        st.session_state[FILTERS] = {
            "person": person.strip() or None,
            "action": action or None,
            "application_id": forms.to_int(number, "เลขที่ใบสมัคร"),
            "date_from": date_from,
            "date_to": date_to,
        }
    except DomainError as error:
        st.session_state[REFUSED] = error.message
    else:
        st.session_state.pop(REFUSED, None)
        st.session_state[PAGE] = 1

if REFUSED in st.session_state:
    st.error(st.session_state[REFUSED], icon="⚠️")
    st.stop()
filters = st.session_state.get(FILTERS, {})
with feedback.shows_errors(), runtime.read() as db:
    page = st.session_state.get(PAGE, 1)
    rows, total = audit_search.search(db, user.actor, **filters, page=page, page_size=PAGE_SIZE)
    pages = max(1, math.ceil(total / PAGE_SIZE))
    if page > pages:  # fewer events than when the page was picked
        st.session_state[PAGE] = page = pages
        rows, _ = audit_search.search(db, user.actor, **filters, page=page, page_size=PAGE_SIZE)
    st.markdown(f"พบ **{format_count(total, audit_search.COUNT_CAP)}** รายการ")
    if not rows:
        st.info("ไม่พบบันทึกที่ตรงกับเงื่อนไข")
        st.stop()
    st.dataframe(
        pd.DataFrame(
            {
                "เวลา": [format_datetime(to_local(r.at)) for r in rows],
                "การทำรายการ": [r.action_label for r in rows],
                "ผู้ทำรายการ": [r.actor_name or "ไม่ได้เข้าสู่ระบบ" for r in rows],
                "ชื่อผู้ใช้": [r.actor_username or "" for r in rows],
                "บทบาท": [r.actor_role or "" for r in rows],
                "ทำแทน": [r.on_behalf_of or "" for r in rows],
                "เลขที่ใบสมัคร": [str(r.application_id or "") for r in rows],
                "ผู้สมัคร": [r.applicant_name or "" for r in rows],
                "รายละเอียด": [r.detail or "" for r in rows],
            }
        ),
        hide_index=True,
        width="stretch",
    )
    if pages > 1:
        if total > audit_search.COUNT_CAP:  # counted no further: the filters narrow it down
            label = f"หน้า (พบมากกว่า {audit_search.COUNT_CAP:,} รายการ ใช้ตัวกรองเพื่อดูรายการที่เก่ากว่านี้)"
        else:
            label = f"หน้า (ทั้งหมด {pages} หน้า)"
        st.number_input(label, 1, pages, key=PAGE)


def _csv() -> bytes:
    with runtime.db() as db:
        return audit_search.export_csv(db, user.actor, **filters, now=utcnow())


st.download_button(
    "ดาวน์โหลดผลการค้นหา (CSV)",
    data=_csv,
    file_name="audit-log.csv",
    mime="text/csv",
    icon="⬇️",
    on_click="ignore",
)
st.caption(f"ไฟล์มีได้สูงสุด {audit_search.MAX_EXPORT_ROWS:,} รายการ และระบบจะบันทึกการดาวน์โหลดไว้ด้วย")
