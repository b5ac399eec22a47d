"""District committee home: submissions of the member's own district."""

from __future__ import annotations

import streamlit as st

from core.roles import Role
from core.workflow import Status
from services import areas, home
from ui import feedback, runtime, session, tables

REVIEW_STATES = {Status.UNDER_REVIEW, Status.REVISION_REQUESTED, Status.PASSED, Status.NOT_PASSED}

user = session.require_user()
if user.role is not Role.COMMITTEE:
    st.stop()
district = user.actor.district_code or ""
st.title(f"คณะกรรมการ มชช. อำเภอ{areas.district_name(district)}")
if user.actor.is_chair:
    st.caption("คุณเป็นประธานคณะกรรมการของอำเภอนี้")
with feedback.shows_errors(), runtime.read() as db:
    rows = home.district_home(db, user.actor, district, runtime.clock().today())
    waiting = [r for r in rows if r.status is Status.UNDER_REVIEW]
    decided = [r for r in rows if r.status in REVIEW_STATES - {Status.UNDER_REVIEW}]
    st.metric("รอคณะกรรมการพิจารณา", len(waiting))
    st.subheader("รอพิจารณา")
    tables.show_applications(waiting, empty="ยังไม่มีผลการประเมินตนเองที่เสนอเข้ามา")
    st.subheader("พิจารณาแล้ว")
    tables.show_applications(decided, empty="ยังไม่มีรายการที่พิจารณาแล้ว")
