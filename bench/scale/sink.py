"""Rows to the database in bulk: COPY on PostgreSQL, executemany on SQLite.

Rows carry their own ids (allocated here after the table's current maximum), so children can
name their parents before anything is written; `flush` writes every buffered table parents first.
Columns and NOT NULL defaults come from the models' metadata, so a new column cannot be missed.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import Any

import db.models  # noqa: F401 - every table in the metadata
from db.base import Base

# Parents before children (FK order); comments reference themselves, roots come first.
ORDER = (
    "users",
    "district_offices",
    "rounds",
    "round_districts",
    "applicants",
    "applications",
    "lead_team_members",
    "advisors",
    "indicators",
    "plan_activities",
    "activity_indicators",
    "activity_logs",
    "assessments",
    "assessment_scores",
    "documents",
    "document_contents",
    "comments",
    "committee_evaluations",
    "evaluation_items",
    "resolutions",
    "certificates",
    "registry_entries",
    "notifications",
    "audit_events",
)


def _defaults(table: str, now: datetime) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for column in Base.metadata.tables[table].columns:
        default = column.default
        if column.name == "version":
            found["version"] = 1
        elif default is not None and default.is_scalar:
            found[column.name] = default.arg
        elif default is not None and default.is_callable:
            found[column.name] = now  # utcnow: the run's fixed instant keeps runs repeatable
        elif column.server_default is not None:
            found[column.name] = False  # must_change_password
    return found


def _sqlite_value(value: object) -> object:
    # As SQLAlchemy stores them on SQLite, so the ORM reads these rows like its own.
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, date):
        return value.isoformat()
    return value


class Sink:
    def __init__(self, dbapi_connection: Any, backend: str, now: datetime) -> None:
        self.conn = dbapi_connection
        self.postgres = backend == "postgresql"
        self.columns = {t: tuple(c.name for c in Base.metadata.tables[t].columns) for t in ORDER}
        self.defaults = {t: _defaults(t, now) for t in ORDER}
        self.buffers: dict[str, list[tuple[object, ...]]] = {t: [] for t in ORDER}
        self.written: dict[str, int] = dict.fromkeys(ORDER, 0)
        self.seconds: dict[str, float] = dict.fromkeys(ORDER, 0.0)
        self._next: dict[str, int] = {}
        self._stored: set[str] | None = None
        if not self.postgres:
            self.query("BEGIN IMMEDIATE")  # autocommit driver: one transaction, all or nothing

    def query(self, sql: str, params: Iterable[object] = ()) -> list[tuple[Any, ...]]:
        cur = self.conn.cursor()
        cur.execute(sql.replace("?", "%s") if self.postgres else sql, tuple(params))
        rows = cur.fetchall() if cur.description else []
        cur.close()
        return rows

    def add_content(self, sha256: str, data: bytes) -> None:
        """A file's bytes, once per distinct content (document_contents is keyed by the hash,
        as services/storage/database.py keeps it; the demo's own files are already there)."""
        if self._stored is None:
            self._stored = {row[0] for row in self.query("SELECT sha256 FROM document_contents")}
        if sha256 not in self._stored:
            self._stored.add(sha256)
            self.add("document_contents", sha256=sha256, data=data)

    def next_id(self, table: str) -> int:
        if table not in self._next:
            self._next[table] = (self.query(f"SELECT max(id) FROM {table}")[0][0] or 0) + 1
        self._next[table] += 1
        return self._next[table] - 1

    def add(self, table: str, **values: object) -> None:
        row = {**self.defaults[table], **values}
        self.buffers[table].append(tuple(row.get(c) for c in self.columns[table]))

    def pending(self) -> int:
        return sum(len(rows) for rows in self.buffers.values())

    def flush(self) -> None:
        for table in ORDER:
            rows = self.buffers[table]
            if rows:
                started = time.perf_counter()
                self._write(table, rows)
                self.seconds[table] += time.perf_counter() - started
                self.written[table] += len(rows)
                self.buffers[table] = []

    def _write(self, table: str, rows: list[tuple[object, ...]]) -> None:
        names = ", ".join(self.columns[table])
        cur = self.conn.cursor()
        if self.postgres:
            with cur.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join("?" * len(self.columns[table]))
            cur.executemany(
                f"INSERT INTO {table} ({names}) VALUES ({marks})",
                [tuple(_sqlite_value(v) for v in row) for row in rows],
            )
        cur.close()

    def drop_for_load(self) -> None:
        """PostgreSQL: foreign keys and secondary indexes off while loading, rebuilt by
        `restore` from their own definitions (same names, same SQL): maintaining a trigram index
        and four foreign keys row by row makes COPY many times slower than one build at the end.
        Primary keys and unique constraints stay, so a duplicate is refused while loading."""
        self._restore: list[str] = []
        if not self.postgres:
            return
        fks = self.query(
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) "
            "FROM pg_constraint WHERE contype = 'f' AND connamespace = 'public'::regnamespace"
        )
        indexes = self.query(
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' "
            "AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE contype IN ('p', 'u'))"
        )
        for table, name, definition in fks:
            self.query(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
            self._restore.append(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
        for name, definition in indexes:
            self.query(f'DROP INDEX "{name}"')
            self._restore.insert(0, definition)  # indexes first: they help check the keys

    def restore(self, progress: Callable[[str], None]) -> None:
        if not self._restore:
            return
        self.query("SET LOCAL maintenance_work_mem = '512MB'")
        started = time.perf_counter()
        for statement in self._restore:
            self.query(statement)
        seconds = time.perf_counter() - started
        progress(f"สร้างดัชนีและ foreign key คืน {len(self._restore)} รายการ ({seconds:.0f} วินาที)")

    def reset_sequences(self) -> None:
        """COPY with explicit ids leaves PostgreSQL's sequences behind: the next insert would
        collide. SQLite takes max(id) + 1 by itself."""
        if not self.postgres:
            return
        for table in ORDER:
            if "id" in self.columns[table]:
                self.query(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"coalesce((SELECT max(id) FROM {table}), 1))"
                )

    def commit(self) -> None:
        if self.postgres:
            self.conn.commit()
        else:
            self.query("COMMIT")
