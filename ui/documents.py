"""Uploaded checklist files: where each stands in the officer's check, and opening one (the file
is built only on click, so the audit event means a real download)."""

from __future__ import annotations

import mimetypes

import streamlit as st

from services import documents
from services.clock import utcnow
from services.documents import ChecklistItem
from ui import runtime
from ui.safe import md

# review_status → (mark, words): what the officer's check means for this file.
REVIEW_MARKS = {
    "pending": ("⏳", "ยังไม่ได้ตรวจ"),
    "accepted": ("✅", "พัฒนากรตรวจแล้ว ถูกต้อง"),
    "rejected": ("❌", "พัฒนากรส่งกลับ"),
}
REPLACE_HINT = "อัปโหลดไฟล์ใหม่แทน"


def mark(item: ChecklistItem) -> str:
    if not item.uploaded:
        return "⬜" if item.requirement.required else "➖"
    return REVIEW_MARKS.get(item.review_status or "pending", REVIEW_MARKS["pending"])[0]


def review_line(item: ChecklistItem, *, can_replace: bool) -> None:
    """Under an uploaded file: its check result; a returned one with the officer's reason (as
    plain text) and what to do about it."""
    if not item.uploaded:
        return
    symbol, words = REVIEW_MARKS.get(item.review_status or "pending", REVIEW_MARKS["pending"])
    if item.review_status != documents.RETURNED:
        st.caption(f"{symbol} {words}")
        return
    st.error(f"{words}: {md(item.review_reason or '-')}", icon=symbol)
    if can_replace:
        st.markdown(f"**สิ่งที่ต้องทำ:** {REPLACE_HINT} แล้วส่งใบสมัครอีกครั้ง")
    else:
        st.caption(f"เมื่อพัฒนากรส่งใบสมัครกลับมาให้แก้ไข จึงจะ{REPLACE_HINT}ได้")


def download_button(actor, document_id: int, label: str, *, key: str, file_name: str) -> None:  # type: ignore[no-untyped-def]
    def _build() -> bytes:
        with runtime.db() as db:
            _name, _type, data = documents.open_document(db, actor, document_id, now=utcnow())
        return data

    mime = mimetypes.guess_type(file_name)[0] or "application/octet-stream"
    st.download_button(label, data=_build, file_name=file_name, mime=mime, key=key, icon="📄")
