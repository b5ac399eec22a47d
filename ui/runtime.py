"""Per-process resources (engine, settings) and per-run helpers for pages."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

import settings
from db.engine import make_engine, read_session_factory, session_factory
from services.clock import Clock, clock_for_today


@st.cache_resource(show_spinner=False)
def _engine(url: str) -> Engine:
    return make_engine(url)


@st.cache_resource(show_spinner=False)
def _factories(url: str) -> tuple[sessionmaker, sessionmaker]:  # type: ignore[type-arg]
    engine = _engine(url)
    return session_factory(engine), read_session_factory(engine)


@contextmanager
def db() -> Iterator[Session]:
    """A unit of work that may write (on SQLite it holds the write lock until it ends)."""
    with _opened(_factories(settings.get().database_url)[0]) as session:
        yield session


@contextmanager
def read() -> Iterator[Session]:
    """Read-only work, e.g. showing a page: takes no write lock and refuses to write."""
    with _opened(_factories(settings.get().database_url)[1]) as session:
        yield session


@contextmanager
def _opened(factory: sessionmaker) -> Iterator[Session]:  # type: ignore[type-arg]
    session = factory()
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
