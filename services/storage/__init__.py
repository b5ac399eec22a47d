"""Where uploaded files' bytes live, behind put / get / exists / delete.

A key is the SHA-256 of the bytes (hex), which documents.sha256 already records: identical
uploads share one stored copy, and every read is checked against its key, so a damaged or
swapped copy is refused, never served. Two stores: `database` (a table of its own, part of
the session's transaction; see database.py) and `s3` (an S3-compatible bucket, outside it).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.errors import DomainError
from db.models import Document

log = logging.getLogger(__name__)

REMOTE_STORE = "document_store"  # session.info key: the remote store this session writes to


class StoredFileMissing(DomainError):
    default_message = "ไม่พบเนื้อไฟล์ในที่เก็บเอกสาร กรุณาแจ้งผู้ดูแลระบบ"


class StoredFileCorrupt(DomainError):
    default_message = "ไฟล์ในที่เก็บเอกสารไม่ตรงกับไฟล์ที่อัปโหลดไว้ (อาจเสียหาย) ระบบจึงไม่เปิดให้ กรุณาแจ้งผู้ดูแลระบบ"


class DocumentStore(Protocol):
    # True: writes and deletes are part of the session's transaction (roll back with it).
    transactional: bool

    def put(self, data: bytes, content_type: str) -> str: ...
    def get(self, key: str) -> bytes: ...
    def exists(self, key: str) -> bool: ...
    # written_before: keep a copy written again since then (an upload still in flight).
    def delete(self, key: str, *, written_before: datetime | None = None) -> None: ...
    # Every stored key; with written_before, only those last written before then.
    def keys(self, *, written_before: datetime | None = None) -> Iterator[str]: ...

    # The session deleted documents with these keys: drop the copies no document still names
    # (a transactional store at once; a bucket later, by `manage.py gc-documents`).
    def release(self, keys: Iterable[str]) -> None: ...


def key_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def verified(key: str, data: bytes) -> bytes:
    if key_of(data) != key:
        log.error("stored document %s does not match its hash: refused", key)
        raise StoredFileCorrupt()
    return data


def referenced(session: Session, key: str) -> bool:
    query = select(Document.id).where(Document.sha256 == key).limit(1)
    return session.scalar(query) is not None


def for_session(session: Session) -> DocumentStore:
    """The store of this session: the one set in its info (tests), else the configured one."""
    from services.storage import database, s3

    remote = session.info.get(REMOTE_STORE)
    if remote is None:
        remote = s3.configured()
    return remote if remote is not None else database.DatabaseStore(session)
