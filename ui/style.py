"""The portal's own CSS, applied on every run: smaller titles on a phone, and Thai in place of
the English texts Streamlit's file uploader draws itself. Static text only, never user data."""

from __future__ import annotations

import streamlit as st

from core.uploads import MAX_BYTES

PHONE_MAX_WIDTH = 640  # px; Streamlit stacks columns below this width too

UPLOAD_BUTTON = "เลือกไฟล์"
# The accepted types differ by box (documents, spreadsheets): each box says its own.
UPLOAD_LIMIT = f"ไม่เกิน {MAX_BYTES // (1024 * 1024)} MB ต่อไฟล์"
DRAG_HINT = "ลากไฟล์มาวาง หรือกดเลือกไฟล์"  # a computer only: a phone cannot drag a file

_DROPZONE = '[data-testid="stFileUploaderDropzone"]'

# Titles: Chromium breaks Thai between dictionary words. With `overflow-wrap: break-word`
# (Streamlit's) or `anywhere`, a word wider than the line is cut in two ("พระนครศรีอ|ยุธยา" at
# 44px in 240px); `normal` never cuts a word, and at these phone sizes every word fits the line.
# `word-break: keep-all` changes nothing for Thai in Chromium.
_TITLES = f"""
@media (max-width: {PHONE_MAX_WIDTH}px) {{
  [data-testid="stHeading"] h1 {{ font-size: 1.75rem; line-height: 1.3; }}
  [data-testid="stHeading"] h2 {{ font-size: 1.4rem; line-height: 1.3; }}
  [data-testid="stHeading"] h3 {{ font-size: 1.2rem; line-height: 1.3; }}
}}
[data-testid="stHeading"] :is(h1, h2, h3) {{ overflow-wrap: normal; word-break: normal; }}
"""

# Streamlit 1.67's uploader: a button whose label is "Upload", a line "10MB per file • PDF, JPG,
# PNG", and while a file is dragged over it a box saying "Drag and drop a file here". The English
# is hidden and the Thai drawn in its place; the element ids are Streamlit's data-testids.
_UPLOADER = f"""
{_DROPZONE} button [data-testid="stMarkdownContainer"] p {{ display: none; }}
{_DROPZONE} button [data-testid="stMarkdownContainer"]::after {{ content: "{UPLOAD_BUTTON}"; }}
[data-testid="stFileUploaderDropzoneInstructions"] span {{ font-size: 0; }}
[data-testid="stFileUploaderDropzoneInstructions"] span::after {{
  content: "{UPLOAD_LIMIT}";
  font-size: 0.875rem;
}}
@media (min-width: {PHONE_MAX_WIDTH + 1}px) {{
  [data-testid="stFileUploaderDropzoneInstructions"] span::after {{
    content: "{DRAG_HINT} · {UPLOAD_LIMIT}";
  }}
}}
"""
# (The "Drag and drop a file here" shown only while a file is dragged over stays English: a rule
# for it also caught the chosen file's row and drew the Thai three times over.)

# "Press Enter to submit form" and the character counter under a text box in a form.
_INPUT_HINTS = """
[data-testid="InputInstructions"] { display: none; }
"""

CSS = _TITLES + _UPLOADER + _INPUT_HINTS


def apply() -> None:
    """Call once per run, right after st.set_page_config."""
    st.html(f"<style>{CSS}</style>")
