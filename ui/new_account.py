"""A new account's username and one-time password, shown once after the save's rerun."""

from __future__ import annotations

import streamlit as st

_KEY = "_new_account_once"


def remember(message: str, username: str, password: str) -> None:
    st.session_state[_KEY] = (message, username, password)


def show_once() -> None:
    found = st.session_state.pop(_KEY, None)
    if not found:
        return
    message, username, password = found
    with st.container(border=True):
        st.success(message, icon="✅")
        st.markdown("ชื่อผู้ใช้")
        st.code(username, language=None)
        st.markdown("รหัสผ่านชั่วคราว (แสดงครั้งเดียว เมื่อเข้าสู่ระบบครั้งแรก ระบบจะให้ตั้งรหัสผ่านใหม่ก่อนใช้งาน)")
        st.code(password, language=None)
