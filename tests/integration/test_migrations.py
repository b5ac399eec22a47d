from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import inspect, text

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


def _documents_sharing_bytes(url: str) -> dict[str, bytes]:
    """Three documents, two with the same bytes, stored at head; their id → bytes."""
    from core.roles import Role
    from db.engine import session_factory
    from db.models import Document
    from services import storage
    from tests.factories import make_application, make_round, make_user

    engine = make_engine(url)
    contents = [b"%PDF-1.4 same", b"%PDF-1.4 same", b"%PDF-1.4 other"]
    with session_factory(engine)() as session:
        owner = make_user(session, Role.APPLICANT)
        application = make_application(session, owner, make_round(session))
        store = storage.for_session(session)
        documents = [
            Document(
                application_id=application.id,
                filename=f"{n}.pdf",
                content_type="application/pdf",
                size=len(data),
                sha256=store.put(data, "application/pdf"),
                uploaded_by_id=owner.id,
            )
            for n, data in enumerate(contents)
        ]
        session.add_all(documents)
        session.commit()
        result = {str(d.id): data for d, data in zip(documents, contents, strict=True)}
    engine.dispose()
    return result


def _rows(url: str, sql: str) -> dict[str, bytes]:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return {str(key): bytes(data) for key, data in conn.execute(text(sql))}
    finally:
        engine.dispose()


@pytest.mark.parametrize("server", SERVERS, ids=backend_id)
def test_stored_bytes_survive_downgrade_and_upgrade_one_row_per_hash(server: str) -> None:
    with fresh_database(server) as url:
        migrate.upgrade(url)
        by_document = _documents_sharing_bytes(url)
        assert len(_rows(url, "SELECT sha256, data FROM document_contents")) == 2

        migrate.downgrade(url, "0005")
        assert _rows(url, "SELECT document_id, data FROM document_contents") == by_document

        migrate.upgrade(url)
        by_hash = {hashlib.sha256(d).hexdigest(): d for d in by_document.values()}
        assert _rows(url, "SELECT sha256, data FROM document_contents") == by_hash
        migrate.check(url)
