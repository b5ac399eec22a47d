"""A comment thread box under an indicator, activity, assessment round or the summary."""

from __future__ import annotations

import streamlit as st

from core.thai import format_datetime
from services import comments
from services.clock import to_local, utcnow
from ui import feedback, forms


def box(db, actor, application_id: int, kind: str, target_id: int | None, *, key: str) -> None:  # type: ignore[no-untyped-def]
    found = comments.threads(db, actor, application_id, target_kind=kind, target_id=target_id)
    for thread in found:
        with st.container(border=True):
            for entry in thread.entries:
                st.caption(f"{entry.author} · {format_datetime(to_local(entry.at))}")
                st.text(entry.body)
            if thread.resolved:
                st.caption("✔️ เรื่องนี้ปิดแล้ว")
                continue
            n = forms.nonce(f"reply_{thread.id}")
            text = st.text_input("ตอบกลับ", key=f"{key}_reply_{thread.id}_{n}")
            left, right = st.columns(2)
            if left.button("ส่งคำตอบ", key=f"{key}_send_{thread.id}_{n}"):
                with feedback.shows_errors():
                    comments.reply(db, actor, thread.id, body=text, now=utcnow())
                    forms.next_form(f"reply_{thread.id}")
                    st.rerun()
            if right.button("ปิดเรื่องนี้", key=f"{key}_resolve_{thread.id}"):
                with feedback.shows_errors():
                    comments.resolve(db, actor, thread.id, now=utcnow())
                    st.rerun()
    n = forms.nonce(f"comment_{key}")
    text = st.text_area("แสดงความเห็นใหม่", key=f"{key}_new_{n}", height=68)
    if st.button("ส่งความเห็น", key=f"{key}_new_send_{n}"):
        with feedback.shows_errors():
            comments.start_thread(
                db,
                actor,
                application_id,
                target_kind=kind,
                target_id=target_id,
                body=text,
                now=utcnow(),
            )
            forms.next_form(f"comment_{key}")
            st.rerun()
