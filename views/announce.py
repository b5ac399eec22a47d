"""Province: announce the results — a certificate number for each unit the committees passed."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from core.errors import InvalidInput
from core.roles import Role
from core.thai import format_date, format_fiscal_year
from services import announce
from services.announce import UnitRow
from services.clock import utcnow
from ui import feedback, forms, runtime, session
from ui import printouts as printouts_ui

PENDING = "_announce_pending"  # the confirm step: {"fy", "ids", "versions", "on"}
ISSUED = "_announce_issued"  # what the last announcement issued, shown once

user = session.require_user()
if user.role is not Role.PROVINCE_OFFICER:
    st.stop()
today = runtime.clock().today()
st.title("ประกาศผลการรับรอง มชช.")
st.caption(
    "หน่วยที่คณะกรรมการ มชช. อำเภอมีมติผ่านแล้ว เมื่อประกาศผล ระบบจะออกเลขที่ใบประกาศ "
    "บันทึกเข้าทะเบียนผู้ผ่าน มชช. ของปีงบประมาณนั้น และแจ้งผู้สมัครกับพัฒนากรของอำเภอ"
)
feedback.show_flash()
years: list[int] = []
default = 0
with feedback.shows_errors(), runtime.read() as db:
    years = announce.fiscal_years(db, user.actor, today=today)
    default = announce.default_fiscal_year(db, user.actor, today=today)
if not years:
    st.stop()
fy = st.selectbox(
    "ปีงบประมาณ",
    years,
    index=years.index(default) if default in years else 0,
    format_func=format_fiscal_year,
    key="announce_fy",
)


def units_frame(rows: list[UnitRow], *, with_numbers: bool = False) -> pd.DataFrame:
    data = {
        "อำเภอ": [r.district_name for r in rows],
        "ประเภท": [r.type_label for r in rows],
        "ชื่อ": [r.applicant_name for r in rows],
        "วันที่มีมติผ่าน": [format_date(r.resolved_on, short=True) for r in rows],
    }
    if with_numbers:
        data["เลขที่ใบประกาศ"] = [r.certificate_number or "-" for r in rows]
        data["วันที่ประกาศผล"] = [format_date(r.announced_on, short=True) for r in rows]
    return pd.DataFrame(data)


def show_issued() -> None:
    issued = st.session_state.pop(ISSUED, None)
    if issued:
        st.success(f"ประกาศผลแล้ว ออกใบประกาศ {len(issued)} ฉบับ", icon="🎉")
        st.dataframe(
            pd.DataFrame(issued, columns=["ชื่อ", "เลขที่ใบประกาศ", "รหัสตรวจสอบ"]),
            hide_index=True,
            width="stretch",
        )


def pick(waiting: list[UnitRow], seen: dict[int, int]) -> None:
    labels = {r.application_id: f"{r.district_name} · {r.applicant_name}" for r in waiting}
    with st.form("announce_pick"):
        every = st.checkbox(f"เลือกทั้งหมด {len(waiting)} หน่วย")
        chosen = st.multiselect(
            "หรือเลือกเฉพาะบางหน่วย",
            list(labels),
            format_func=labels.get,
            placeholder="เลือกหน่วยที่จะประกาศผล",
        )
        on = forms.date_field("วันที่ประกาศผล", today, key="announce_on")
        go = st.form_submit_button("ตรวจสอบรายชื่อก่อนประกาศผล", type="primary")
    if go:
        with feedback.shows_errors():
            forms.check_typed()
            ids = list(labels) if every else list(chosen)
            if not ids:
                raise InvalidInput("กรุณาเลือกหน่วยที่จะประกาศผลอย่างน้อย 1 หน่วย")
            if on is None:
                raise InvalidInput("กรุณาระบุวันที่ประกาศผล")
            st.session_state[PENDING] = {
                "fy": fy,
                "ids": ids,
                "versions": {i: seen[i] for i in ids},
                "on": on.isoformat(),
            }
            st.rerun()


def confirm(db, waiting: list[UnitRow], pending: dict) -> None:  # type: ignore[no-untyped-def,type-arg]
    rows = [r for r in waiting if r.application_id in pending["ids"]]
    on = date.fromisoformat(pending["on"])
    st.warning(
        f"ยืนยันการประกาศผล {len(pending['ids'])} หน่วย ลงวันที่ {format_date(on)} "
        "ระบบจะออกเลขที่ใบประกาศและแจ้งผู้สมัครทันที ประกาศแล้วยกเลิกไม่ได้",
        icon="⚠️",
    )
    st.dataframe(units_frame(rows), hide_index=True, width="stretch")
    yes, no = st.columns(2)
    if no.button("กลับไปแก้ไขรายชื่อ", key="announce_back"):
        st.session_state.pop(PENDING, None)
        st.rerun()
    if yes.button("ยืนยันประกาศผล", key="announce_yes", type="primary"):
        st.session_state.pop(PENDING, None)  # a refusal sends the officer back to a fresh list
        with feedback.shows_errors():
            issued = announce.announce(
                db,
                user.actor,
                pending["ids"],
                announced_on=on,
                expected_versions=pending["versions"],
                now=utcnow(),
                today=today,
            )
            names = {r.application_id: r.applicant_name for r in waiting}
            st.session_state[ISSUED] = [
                (names.get(c.application_id, "-"), c.number, c.verification_code) for c in issued
            ]
            st.rerun()


with feedback.shows_errors(), runtime.db() as db:
    show_issued()
    waiting = announce.passed_awaiting(db, user.actor, fy)
    st.subheader(f"ผ่านมติคณะกรรมการ รอประกาศผล ({len(waiting)} หน่วย)")
    if not waiting:
        st.session_state.pop(PENDING, None)
        st.info(f"ไม่มีหน่วยที่รอประกาศผลใน{format_fiscal_year(fy)}")
    else:
        seen = {
            r.application_id: forms.seen_version(f"announce_{r.application_id}", r.version)
            for r in waiting
        }
        pending = st.session_state.get(PENDING)
        if pending is not None and pending["fy"] == fy:
            confirm(db, waiting, pending)
        else:
            st.dataframe(units_frame(waiting), hide_index=True, width="stretch")
            pick(waiting, seen)
        for r in waiting:
            forms.remember_version(f"announce_{r.application_id}", r.version)

    st.subheader("ประกาศผลแล้ว")
    done = announce.announced(db, user.actor, fy)
    if done:
        st.dataframe(units_frame(done, with_numbers=True), hide_index=True, width="stretch")
        names = {r.application_id: f"{r.certificate_number} · {r.applicant_name}" for r in done}
        printed = st.selectbox("พิมพ์ใบประกาศของ", list(names), format_func=names.get)
        printouts_ui.download("certificate", user.actor, printed, key=f"announce_cert_{printed}")
    else:
        st.info(f"ยังไม่มีหน่วยที่ประกาศผลใน{format_fiscal_year(fy)}")
