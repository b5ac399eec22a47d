"""Province office: the fiscal-year rounds — open one, change it, close it."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from core.roles import Role
from core.schedule import CADENCES
from core.thai import (
    fiscal_year,
    fiscal_year_bounds,
    format_date,
    format_datetime,
    format_fiscal_year,
)
from services import areas, rounds_admin
from services.clock import to_local, utcnow
from services.rounds import ROUND_PHASE_LABELS
from services.rounds_admin import RoundRow
from ui import feedback, forms, runtime, session

user = session.require_user()
if user.role is not Role.PROVINCE_OFFICER:
    st.stop()
province = user.actor.province_code or ""
today = runtime.clock().today()
districts = areas.districts(province)
st.title("รอบการดำเนินงาน")
st.caption(
    f"จังหวัด{areas.province_name(province)} เปิดรับสมัครปีละหนึ่งรอบ กำหนดช่วงรับสมัคร"
    " ความถี่การประเมินตนเอง และอำเภอที่ร่วมดำเนินการ"
)
feedback.show_flash()


# Widget labels come from dicts: a function defined in a page cannot go into session state.
CADENCE_LABELS = {months: f"ทุก {months} เดือน" for months in CADENCES}


def status_of(row: RoundRow) -> str:
    label = ROUND_PHASE_LABELS[row.info.phase]
    if row.closed_at is not None:
        return f"{label} (จังหวัดปิดเมื่อ {format_datetime(to_local(row.closed_at))})"
    return label


def rounds_table(rows: list[RoundRow]) -> None:
    if not rows:
        st.info("ยังไม่เคยเปิดรอบการดำเนินงาน เริ่มได้ที่ “เปิดรอบใหม่” ด้านล่าง")
        return
    frame = pd.DataFrame(
        {
            "ปีงบประมาณ": [format_fiscal_year(r.info.fiscal_year) for r in rows],
            "รับสมัคร": [
                f"{format_date(r.info.opens_on, short=True)} – "
                f"{format_date(r.info.closes_on, short=True)}"
                for r in rows
            ],
            "ประเมินตนเอง": [CADENCE_LABELS[r.info.cadence_months] for r in rows],
            "อำเภอที่ร่วม": [f"{len(r.info.district_codes)}/{len(districts)}" for r in rows],
            "ใบสมัคร": [r.applications for r in rows],
            "สถานะ": [status_of(r) for r in rows],
        }
    )
    st.dataframe(frame, hide_index=True, width="stretch")


def default_window(fy: int) -> tuple[date, date]:
    start, end = fiscal_year_bounds(fy)
    opens = max(start, today)
    closes = date(start.year + 1, 3, 31)
    return opens, closes if closes >= opens else end


def open_form(years: list[int]) -> None:
    if not years:
        this_year = fiscal_year(today)
        st.info(
            f"เปิดรอบของ{format_fiscal_year(this_year)} และ{format_fiscal_year(this_year + 1)}"
            " ไว้แล้ว แก้ไขรอบเดิมได้ด้านบน"
        )
        return
    fy = st.selectbox("ปีงบประมาณ", years, format_func=format_fiscal_year, key="open_round_fy")
    start, end = fiscal_year_bounds(fy)
    st.caption(
        f"ช่วงรับสมัครต้องอยู่ภายใน{format_fiscal_year(fy)} ({format_date(start)} ถึง {format_date(end)})"
    )
    opens_default, closes_default = default_window(fy)
    n = forms.nonce("open_round")
    with st.form(f"open_round_{fy}_{n}"):
        opens = forms.date_field("วันเปิดรับสมัคร", opens_default, key=f"open_opens_{fy}_{n}")
        closes = forms.date_field("วันปิดรับสมัคร", closes_default, key=f"open_closes_{fy}_{n}")
        cadence = st.radio(
            "ผู้สมัครประเมินตนเอง",
            CADENCES,
            format_func=CADENCE_LABELS.get,
            horizontal=True,
            key=f"open_cadence_{fy}_{n}",
        )
        chosen = st.multiselect(
            "อำเภอที่ร่วมดำเนินการ",
            list(districts),
            default=list(districts),
            placeholder="เลือกอำเภอ",
            format_func=districts.get,
            key=f"open_districts_{fy}_{n}",
        )
        submitted = st.form_submit_button("เปิดรอบการดำเนินงาน", type="primary")
    if submitted:
        with feedback.shows_errors(), runtime.db() as db:
            forms.check_typed()
            rounds_admin.open_round(
                db,
                user.actor,
                fiscal_year=fy,
                opens_on=opens,
                closes_on=closes,
                cadence_months=cadence,
                district_codes=chosen,
                today=today,
                now=utcnow(),
            )
            forms.next_form("open_round")
            feedback.flash(f"เปิดรอบ{format_fiscal_year(fy)} แล้ว")
            st.rerun()


def edit_form(row: RoundRow) -> None:
    rid, info = row.info.id, row.info
    prefix = f"round_edit_{rid}_"
    seen = forms.seen_version(f"round_{rid}", row.stamp)
    if row.applications:
        st.caption(
            f"รอบนี้มีใบสมัครแล้ว {row.applications} ราย: เปลี่ยนความถี่การประเมินตนเองไม่ได้"
            " และนำอำเภอที่มีใบสมัครออกจากรอบไม่ได้"
        )
    with st.form(f"round_edit_{rid}"):
        opens = forms.date_field("วันเปิดรับสมัคร", info.opens_on, key=f"{prefix}opens")
        closes = forms.date_field("วันปิดรับสมัคร", info.closes_on, key=f"{prefix}closes")
        cadence = st.radio(
            "ผู้สมัครประเมินตนเอง",
            CADENCES,
            index=CADENCES.index(info.cadence_months),
            format_func=CADENCE_LABELS.get,
            horizontal=True,
            disabled=row.applications > 0,
            key=f"{prefix}cadence",
        )
        chosen = st.multiselect(
            "อำเภอที่ร่วมดำเนินการ",
            list(districts),
            default=list(info.district_codes),
            placeholder="เลือกอำเภอ",
            format_func=districts.get,
            key=f"{prefix}districts",
        )
        save = st.form_submit_button("บันทึกการแก้ไข", type="primary")
    if save:
        with feedback.shows_errors(stale_reset=prefix), runtime.db() as db:
            forms.check_typed()
            rounds_admin.update_round(
                db,
                user.actor,
                rid,
                opens_on=opens,
                closes_on=closes,
                cadence_months=cadence,
                district_codes=chosen,
                expected_stamp=seen,
                today=today,
                now=utcnow(),
            )
            feedback.flash(f"บันทึกการแก้ไขรอบ{format_fiscal_year(info.fiscal_year)} แล้ว")
            st.rerun()
    forms.remember_version(f"round_{rid}", row.stamp)
    if forms.confirmed(
        "ปิดรับสมัครรอบนี้",
        key=f"close_round_{rid}",
        warning="ผู้สมัครใหม่จะสมัครไม่ได้ (เปิดรับสมัครอีกครั้งได้ภายในปีงบประมาณเดียวกัน)",
    ):
        with feedback.shows_errors(), runtime.db() as db:
            rounds_admin.close_round(db, user.actor, rid, now=utcnow())
            feedback.flash("ปิดรับสมัครแล้ว ผู้สมัครที่อยู่ในรอบนี้ยังดำเนินการต่อได้ตามปกติ")
            st.rerun()


def closed_panel(row: RoundRow) -> None:
    st.info(f"จังหวัดปิดรับสมัครรอบนี้เมื่อ {format_datetime(to_local(row.closed_at))}", icon="🔒")
    if row.info.fiscal_year < fiscal_year(today):
        return
    st.caption("หากปิดโดยไม่ตั้งใจ เปิดรับสมัครอีกครั้งได้ แล้วแก้ไขวันปิดรับสมัครถ้าจำเป็น")
    if st.button("เปิดรับสมัครอีกครั้ง", key=f"reopen_round_{row.info.id}"):
        with feedback.shows_errors(), runtime.db() as db:
            rounds_admin.reopen_round(db, user.actor, row.info.id, today=today, now=utcnow())
            feedback.flash("เปิดรับสมัครอีกครั้งแล้ว")
            st.rerun()


rows: list[RoundRow] = []
years: list[int] = []
with feedback.shows_errors(), runtime.read() as db:
    rows = rounds_admin.list_rounds(db, user.actor, today=today)
    years = rounds_admin.years_to_open(db, user.actor, today=today)

rounds_table(rows)
if rows:
    st.subheader("แก้ไขหรือปิดรอบ")
    labels = {
        r.info.id: f"{format_fiscal_year(r.info.fiscal_year)} · {ROUND_PHASE_LABELS[r.info.phase]}"
        for r in rows
    }
    picked = st.selectbox("รอบ", list(labels), format_func=labels.get, key="round_picked")
    row = next(r for r in rows if r.info.id == picked)
    if row.closed_at is None:
        edit_form(row)
    else:
        closed_panel(row)

st.subheader("เปิดรอบใหม่")
open_form(years)
