"""Province home: the year's applications by district, type and status, and what is overdue."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.applicant_types import TYPE_LABELS
from core.roles import Role
from core.thai import fiscal_year, format_date, format_fiscal_year
from core.workflow import STATUS_LABELS, Status
from services import areas, overview, round_years
from services.overview import COMMITTEE_REVIEW_DAYS, LATE_LABELS, OFFICER_CHECK_DAYS, Late
from ui import charts, feedback, public_info, runtime, session

user = session.require_user()
if user.role is not Role.PROVINCE_OFFICER:
    st.stop()
province = user.actor.province_code or ""
today = runtime.clock().today()
st.title(f"ภาพรวมจังหวัด{areas.province_name(province)}")
public_info.round_announcement()


def _by_status(counters: dict, labels: list[str]) -> pd.DataFrame:  # type: ignore[type-arg]
    table = pd.DataFrame(
        {STATUS_LABELS[s]: [c[s] for c in counters.values()] for s in Status}, index=labels
    )
    return table.loc[:, table.sum() > 0]


with feedback.shows_errors(), runtime.read() as db:
    years = round_years.offered(db, province, today)
    fy = st.selectbox(
        "ปีงบประมาณ", years, index=years.index(fiscal_year(today)), format_func=format_fiscal_year
    )
    counts = overview.counts(db, user.actor, province, fy)
    late = overview.overdue(db, user.actor, province, today)

    n = counts.by_status
    cols = st.columns(5)
    cols[0].metric(f"ผู้สมัคร {format_fiscal_year(fy)}", counts.total)
    cols[1].metric("รอพัฒนากรตรวจสอบ", n[Status.SUBMITTED])
    cols[2].metric("กำลังพัฒนาตนเอง", n[Status.ACCEPTED] + n[Status.REVISION_REQUESTED])
    cols[3].metric("รอคณะกรรมการ", n[Status.UNDER_REVIEW])
    cols[4].metric("ผ่านการพิจารณา", n[Status.PASSED] + n[Status.CERTIFIED])

    if counts.total == 0:
        st.info(f"ยังไม่มีผู้สมัครใน{format_fiscal_year(fy)}")
    else:
        districts = [areas.district_name(d) for d in counts.by_district_status]
        by_district = _by_status(counts.by_district_status, districts)
        st.subheader("จำนวนผู้สมัครรายอำเภอ แยกตามสถานะ")
        st.vega_lite_chart(spec=charts.status_bars(by_district, "อำเภอ"), width="stretch")
        st.dataframe(by_district, width="stretch")
        kinds = [TYPE_LABELS[k] for k in counts.by_type_status]
        by_type = _by_status(counts.by_type_status, kinds)
        st.subheader("แยกตามประเภทผู้สมัคร")
        st.vega_lite_chart(spec=charts.status_bars(by_type, "ประเภท"), width="stretch")
        st.dataframe(by_type, width="stretch")

    st.subheader("งานที่เลยกำหนด")
    st.caption(
        f"ทุกปีงบประมาณที่ยังดำเนินการอยู่ · ใบสมัครที่รอพัฒนากรตรวจสอบเกิน {OFFICER_CHECK_DAYS} วัน · "
        f"ผลการประเมินที่รอคณะกรรมการมีมติเกิน {COMMITTEE_REVIEW_DAYS} วัน · "
        "การประเมินตนเองที่เลยกำหนดส่ง"
    )
    cols = st.columns(len(Late))
    for col, kind in zip(cols, Late, strict=True):
        col.metric(LATE_LABELS[kind], sum(1 for r in late if r.kind is kind))
    if not late:
        st.success("ไม่มีงานที่เลยกำหนด", icon="✅")
    else:
        st.dataframe(
            pd.DataFrame(
                {
                    "อำเภอ": [r.district for r in late],
                    "ผู้สมัคร": [r.applicant_name for r in late],
                    "ประเภท": [r.type_label for r in late],
                    "ปี": [format_fiscal_year(r.fiscal_year) for r in late],
                    "เลยกำหนดเรื่อง": [r.what for r in late],
                    "นับตั้งแต่": [format_date(r.since, short=True) for r in late],
                    "จำนวนวัน": [r.days for r in late],
                }
            ),
            hide_index=True,
            width="stretch",
        )
