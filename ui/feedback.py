"""The one place that turns domain errors into Thai messages on screen."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

import streamlit as st

from core.errors import DomainError, PermissionDenied

T = TypeVar("T")


@contextmanager
def shows_errors() -> Iterator[None]:
    try:
        yield
    except PermissionDenied as error:
        st.error(error.message, icon="🔒")
    except DomainError as error:
        st.error(error.message, icon="⚠️")


def attempt(fn: Callable[[], T]) -> T | None:
    try:
        return fn()
    except PermissionDenied as error:
        st.error(error.message, icon="🔒")
    except DomainError as error:
        st.error(error.message, icon="⚠️")
    return None


def flash(message: str) -> None:
    """A success message that survives the rerun after an action."""
    st.session_state["_flash"] = message


def show_flash() -> None:
    message = st.session_state.pop("_flash", None)
    if message:
        st.success(message, icon="✅")
