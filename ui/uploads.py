"""Upload widgets: the check of type and size is the service's (by content); this only asks."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from core.uploads import MAX_BYTES
from ui import feedback

# The picker lists only these types: a phone then offers its photos, and an iPhone sends them
# as JPEG rather than HEIC. (A desktop user who picks another type anyway meets Streamlit's
# English tooltip; our content check in core.uploads still decides what is kept.)
ACCEPT = ["pdf", "jpg", "jpeg", "png"]
# Up to twice the limit the file reaches our check, which says in Thai that it is too large;
# Streamlit's own refusal of a size is an English tooltip.
PICKER_LIMIT_MB = 2 * MAX_BYTES // (1024 * 1024)


def upload_box(label: str, *, key: str, on_upload: Callable[[str, bytes], object]) -> None:
    """A file picker and a button; the picker is cleared after a successful upload."""
    nonce = st.session_state.get(f"_nonce_{key}", 0)
    st.caption("รับไฟล์ PDF, JPG หรือ PNG (รูปถ่ายจากโทรศัพท์ได้)")
    picked = st.file_uploader(
        label,
        type=ACCEPT,
        key=f"{key}_{nonce}",
        max_upload_size=PICKER_LIMIT_MB,
        help="PDF, JPG หรือ PNG ไม่เกิน 10 MB",
    )
    if picked is not None and st.button("อัปโหลด", key=f"{key}_send_{nonce}", type="primary"):
        with feedback.shows_errors():
            on_upload(picked.name, picked.getvalue())
            st.session_state[f"_nonce_{key}"] = nonce + 1
            feedback.flash(f"อัปโหลด “{picked.name}” แล้ว")
            st.rerun()


def size_label(size: int) -> str:
    if size < 1024:
        return "ไม่ถึง 1 KB"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / (1024 * 1024):.1f} MB"
