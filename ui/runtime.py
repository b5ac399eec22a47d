"""Per-process resources (engine, settings) and per-run helpers for pages."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st
from sqlalchemy import Engine
from sqlalchemy.orm import Session

import settings
from db.engine import make_engine, session_factory
from services.clock import Clock, clock_for_today


@st.cache_resource(show_spinner=False)
def _engine(url: str) -> Engine:
    return make_engine(url)


@contextmanager
def db() -> Iterator[Session]:
    session = session_factory(_engine(settings.get().database_url))()
    try:
        yield session
    except Exception:
        session.rollback()
        raise
    finally:
        session.close()


DEMO_DATE_KEY = "demo_today"


def clock() -> Clock:
    """The portal's calendar: real, or in demo mode moved by DEMO_TODAY or this session's pick."""
    conf = settings.get()
    picked = st.session_state.get(DEMO_DATE_KEY) if conf.demo else None
    return clock_for_today(picked or conf.demo_today)
