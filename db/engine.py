"""Engine and session factory for SQLite (default) and PostgreSQL."""

from __future__ import annotations

import logging
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from core.errors import StaleData

log = logging.getLogger(__name__)


def make_engine(url: str, **kwargs: object) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 30}, **kwargs)
        _configure_sqlite(engine)
        return engine
    return create_engine(url, pool_pre_ping=True, **kwargs)


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        # Let SQLAlchemy, not pysqlite, decide when transactions begin (savepoints work).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:  # type: ignore[no-untyped-def]
        connection.exec_driver_sql("BEGIN IMMEDIATE")


class PortalSession(Session):
    """A session whose lost races read as StaleData, the one "someone else was faster" error.

    Services check versions before writing, so these only fire when two people write at the
    same instant: the version-checked UPDATE finds no row (StaleDataError), or a unique key
    (one evaluation per member, one certificate number) was taken a moment ago (IntegrityError).
    The transaction is rolled back so nothing half-written stays; the person sees the Thai
    message and the current state.
    """

    def flush(self, objects=None) -> None:  # type: ignore[no-untyped-def]
        try:
            super().flush(objects)
        except (StaleDataError, IntegrityError) as lost:
            if self.in_nested_transaction():
                raise  # a savepoint's own attempt: its caller rolls back just the savepoint
            log.warning("concurrent write refused: %s", lost)
            self.rollback()
            raise StaleData() from lost


def session_factory(engine: Engine) -> sessionmaker[PortalSession]:
    return sessionmaker(bind=engine, class_=PortalSession, expire_on_commit=False)
