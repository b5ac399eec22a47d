"""Remove stored copies that no document names (`manage.py gc-documents`).

They come from a bucket put whose database transaction then failed, and from documents
replaced or removed while the bytes were in a bucket (the bucket is not in the transaction,
so the portal does not delete there at once). Only copies last written before `now - min_age`
are taken, and each is looked at again just before it goes: an upload of the same bytes still
in flight rewrote it a moment ago and keeps it.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from services.storage import DocumentStore, referenced

MIN_AGE = timedelta(hours=1)


def unreferenced(
    session: Session, store: DocumentStore, *, now: datetime, min_age: timedelta = MIN_AGE
) -> list[str]:
    cutoff = now - min_age
    return [k for k in store.keys(written_before=cutoff) if not referenced(session, k)]


def collect(
    session: Session,
    store: DocumentStore,
    *,
    now: datetime,
    min_age: timedelta = MIN_AGE,
    dry_run: bool = False,
) -> list[str]:
    """The keys of the copies removed (with dry_run: that would be removed)."""
    orphans = unreferenced(session, store, now=now, min_age=min_age)
    if dry_run or not orphans:
        return orphans
    if store.transactional:
        store.release(orphans)  # locks each row, then checks again
    else:
        for key in orphans:
            store.delete(key, written_before=now - min_age)
    session.commit()
    return orphans
