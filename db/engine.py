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

READ_ONLY = "portal_read_only"  # execution option of the engine that read sessions use


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
        # A unit of work that may write takes the write lock up front, so that it never fails
        # half-way on a lock upgrade; read-only work (read_session_factory) takes none and, in
        # WAL mode, runs beside other readers and one writer.
        if connection.get_execution_options().get(READ_ONLY):
            connection.exec_driver_sql("BEGIN DEFERRED")
        else:
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


class ReadOnlySession(Session):
    """For showing data: any attempt to write is a programming error, refused before SQL."""

    def flush(self, objects=None) -> None:  # type: ignore[no-untyped-def]
        if self.new or self.dirty or self.deleted:
            raise ReadOnlyViolation("a read-only session was asked to write")
        super().flush(objects)


class ReadOnlyViolation(RuntimeError):
    pass


@event.listens_for(ReadOnlySession, "do_orm_execute")
def _refuse_write_statements(state) -> None:  # type: ignore[no-untyped-def]
    if state.is_insert or state.is_update or state.is_delete:
        raise ReadOnlyViolation("a read-only session was asked to write")


def session_factory(engine: Engine) -> sessionmaker[PortalSession]:
    return sessionmaker(bind=engine, class_=PortalSession, expire_on_commit=False)


def read_session_factory(engine: Engine) -> sessionmaker[ReadOnlySession]:
    """Sessions for read-only work: on SQLite a deferred transaction (no write lock)."""
    options: dict[str, object] = {READ_ONLY: True}
    if engine.dialect.name == "postgresql":
        options["postgresql_readonly"] = True  # BEGIN READ ONLY: the server refuses writes too
    reading = engine.execution_options(**options)
    return sessionmaker(bind=reading, class_=ReadOnlySession, expire_on_commit=False)
