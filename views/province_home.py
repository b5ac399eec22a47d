"""Province home: counts of applications by district, status and type for the round."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.applicant_types import TYPE_LABELS
from core.roles import Role
from core.thai import fiscal_year, format_fiscal_year
from core.workflow import STATUS_LABELS, Status
from services import areas, home
from ui import feedback, public_info, runtime, session

user = session.require_user()
if user.role is not Role.PROVINCE_OFFICER:
    st.stop()
province = user.actor.province_code or ""
today = runtime.clock().today()
st.title(f"ภาพรวมจังหวัด{areas.province_name(province)}")
public_info.round_announcement()
fy = st.selectbox(
    "ปีงบประมาณ", [fiscal_year(today) - i for i in range(0, 4)], format_func=format_fiscal_year
)
with feedback.shows_errors(), runtime.db() as db:
    overview = home.province_home(db, user.actor, province, fy)
    st.metric(f"ผู้สมัคร {format_fiscal_year(fy)}", overview.total)
    table = pd.DataFrame(
        {
            STATUS_LABELS[s]: [
                overview.by_district_status[d][s] for d in overview.by_district_status
            ]
            for s in Status
        },
        index=[areas.district_name(d) for d in overview.by_district_status],
    )
    st.subheader("จำนวนผู้สมัครรายอำเภอ แยกตามสถานะ")
    st.bar_chart(table.loc[:, (table.sum() > 0)], horizontal=True, height=360)
    st.dataframe(table.loc[:, (table.sum() > 0)], width="stretch")
    st.subheader("แยกตามประเภท")
    st.bar_chart(
        pd.Series({TYPE_LABELS[k]: overview.by_type[k] for k in TYPE_LABELS}, name="จำนวน")
    )
