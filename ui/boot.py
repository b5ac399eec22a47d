"""Pages run only inside app.py's role navigation.

Streamlit falls back to the old pages-folder mode for a fresh server's first session until
app.py has called st.navigation once: then a URL like /province_home would run the page file
directly, skipping app.py (seen in Chromium right after a restart). Every page calls this
first; in that mode it sends the visitor through app.py instead.
"""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager


def through_navigation() -> None:
    if PagesManager.uses_pages_directory:
        st.switch_page("app.py")
