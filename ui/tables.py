"""Lists of applications as tables with Thai headings and BE dates."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.thai import format_date, format_fiscal_year
from services.home import ApplicationRow


def applications_frame(rows: list[ApplicationRow]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "เลขที่": [r.application_id for r in rows],
            "ผู้สมัคร": [r.applicant_name for r in rows],
            "ประเภท": [r.type_label for r in rows],
            "พื้นที่": [r.area for r in rows],
            "ปี": [format_fiscal_year(r.fiscal_year) for r in rows],
            "สถานะ": [r.status_label for r in rows],
            "ประเมินรอบถัดไป": [format_date(r.next_due, short=True) for r in rows],
            "เลยกำหนด": ["เลยกำหนด" if r.overdue else "" for r in rows],
        }
    )


def show_applications(rows: list[ApplicationRow], *, empty: str) -> None:
    if not rows:
        st.info(empty)
        return
    st.dataframe(applications_frame(rows), hide_index=True, width="stretch")
