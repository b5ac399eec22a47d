from __future__ import annotations

import pytest
from sqlalchemy import inspect

from db import migrate
from db.engine import make_engine
from tests.databases import backend_id, configured_urls, fresh_database

SERVERS = configured_urls()


def _tables(url: str) -> set[str]:
    engine = make_engine(url)
    try:
        return set(inspect(engine).get_table_names()) - {"alembic_version"}
    finally:
        engine.dispose()


@pytest.mark.parametrize("server", SERVERS, ids=backend_id)
def test_upgrade_creates_every_table_and_matches_the_models(server: str) -> None:
    with fresh_database(server) as url:
        migrate.upgrade(url)
        assert {"users", "applications", "registry_entries", "audit_events"} <= _tables(url)
        migrate.check(url)  # raises if models and migrations differ


@pytest.mark.parametrize("server", SERVERS, ids=backend_id)
def test_downgrade_to_base_removes_everything_and_upgrade_again_works(server: str) -> None:
    with fresh_database(server) as url:
        migrate.upgrade(url)
        migrate.downgrade(url, "base")
        assert _tables(url) == set()
        migrate.upgrade(url)
        assert "notifications" in _tables(url)
