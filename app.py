"""Entry point: page config, login (or its restore from the cookie), the role's menu."""

from __future__ import annotations

import streamlit as st

import settings
from services.startup import check_ready
from ui import acting, forms, login, navigation, runtime, session, style
from ui.safe import md

st.set_page_config(page_title="ระบบ มชช. ออนไลน์", page_icon="🌾", layout="wide")
style.apply()


@st.cache_resource(show_spinner=False)
def _checked_settings() -> settings.Settings:
    conf = settings.get()
    check_ready(conf)
    return conf


try:
    conf = _checked_settings()
except settings.SettingsError as error:
    st.error(f"ระบบยังไม่พร้อมให้บริการ: {error}")
    st.stop()

forms.begin_run()
login.restore_from_cookie(conf)
user = session.current()

if user is None:
    pages = navigation.public_pages()
else:
    pages = navigation.role_pages(user.role, session.acting_name())
    with st.sidebar:
        st.markdown(f"**{md(user.display_name)}**")
        st.caption(navigation.role_caption(user.role, user.actor.district_code))
        if st.button("ออกจากระบบ", icon="🚪", width="stretch"):
            login.logout()
            st.switch_page(navigation.PUBLIC_ABOUT)

if conf.demo:
    with st.sidebar.expander("โหมดสาธิต — ข้อมูลสมมติ"):
        moved = forms.date_field("เลื่อนวันที่ของระบบ", runtime.clock().today(), key="demo_date")
        st.session_state[runtime.DEMO_DATE_KEY] = moved
        st.caption("ใช้ทดลองรอบประเมินตนเองโดยไม่ต้องรอจริง มีผลเฉพาะหน้าต่างนี้")

current_page = st.navigation(pages, expanded=True)  # no English "View N more"
if user is not None and current_page.url_path == "login":
    st.switch_page(navigation.home_page(user.role))  # the run right after a login
login.apply_pending_cookie(conf)
if user is not None:
    acting.banner(user)
try:
    current_page.run()
finally:
    session.end_run()
