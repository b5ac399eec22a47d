"""Opening an uploaded file: built only on click, so the audit event means a real download."""

from __future__ import annotations

import mimetypes

import streamlit as st

from services import documents
from services.clock import utcnow
from ui import runtime


def download_button(actor, document_id: int, label: str, *, key: str, file_name: str) -> None:  # type: ignore[no-untyped-def]
    def _build() -> bytes:
        with runtime.db() as db:
            _name, _type, data = documents.open_document(db, actor, document_id, now=utcnow())
        return data

    mime = mimetypes.guess_type(file_name)[0] or "application/octet-stream"
    st.download_button(label, data=_build, file_name=file_name, mime=mime, key=key, icon="📄")
