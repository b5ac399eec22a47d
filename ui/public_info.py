"""Blocks of the public page that read from the database."""

from __future__ import annotations

import streamlit as st

from core.thai import format_date, format_fiscal_year
from services import areas, rounds
from ui import runtime, session


def round_announcement() -> None:
    today = runtime.clock().today()
    with runtime.db() as db:
        found = (
            rounds.current_round(db, c, today) for c in sorted(rounds.provinces_with_rounds(db))
        )
        infos = [i for i in found if i is not None]
    if not infos:
        st.info("ขณะนี้ยังไม่มีการประกาศรับสมัครรอบใหม่ สอบถามได้ที่สำนักงานพัฒนาชุมชนอำเภอใกล้บ้าน")
        return
    for info in infos:
        label = rounds.ROUND_PHASE_LABELS[info.phase]
        province = areas.province_name(info.province_code)
        text = (
            f"**{format_fiscal_year(info.fiscal_year)} จังหวัด{province}"
            f" — {label}**  \nรับสมัคร {format_date(info.opens_on)} ถึง {format_date(info.closes_on)}"
            f" · ประเมินตนเองทุก {info.cadence_months} เดือน"
        )
        if info.phase is rounds.RoundPhase.OPEN:
            st.success(text, icon="📣")
        else:
            st.info(text, icon="🗓️")


def login_links() -> None:
    if session.current() is not None:
        return
    left, right = st.columns(2)
    left.page_link("views/register.py", label="ลงทะเบียนผู้สมัคร", icon="📝")
    right.page_link("views/login.py", label="เข้าสู่ระบบ", icon="🔑")
