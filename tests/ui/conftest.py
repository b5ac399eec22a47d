"""AppTest runs the real app.py in-process against a seeded demo database."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import pytest
from sqlalchemy.orm import Session
from streamlit.testing.v1 import AppTest

import settings
from db import migrate
from db.base import utcnow
from db.engine import make_engine, session_factory
from services import demo
from services.clock import Clock
from tests.databases import configured_urls, fresh_database
from ui.navigation import HOME_BY_ROLE

ROOT = Path(__file__).resolve().parents[2]


@contextmanager
def session_on(url: str) -> Iterator[Session]:
    engine = make_engine(url)
    try:
        with session_factory(engine)() as session:
            yield session
    finally:
        engine.dispose()


def portal_db() -> AbstractContextManager[Session]:
    """A session on the database the app under test uses (DATABASE_URL)."""
    return session_on(os.environ["DATABASE_URL"])


def seed_demo(url: str) -> None:
    """Migrates an empty database and fills it with the demo, as `make run` does."""
    migrate.upgrade(url)
    with session_on(url) as session:
        demo.seed(session, password=settings.DEMO_PASSWORD, today=Clock().today(), now=utcnow())


@pytest.fixture(scope="session")
def demo_database_url() -> Iterator[str]:
    with fresh_database(configured_urls()[0]) as url:
        seed_demo(url)
        yield url


@pytest.fixture
def demo_db(demo_database_url: str) -> Iterator[Session]:
    """A session on the shared demo database, for a test to look at (or undo) what a page did.
    End its transaction before the next AppTest run: on SQLite an open one holds the lock."""
    with session_on(demo_database_url) as s:
        yield s


@pytest.fixture(autouse=True)
def _portal_settings(demo_database_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("DATABASE_URL", demo_database_url)
    monkeypatch.setenv("PORTAL_ENV", "development")
    monkeypatch.setenv("AUTH_COOKIE_KEY", "t" * 48)
    monkeypatch.delenv("DEMO_TODAY", raising=False)
    settings.get.cache_clear()
    yield
    settings.get.cache_clear()


def new_app() -> AppTest:
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)


def log_in(username: str, password: str = settings.DEMO_PASSWORD) -> AppTest:
    at = new_app().run()
    at.switch_page("views/login.py").run()
    at.text_input[0].input(username)
    at.text_input[1].input(password)
    at.button[0].click().run()
    if "user_id" not in at.session_state:
        return at
    at.run()  # the run after login registers the role's pages
    role = next(u.role for u in demo.DEMO_USERS if u.username == username)
    return at.switch_page(HOME_BY_ROLE[role][0]).run()


def texts(at: AppTest) -> str:
    parts = [e.value for e in at.markdown] + [e.value for e in at.title]
    parts += [e.value for e in at.subheader] + [e.value for e in at.caption]
    parts += (
        [e.value for e in at.info] + [e.value for e in at.success] + [e.value for e in at.error]
    )
    parts += [str(e.value) for e in at.dataframe]
    return "\n".join(str(p) for p in parts)
