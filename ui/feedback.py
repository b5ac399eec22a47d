"""The one place that turns domain errors into Thai messages on screen."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

import streamlit as st

from core.errors import DomainError, PermissionDenied, StaleData

T = TypeVar("T")


_AFTER_RERUN = "_error_after_rerun"


def forget_inputs(prefix: str) -> None:
    """Drops what this user typed in the widgets whose keys start with `prefix`: they are drawn
    again from the current data (after someone else's change)."""
    for key in [k for k in st.session_state if str(k).startswith(prefix)]:
        del st.session_state[key]


@contextmanager
def shows_errors(*, stale_reset: str | None = None) -> Iterator[None]:
    """Shows a refused action's Thai message. On a save from a stale screen, `stale_reset`
    (a widget-key prefix) drops what this user typed in that form and reloads it with the
    current data, so the next save cannot overwrite the other person's change unseen."""
    try:
        yield
    except StaleData as error:
        if stale_reset is None:
            st.error(error.message, icon="⚠️")
            return
        forget_inputs(stale_reset)
        st.session_state[_AFTER_RERUN] = error.message
        st.rerun()
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
    problem = st.session_state.pop(_AFTER_RERUN, None)
    if problem:
        st.warning(problem, icon="🔄")
