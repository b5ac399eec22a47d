"""The in-app inbox: one row per person per hand-off."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.permission import Actor
from core.roles import Role
from db.models import Notification, User
from services import mailer


def notify(
    session: Session,
    user_ids: Iterable[int],
    *,
    kind: str,
    title: str,
    body: str | None = None,
    application_id: int | None = None,
    now: datetime,
    dedupe_key: str | None = None,
) -> None:
    """Adds to the inboxes; once the caller commits, the e-mail outbox is sent (if SMTP is set).
    A title longer than its column (a very long unit name) is cut with "…", never refused."""
    limit = Notification.title.type.length
    if len(title) > limit:
        title = title[: limit - 1] + "…"
    for user_id in sorted(set(user_ids)):
        session.add(
            Notification(
                user_id=user_id,
                kind=kind,
                title=title,
                body=body,
                application_id=application_id,
                created_at=now,
                dedupe_key=dedupe_key,
            )
        )
    mailer.send_after_commit(session)


def district_staff(session: Session, district_code: str, role: Role) -> list[int]:
    return list(
        session.scalars(
            select(User.id).where(
                User.role == role, User.district_code == district_code, User.active.is_(True)
            )
        )
    )


def inbox(session: Session, actor: Actor, *, limit: int = 50) -> list[Notification]:
    return list(
        session.scalars(
            select(Notification)
            .where(Notification.user_id == actor.user_id)
            .order_by(Notification.created_at.desc(), Notification.id.desc())
            .limit(limit)
        )
    )


def mark_all_read(session: Session, actor: Actor, *, now: datetime) -> None:
    for note in session.scalars(
        select(Notification).where(
            Notification.user_id == actor.user_id, Notification.read_at.is_(None)
        )
    ):
        note.read_at = now
    session.commit()
