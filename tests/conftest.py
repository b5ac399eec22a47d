"""Shared fixtures: one suite, every database in TEST_DATABASE_URLS, each test rolled back."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date, datetime

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from db import migrate
from db.engine import PortalSession, make_engine
from tests.databases import backend_id, configured_urls, fresh_database

IN_CI = os.environ.get("CI", "").lower() == "true"
STRICT_MARKERS = {"postgres", "browser"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        callspec = getattr(item, "callspec", None)
        if callspec and any("postgresql" in str(v) for v in callspec.id.split("-")):
            item.add_marker(pytest.mark.postgres)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call):  # type: ignore[no-untyped-def]
    outcome = yield
    report = outcome.get_result()
    strict = STRICT_MARKERS & {m.name for m in item.iter_markers()}
    if IN_CI and report.skipped and strict:
        report.outcome = "failed"
        report.longrepr = f"skipped in CI, which must run {', '.join(sorted(strict))} tests"


def pytest_sessionstart(session: pytest.Session) -> None:
    if IN_CI and not any(backend_id(u) == "postgresql" for u in configured_urls()):
        raise pytest.UsageError("CI=true needs a PostgreSQL URL in TEST_DATABASE_URLS")


@pytest.fixture(scope="session", params=configured_urls(), ids=backend_id)
def database_url(request: pytest.FixtureRequest) -> Iterator[str]:
    with fresh_database(request.param) as url:
        migrate.upgrade(url)
        yield url


@pytest.fixture(scope="session")
def engine(database_url: str) -> Iterator[Engine]:
    eng = make_engine(database_url)
    yield eng
    eng.dispose()


@pytest.fixture
def db(engine: Engine) -> Iterator[Session]:
    """A session whose commits are savepoints inside one transaction rolled back at the end."""
    connection = engine.connect()
    outer = connection.begin()
    session = PortalSession(
        bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False
    )
    try:
        yield session
    finally:
        session.close()
        outer.rollback()
        connection.close()


@pytest.fixture
def now() -> datetime:
    return datetime(2026, 11, 24, 3, 0)


@pytest.fixture
def today() -> date:
    return date(2026, 11, 24)


@pytest.fixture(scope="session")
def s3_endpoint() -> Iterator[str]:
    from tests import s3server

    with s3server.running() as url:
        yield url


@pytest.fixture
def s3_settings(s3_endpoint: str, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Settings of DOCUMENT_STORE=s3 on a fresh bucket of the test server (credentials in env)."""
    import uuid
    from dataclasses import replace

    import settings
    from services.storage import s3
    from tests import s3server

    monkeypatch.setenv("AWS_ACCESS_KEY_ID", s3server.ACCESS_KEY)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", s3server.SECRET_KEY)
    conf = replace(
        settings.load(),
        document_store="s3",
        s3_endpoint_url=s3_endpoint,
        s3_bucket=f"mchch-test-{uuid.uuid4().hex[:12]}",
        s3_region="ap-southeast-1",
    )
    s3.client_for(conf).create_bucket(
        Bucket=conf.s3_bucket,
        CreateBucketConfiguration={"LocationConstraint": conf.s3_region},
    )
    return conf


@pytest.fixture(params=["database", "s3"])
def document_store(request: pytest.FixtureRequest, db: Session):  # type: ignore[no-untyped-def]
    """The store the db session's documents go to: each test runs once on each."""
    from services import storage
    from services.storage import s3

    if request.param == "s3":
        db.info[storage.REMOTE_STORE] = s3.from_settings(request.getfixturevalue("s3_settings"))
    return storage.for_session(db)
