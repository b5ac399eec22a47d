"""Everyone's notification inbox."""

from __future__ import annotations

import streamlit as st

from core.thai import format_datetime
from services import notifications
from services.clock import to_local, utcnow
from ui import runtime, session
from ui.safe import md

user = session.require_user()
st.title("การแจ้งเตือน")
with runtime.read() as db:
    notes = notifications.inbox(db, user.actor)
    if not notes:
        st.info("ยังไม่มีการแจ้งเตือน")
    for note in notes:
        with st.container(border=True):
            unread = "🔵 " if note.read_at is None else ""
            st.markdown(f"{unread}**{md(note.title)}**")
            if note.body:
                st.text(note.body)
            emailed = " · ส่งทางอีเมลแล้ว" if note.emailed_at else ""
            st.caption(format_datetime(to_local(note.created_at)) + emailed)
    if any(n.read_at is None for n in notes) and st.button("ทำเครื่องหมายว่าอ่านแล้วทั้งหมด"):
        with runtime.db() as db:
            notifications.mark_all_read(db, user.actor, now=utcnow())
        st.rerun()
