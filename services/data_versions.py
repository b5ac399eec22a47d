"""Versions of shared data that pages cache (see db.models.versions): a write moves the version
on in its own transaction, a page reads it with one primary-key lookup and keys its cache on it,
so every process shows a change on its next run and never recomputes an unchanged answer."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from db.models import DataVersion

REGISTRY = "registry"  # the registry of certified units: imports, announcements, corrections
ROUNDS = "rounds"  # the yearly rounds and the district offices' public contacts


def bump(session: Session, name: str) -> None:
    """Part of the caller's unit of work: the new version is seen when the write commits."""
    moved = session.execute(
        update(DataVersion).where(DataVersion.name == name).values(version=DataVersion.version + 1)
    )
    if moved.rowcount == 0:  # type: ignore[attr-defined]
        session.add(DataVersion(name=name, version=1))
        session.flush()


def current(session: Session, name: str) -> int:
    return session.scalar(select(DataVersion.version).where(DataVersion.name == name)) or 0
