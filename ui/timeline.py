"""An application's timeline: who did what and when, newest first."""

from __future__ import annotations

import streamlit as st

from core.thai import format_datetime
from services import timeline
from services.clock import to_local
from services.timeline import Entry
from ui.safe import md

FIRST = 30


def _line(entry: Entry) -> None:
    icon = "📌" if entry.milestone else "•"
    # The role label may hold brackets of its own: set it apart with a dot, not in brackets.
    who = md(entry.who) + (f" · {md(entry.role_label)}" if entry.role_label else "")
    if entry.on_behalf_of:
        who += f" แทน {md(entry.on_behalf_of)}"
    st.markdown(f"{icon} **{entry.label}** — {who}")
    when = format_datetime(to_local(entry.at))
    st.caption(f"{when} · {md(entry.detail)}" if entry.detail else when)


def show(db, actor, application_id: int, *, key: str = "timeline") -> None:  # type: ignore[no-untyped-def]
    entries = timeline.timeline(db, actor, application_id)
    if not entries:
        st.caption("ยังไม่มีความเคลื่อนไหว")
        return
    milestones = st.toggle("เฉพาะขั้นตอนสำคัญ", key=f"{key}_milestones")
    shown = [e for e in reversed(entries) if e.milestone or not milestones]
    everything = len(shown) <= FIRST or st.toggle(
        f"แสดงทั้งหมด {len(shown)} รายการ", key=f"{key}_all"
    )
    with st.container(border=True):
        for entry in shown if everything else shown[:FIRST]:
            _line(entry)
        if not shown:
            st.caption("ยังไม่มีขั้นตอนสำคัญ")
