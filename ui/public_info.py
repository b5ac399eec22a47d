"""Blocks of the public page that read from the database."""

from __future__ import annotations

from datetime import date

import streamlit as st

import settings
from core.thai import format_date, format_fiscal_year
from services import areas, data_versions, offices, rounds
from ui import runtime, session
from ui.safe import md

CACHE_SECONDS = 300
Announcement = list[tuple[rounds.RoundInfo, list[offices.PublicContact]]]


@st.cache_data(ttl=CACHE_SECONDS, max_entries=64, show_spinner=False)
def _announced(database_url: str, version: int, today: date) -> Announcement:
    """Every province's current round with its offices: the same for every visitor, kept per
    process and renewed when a round or an office changes (data_versions.ROUNDS)."""
    with runtime.read() as db:
        found = (
            rounds.current_round(db, c, today) for c in sorted(rounds.provinces_with_rounds(db))
        )
        infos = [i for i in found if i is not None]
        return [(i, offices.public_contacts(db, i.district_codes)) for i in infos]


def round_announcement() -> None:
    today = runtime.clock().today()
    with runtime.read() as db:
        version = data_versions.current(db, data_versions.ROUNDS)
    announced = _announced(settings.get().database_url, version, today)
    if not announced:
        st.info("ขณะนี้ยังไม่มีการประกาศรับสมัครรอบใหม่ สอบถามได้ที่สำนักงานพัฒนาชุมชนอำเภอใกล้บ้าน")
        return
    for info, contacts in announced:
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
        _offices(contacts)


def phone_link(phone: str) -> str:
    """A number a phone can call with one tap (the digits only in the link)."""
    digits = "".join(ch for ch in phone if ch.isdigit())
    return f"[{md(phone)}](tel:{digits})" if digits else md(phone)


def _offices(contacts: list[offices.PublicContact]) -> None:
    """Where to ask and apply: each taking-part district's office with its contact."""
    with st.expander(f"อำเภอที่เข้าร่วมและสำนักงานที่ติดต่อได้ ({len(contacts)} อำเภอ)"):
        for c in contacts:
            details = [md(c.office_name)]
            if c.phone:
                details.append(f"โทร {phone_link(c.phone)}")
            if c.address:
                details.append(md(c.address))
            st.markdown(f"**อำเภอ{md(c.district_name)}**  \n" + " · ".join(details))


def login_links() -> None:
    if session.current() is not None:
        return
    left, right = st.columns(2)
    left.page_link("views/register.py", label="ลงทะเบียนผู้สมัคร", icon="📝")
    right.page_link("views/login.py", label="เข้าสู่ระบบ", icon="🔑")
