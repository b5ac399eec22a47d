"""District and province officers: the follow-up numbers of the round's publicity — invited,
registered, applied, accepted, submitted to the committee, passed — by type and district."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.publicity import STAGE_LABELS, Stage
from core.roles import Role
from core.thai import fiscal_year, format_fiscal_year
from services import areas, flyer, funnel, round_years
from services.clock import utcnow
from ui import charts, feedback, runtime, session
from ui import printouts as printouts_ui

user = session.require_user()
if user.role not in {Role.DISTRICT_OFFICER, Role.PROVINCE_OFFICER}:
    st.stop()
actor = user.actor
province = actor.province_code or ""
today = runtime.clock().today()
st.title("ติดตามผลการเชิญชวน")
st.caption(
    "นับแต่ละหน่วยครั้งเดียวในแต่ละขั้น ผู้ลงทะเบียนที่จับคู่กับการเชิญแล้วเป็นหน่วยเดียวกับที่ได้รับเชิญ "
    "“จากการเชิญ” คือส่วนของแต่ละขั้นที่มาจากการเชิญ"
)
feedback.show_flash()


def _stage_table(f: funnel.Funnel, rows: dict[str, dict[str, object]]) -> pd.DataFrame:
    table = pd.DataFrame(
        {STAGE_LABELS[s]: [f.total(s, **where) for where in rows.values()] for s in Stage},
        index=list(rows),
    )
    return table


f: funnel.Funnel | None = None
no_flyer: str | None = "-"  # why there is no flyer button ("-": not the province's to print)
with feedback.shows_errors(), runtime.db() as db:
    years = round_years.offered(db, province, today)
    fy = st.selectbox(
        "ปีงบประมาณ",
        years,
        index=years.index(fiscal_year(today)),
        format_func=format_fiscal_year,
        key="funnel_year",
    )
    district: str | None = actor.district_code
    if user.role is Role.PROVINCE_OFFICER:
        choices: dict[str | None, str] = {None: "ทั้งจังหวัด"} | areas.districts(province)
        district = st.selectbox(
            "พื้นที่", list(choices), format_func=choices.get, key="funnel_district"
        )
    f = funnel.funnel(db, actor, province_code=province, fiscal_year=fy, district_code=district)
    if user.role is Role.PROVINCE_OFFICER and district:
        no_flyer = flyer.why_none(db, actor, district, today=today)
if f is None:
    st.stop()

where = (
    f"อำเภอ{areas.district_name(district)}" if district else f"จังหวัด{areas.province_name(province)}"
)
st.subheader(f"{where} · {format_fiscal_year(fy)}")
columns = st.columns(len(Stage))
for column, stage in zip(columns, Stage, strict=True):
    column.metric(STAGE_LABELS[stage], f.total(stage))
if not any(f.total(s) for s in Stage):
    st.info("ยังไม่มีการเชิญหรือผู้ลงทะเบียนในปีนี้", icon="📋")
else:
    counts = {STAGE_LABELS[s]: f.total(s) for s in Stage}
    part = {STAGE_LABELS[s]: f.through_invitation(s) for s in Stage}
    st.vega_lite_chart(spec=charts.funnel(counts, part=part), width="stretch")
    st.caption("แถบสีเข้มตรงกลาง = ส่วนที่มาจากการเชิญ")

    by_type = {funnel.type_key_label(k): {"type_key": k} for k in funnel.TYPE_KEYS}
    table = _stage_table(f, by_type)
    table.loc["จากการเชิญ"] = [f.through_invitation(s) for s in Stage]
    st.markdown("**แยกตามประเภท**")
    st.dataframe(table, width="stretch")
    if district is None:
        by_district = {areas.district_name(d): {"district": d} for d in f.district_codes}
        st.markdown("**แยกตามอำเภอ**")
        st.dataframe(_stage_table(f, by_district), width="stretch")


def _workbook() -> bytes:
    with runtime.db() as db:
        return funnel.export(
            db, actor, province_code=province, fiscal_year=fy, district_code=district, now=utcnow()
        )


if no_flyer is None:  # the province prints a district's flyer, as its office does
    printouts_ui.flyer_download(actor, district or "", key="province_flyer")

st.download_button(
    "ดาวน์โหลดตัวเลขเป็น Excel (xlsx)",
    data=_workbook,
    file_name=f"publicity-{district or province}-{fy}.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    icon="📥",
    on_click="ignore",
)
