"""Read-only work never queues for the write lock: on SQLite a reader's transaction is deferred,
so readers run side by side and beside one writer (WAL); a read session refuses to write on
both databases, and a unit of work that writes still takes SQLite's lock up front."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, func, insert, select

from db import migrate
from db.engine import ReadOnlyViolation, make_engine, read_session_factory, session_factory
from db.models import User
from tests.databases import fresh_database
from tests.factories import make_user

READERS = 20
PATIENCE = 20.0  # seconds: far longer than any of these steps takes when nobody blocks


@pytest.fixture(scope="module")
def own_engine(database_url: str) -> Iterator[Engine]:
    server = "sqlite" if database_url.startswith("sqlite") else database_url
    with fresh_database(server) as url:
        migrate.upgrade(url)
        engine = make_engine(url, pool_size=READERS + 5)
        with session_factory(engine)() as s:
            make_user(s, username="reader-target")
            s.commit()
        yield engine
        engine.dispose()


def test_twenty_readers_run_together_while_a_writer_holds_its_transaction(own_engine):
    """Each reader keeps its transaction open until all twenty are inside theirs, while a writer
    has written and not yet committed: a reader that had to wait for the writer or for another
    reader would never reach the barrier, which then breaks."""
    readers_inside = threading.Barrier(READERS + 1, timeout=PATIENCE)
    writer_holds = threading.Event()
    writer_may_commit = threading.Event()
    seen: list[int] = []
    errors: list[BaseException] = []

    def writer() -> None:
        try:
            with session_factory(own_engine)() as s:
                make_user(s, username="written-meanwhile")
                s.flush()  # the write lock is held from here until commit
                writer_holds.set()
                writer_may_commit.wait(PATIENCE)
                s.commit()
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)
            writer_holds.set()

    def reader() -> None:
        try:
            with read_session_factory(own_engine)() as s:
                n = s.scalar(select(func.count(User.id)))
                readers_inside.wait()  # every reader is in its own transaction at once
                seen.append(n or 0)
        except BaseException as error:
            errors.append(error)

    w = threading.Thread(target=writer)
    w.start()
    assert writer_holds.wait(PATIENCE)
    threads = [threading.Thread(target=reader) for _ in range(READERS)]
    for t in threads:
        t.start()
    try:
        readers_inside.wait()
    finally:
        writer_may_commit.set()
        for t in threads:
            t.join(PATIENCE)
        w.join(PATIENCE)
    assert errors == []
    assert len(seen) == READERS
    assert all(n >= 1 for n in seen)  # the committed row, never the writer's uncommitted one
    with read_session_factory(own_engine)() as s:
        assert s.scalar(select(func.count()).where(User.username == "written-meanwhile")) == 1


def test_a_read_session_refuses_to_write_and_leaves_nothing(own_engine):
    with read_session_factory(own_engine)() as s:
        with pytest.raises(ReadOnlyViolation):
            make_user(s, username="never-written")  # the factory adds and flushes
        s.rollback()
        with pytest.raises(ReadOnlyViolation):
            s.execute(insert(User).values(username="never-written-either"))
    with read_session_factory(own_engine)() as s:
        names = set(s.scalars(select(User.username)))
    assert not names & {"never-written", "never-written-either"}


def test_a_writing_unit_of_work_holds_sqlites_write_lock_from_its_first_statement():
    """SQLite's own lock (PostgreSQL locks rows, not the database): on a SQLite file of its own."""
    with fresh_database("sqlite") as url:
        migrate.upgrade(url)
        engine = make_engine(url)
        try:
            with session_factory(engine)() as first:
                first.scalar(select(func.count(User.id)))  # only a read so far: locked already
                other = sqlite3.connect(engine.url.database, timeout=0, isolation_level=None)
                try:
                    with pytest.raises(sqlite3.OperationalError, match="locked"):
                        other.execute("BEGIN IMMEDIATE")
                finally:
                    other.close()
                first.rollback()
        finally:
            engine.dispose()
