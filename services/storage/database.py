"""The default store: bytes in the document_contents table, keyed by their SHA-256.

It writes through the caller's session, so a put or delete commits or rolls back with the
documents that refer to it, and a database backup is a backup of every file.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from db.models import DocumentContent
from services.storage import StoredFileMissing, key_of, referenced, verified


class DatabaseStore:
    transactional = True

    def __init__(self, session: Session) -> None:
        self.session = session

    def _locked(self, key: str) -> DocumentContent | None:
        # The row lock orders a put against a concurrent delete of the same bytes (PostgreSQL).
        query = select(DocumentContent).where(DocumentContent.sha256 == key)
        return self.session.scalars(query.with_for_update()).first()

    def put(self, data: bytes, content_type: str) -> str:
        key = key_of(data)
        if self._locked(key) is not None:
            return key
        try:
            with self.session.begin_nested():
                self.session.add(DocumentContent(sha256=key, data=data))
        except IntegrityError:  # the same bytes stored a moment ago by someone else
            if self._locked(key) is None:
                raise
        return key

    def get(self, key: str) -> bytes:
        data = self.session.scalar(
            select(DocumentContent.data).where(DocumentContent.sha256 == key)
        )
        if data is None:
            raise StoredFileMissing()
        return verified(key, data)

    def exists(self, key: str) -> bool:
        found = select(DocumentContent.sha256).where(DocumentContent.sha256 == key)
        return self.session.scalar(found) is not None

    def delete(self, key: str, *, written_before: datetime | None = None) -> None:
        row = self._locked(key)
        if row is not None:
            self.session.delete(row)
            self.session.flush()

    def release(self, keys: Iterable[str]) -> None:
        self.session.flush()
        for key in sorted(set(keys)):
            row = self._locked(key)  # first the lock, then the check: no put slips between
            if row is not None and not referenced(self.session, key):
                self.session.delete(row)
        self.session.flush()

    def keys(self, *, written_before: datetime | None = None) -> Iterator[str]:
        # Rows are written in the caller's transaction: one not committed is not listed here.
        yield from self.session.scalars(select(DocumentContent.sha256).order_by("sha256"))
