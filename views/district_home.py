"""District officer home: the work waiting (checks, overdue assessments, the committee's next
meeting) and the district's applicants by type and status for a round."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.applicant_types import TYPE_LABELS, ApplicantType
from core.roles import Role
from core.thai import fiscal_year, format_date, format_fiscal_year
from core.workflow import STATUS_LABELS, Status
from services import areas, home, invitations, round_years
from services.clock import to_local
from ui import charts, feedback, runtime, session, tables

YEAR_KEY = "district_home_fy"

user = session.require_user()
if user.role is not Role.DISTRICT_OFFICER:
    st.stop()
district = user.actor.district_code or ""
today = runtime.clock().today()
st.title(f"ผู้สมัครในอำเภอ{areas.district_name(district)}")
feedback.show_flash()


def counts_frame(counts: dict[tuple[ApplicantType, Status], int]) -> pd.DataFrame:
    statuses = [s for s in Status if any(n for (_, st_), n in counts.items() if st_ is s)]
    frame = pd.DataFrame(
        [[counts.get((k, s), 0) for s in statuses] for k in ApplicantType],
        index=[TYPE_LABELS[k] for k in ApplicantType],
        columns=[STATUS_LABELS[s] for s in statuses],
    )
    frame.index.name = "ประเภท"
    return frame


with feedback.shows_errors(), runtime.read() as db:
    data = home.district_dashboard(db, user.actor, district, today, st.session_state.get(YEAR_KEY))
    overdue_apps = {o.application_id for o in data.overdue}
    a, b, c, d = st.columns(4)
    a.metric("ผู้สมัครทั้งหมด", data.total)
    b.metric("รอพัฒนากรตรวจสอบ", len(data.waiting))
    c.metric("เลยกำหนดประเมินตนเอง", len(overdue_apps))
    d.metric("รอคณะกรรมการพิจารณา", len(data.meeting))
    st.caption("ตัวเลขด้านบนนับทุกปีงบประมาณ เพราะการประเมินตนเองต่อเนื่องข้ามปี")

    to_confirm = invitations.waiting_confirmation(db, user.actor, today=today)
    if to_confirm:
        st.info(
            f"การเชิญชวน {to_confirm} รายการอาจตรงกับผู้ลงทะเบียนใหม่ รอคุณยืนยันการจับคู่",
            icon="🔎",
        )
        st.page_link("views/invite.py", label="ไปที่เชิญชวนสมัคร", icon="📣")

    st.subheader("รอคุณตรวจสอบ")
    tables.show_applications(data.waiting, empty="ไม่มีใบสมัครที่รอตรวจสอบ")
    if data.waiting:
        st.page_link("views/verify.py", label="ไปตรวจสอบใบสมัคร", icon="🔎")

    st.subheader("เลยกำหนดประเมินตนเอง")
    if not data.overdue:
        st.info("ไม่มีผู้สมัครที่เลยกำหนดประเมินตนเอง")
    else:
        st.dataframe(
            pd.DataFrame(
                {
                    "ผู้สมัคร": [o.applicant_name for o in data.overdue],
                    "ประเภท": [o.type_label for o in data.overdue],
                    "รอบที่": [o.round_number for o in data.overdue],
                    "กำหนดประเมิน": [format_date(o.due, short=True) for o in data.overdue],
                    "เลยช่วงประเมินมาแล้ว (วัน)": [o.days_late for o in data.overdue],
                }
            ),
            hide_index=True,
            width="stretch",
        )

    st.subheader("เตรียมประชุมคณะกรรมการ")
    st.caption("ผลการประเมินตนเองที่เสนอคณะกรรมการ มชช. อำเภอแล้ว และรอพิจารณา")
    if not data.meeting:
        st.info("ยังไม่มีรายการที่รอคณะกรรมการพิจารณา")
    else:
        sent = [to_local(m.sent_at) for m in data.meeting]
        st.dataframe(
            pd.DataFrame(
                {
                    "ผู้สมัคร": [m.applicant_name for m in data.meeting],
                    "ประเภท": [m.type_label for m in data.meeting],
                    "พื้นที่": [m.area for m in data.meeting],
                    "ปีที่สมัคร": [format_fiscal_year(m.fiscal_year) for m in data.meeting],
                    "วันที่เสนอ": [format_date(s.date() if s else None, short=True) for s in sent],
                    "กรรมการประเมินแล้ว (คน)": [m.evaluations for m in data.meeting],
                }
            ),
            hide_index=True,
            width="stretch",
        )
        rows = data.meeting
        st.download_button(
            "ดาวน์โหลดรายการเสนอที่ประชุม (CSV)",
            data=lambda: home.meeting_csv(rows),
            file_name=f"meeting-{district}-{today.isoformat()}.csv",
            mime="text/csv",
            icon="⬇️",
        )

    st.subheader("ภาพรวมตามประเภทและสถานะ")
    years = round_years.offered(db, district[:2], today)
    shown = data.fiscal_year if data.fiscal_year in years else fiscal_year(today)
    st.selectbox(
        "ปีงบประมาณ",
        years,
        index=years.index(shown),
        format_func=format_fiscal_year,
        key=YEAR_KEY,
    )
    if not data.counts:
        st.info("ยังไม่มีผู้สมัครในปีงบประมาณนี้")
    else:
        frame = counts_frame(data.counts)
        st.table(frame.assign(**{"รวม": frame.sum(axis=1)}))
        st.vega_lite_chart(spec=charts.status_bars(frame, "ประเภท"), width="stretch")
        st.markdown(f"**ผู้สมัคร{format_fiscal_year(data.fiscal_year or 0)}**")
        tables.show_applications(data.rows, empty="ยังไม่มีผู้สมัคร")
