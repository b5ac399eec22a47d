"""Form fields that speak Thai: BE dates shown beside the picker, Thai or Arabic digits typed."""

from __future__ import annotations

from datetime import date

import streamlit as st

from core.errors import InvalidInput
from core.thai import be_year, format_date, parse_be_date, parse_decimal, parse_int

_TYPED_ERRORS = "_typed_errors"


def begin_run() -> None:
    """Called once per run by app.py: forget the previous run's unreadable inputs."""
    st.session_state[_TYPED_ERRORS] = []


def _typed_error(message: str) -> None:
    st.session_state.setdefault(_TYPED_ERRORS, []).append(message)


def check_typed() -> None:
    """Before saving: refuse if a date or number typed on this screen could not be read."""
    errors = st.session_state.get(_TYPED_ERRORS) or []
    if errors:
        raise InvalidInput(" · ".join(dict.fromkeys(errors)))


def be_text(value: date | None) -> str:
    return "" if value is None else f"{value.day}/{value.month}/{be_year(value)}"


def date_field(label: str, value: date | None, *, key: str) -> date | None:
    """A Buddhist-Era date typed as วว/ดด/ปปปป (Thai or Arabic digits), read back in words."""
    text = st.text_input(
        f"{label} (วว/ดด/ปปปป พ.ศ.)", value=be_text(value), key=key, placeholder="เช่น 24/11/2569"
    )
    if not text.strip():
        return None
    try:
        picked = parse_be_date(text)
    except InvalidInput as error:
        st.caption(f"⚠️ {error.message}")
        _typed_error(f"{label}: {error.message}")
        return None
    st.caption(f"= {format_date(picked)}")
    return picked


def int_text(label: str, value: int | None, *, key: str, help: str | None = None) -> str:
    return st.text_input(label, value="" if value is None else str(value), key=key, help=help)


def to_int(text: str, field: str) -> int | None:
    """Empty means not given; otherwise Thai or Arabic digits, else a Thai message."""
    if not (text or "").strip():
        return None
    return parse_int(text, field=field)


def to_float(text: str, field: str) -> float | None:
    if not (text or "").strip():
        return None
    return parse_decimal(text, field=field)


def seen_version(key: str, default: int | None = None) -> int | None:
    """The version of the record as it was when this form was last shown to this user."""
    return st.session_state.get(f"_seen_{key}", default)


def remember_version(key: str, version: int) -> None:
    st.session_state[f"_seen_{key}"] = version


__all__ = [
    "InvalidInput",
    "date_field",
    "int_text",
    "remember_version",
    "seen_version",
    "to_float",
    "to_int",
]


def nonce(key: str) -> int:
    """Part of a form's widget keys: bumped after a successful save to give an empty form,
    while a refused save keeps everything the user typed."""
    return st.session_state.get(f"_nonce_form_{key}", 0)


def next_form(key: str) -> None:
    st.session_state[f"_nonce_form_{key}"] = nonce(key) + 1


def confirmed(label: str, *, key: str, warning: str = "ทำแล้วย้อนกลับไม่ได้") -> bool:
    """A weighty action in two taps: the first asks, the second (ยืนยัน) does it; ยกเลิก forgets it."""
    asking = f"_confirm_{key}"
    if not st.session_state.get(asking):
        if st.button(label, key=key):
            st.session_state[asking] = True
            st.rerun()
        return False
    st.warning(f"{label}? {warning}", icon="⚠️")
    yes, no = st.columns(2)
    if no.button("ยกเลิก", key=f"{key}_no"):
        st.session_state.pop(asking, None)
        st.rerun()
    if yes.button("ยืนยัน", key=f"{key}_yes", type="primary"):
        st.session_state.pop(asking, None)
        return True
    return False
