"""Test databases: a fresh SQLite file or a fresh PostgreSQL database per use, always dropped."""

from __future__ import annotations

import os
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

DEFAULT_URLS = "sqlite"


def configured_urls() -> list[str]:
    raw = os.environ.get("TEST_DATABASE_URLS", DEFAULT_URLS)
    return [u.strip() for u in raw.split(",") if u.strip()]


def backend_id(url: str) -> str:
    return "sqlite" if url == "sqlite" else make_url(url).get_backend_name()


@contextmanager
def fresh_database(server_url: str, *, prefix: str = "mchch_test") -> Iterator[str]:
    """Yields the URL of a new empty database on that server (or a new SQLite file); `prefix`
    starts the PostgreSQL database's name, so a suite's leftovers say whose they are."""
    if server_url == "sqlite" or server_url.startswith("sqlite"):
        with tempfile.TemporaryDirectory(prefix="mchch-test-") as folder:
            yield f"sqlite:///{Path(folder) / 'test.sqlite3'}"
        return
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(server_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
