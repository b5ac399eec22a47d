"""The banner on every page while a district officer fills in for an applicant."""

from __future__ import annotations

import streamlit as st

from core.roles import Role
from services.auth import SessionUser
from ui import session
from ui.safe import md

STOP_KEY = "stop_acting"


def banner(user: SessionUser) -> None:
    name = session.acting_name()
    if user.role is not Role.DISTRICT_OFFICER or name is None:
        return
    st.sidebar.warning(f"กำลังกรอกแทน: {md(name)}", icon="🤝")
    st.warning(
        f"คุณกำลังกรอกแทน **{md(name)}** — ทุกการบันทึกในเมนู “กรอกแทน” จะระบุว่า"
        f"พัฒนากร {md(user.display_name)} ดำเนินการแทน {md(name)}",
        icon="🤝",
    )
    if st.button("หยุดกรอกแทน", key=STOP_KEY, icon="⏹️"):
        session.stop_acting(user)
        st.switch_page("views/on_behalf.py")
