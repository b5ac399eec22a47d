"""Form fields that speak Thai: BE dates shown beside the picker, Thai or Arabic digits typed."""

from __future__ import annotations

from datetime import date

import streamlit as st

from core.errors import InvalidInput
from core.thai import format_date, parse_decimal, parse_int

MIN_DATE = date(1950, 1, 1)


def date_field(label: str, value: date | None, *, key: str, max_value: date | None = None):  # type: ignore[no-untyped-def]
    picked = st.date_input(
        label,
        value=value,
        key=key,
        format="DD/MM/YYYY",
        min_value=MIN_DATE,
        max_value=max_value or date(2100, 12, 31),
    )
    if picked:
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


def seen_version(key: str) -> int | None:
    """The version of the record as it was when this form was last shown to this user."""
    return st.session_state.get(f"_seen_{key}")


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
