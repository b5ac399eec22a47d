"""Comment threads on an applicant's indicators, plan activities, assessment rounds and summary.

Advisors and the district officer comment; the applicant replies; anyone in the thread may mark
it resolved. Nobody but the applicant (or an officer on their behalf) changes the data itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.errors import InvalidInput, NotFound
from core.permission import Actor, Perm
from db.models import Assessment, Comment, Indicator, PlanActivity, User
from services import access, audit, notifications

TARGETS = {
    "indicator": Indicator,
    "activity": PlanActivity,
    "assessment": Assessment,
    "summary": None,
}
TARGET_LABELS = {
    "indicator": "ตัวชี้วัด",
    "activity": "กิจกรรมในแผน",
    "assessment": "การประเมินตนเอง",
    "summary": "สรุปผล",
}
MAX_LENGTH = 2000


@dataclass(frozen=True)
class Entry:
    id: int
    author: str
    body: str
    at: datetime


@dataclass(frozen=True)
class Thread:
    id: int
    target_kind: str
    target_id: int | None
    resolved: bool
    entries: list[Entry]


def _body(text: str | None) -> str:
    body = (text or "").strip()
    if not body:
        raise InvalidInput("กรุณาพิมพ์ข้อความ")
    if len(body) > MAX_LENGTH:
        raise InvalidInput(f"ข้อความยาวเกิน {MAX_LENGTH} ตัวอักษร")
    return body


def _check_target(session: Session, application_id: int, kind: str, target_id: int | None):  # type: ignore[no-untyped-def]
    if kind not in TARGETS:
        raise InvalidInput("ไม่รู้จักส่วนที่ต้องการแสดงความเห็น")
    model = TARGETS[kind]
    if model is None:
        return
    row = session.get(model, target_id) if target_id is not None else None
    if row is None or row.application_id != application_id:
        raise NotFound("ไม่พบรายการที่ต้องการแสดงความเห็น")


def _notify_others(session: Session, actor: Actor, application, body: str, now: datetime) -> None:  # type: ignore[no-untyped-def]
    scope = access.scope_of(session, application)
    people = {scope.owner_id, *scope.advisor_ids} - {actor.user_id, None}
    notifications.notify(
        session,
        people,
        kind="comment",
        title=f"ความเห็นใหม่: {application.applicant.name}",
        body=body[:200],
        application_id=application.id,
        now=now,
    )


def start_thread(
    session: Session,
    actor: Actor,
    application_id: int,
    *,
    target_kind: str,
    target_id: int | None,
    body: str,
    now: datetime,
) -> Comment:
    application = access.application_for(session, actor, application_id, Perm.COMMENT)
    _check_target(session, application.id, target_kind, target_id)
    comment = Comment(
        application_id=application.id,
        target_kind=target_kind,
        target_id=target_id,
        author_id=actor.user_id,
        body=_body(body),
        created_at=now,
    )
    session.add(comment)
    session.flush()
    audit.record(
        session,
        actor,
        "comment_added",
        at=now,
        application_id=application.id,
        entity="comment",
        entity_id=comment.id,
    )
    _notify_others(session, actor, application, comment.body, now)
    session.commit()
    return comment


def _root(session: Session, actor: Actor, thread_id: int) -> Comment:
    root = session.get(Comment, thread_id)
    if root is None or root.thread_id is not None:
        raise NotFound("ไม่พบความเห็นนี้")
    access.application_for(session, actor, root.application_id, Perm.COMMENT)
    return root


def reply(session: Session, actor: Actor, thread_id: int, *, body: str, now: datetime) -> Comment:
    root = _root(session, actor, thread_id)
    if root.resolved_at is not None:
        raise InvalidInput("เรื่องนี้ปิดแล้ว หากมีประเด็นใหม่ให้เปิดความเห็นใหม่")
    comment = Comment(
        application_id=root.application_id,
        target_kind=root.target_kind,
        target_id=root.target_id,
        thread_id=root.id,
        author_id=actor.user_id,
        body=_body(body),
        created_at=now,
    )
    session.add(comment)
    session.flush()
    audit.record(
        session,
        actor,
        "comment_replied",
        at=now,
        application_id=root.application_id,
        entity="comment",
        entity_id=comment.id,
    )
    application = access.application_for(session, actor, root.application_id, Perm.COMMENT)
    _notify_others(session, actor, application, comment.body, now)
    session.commit()
    return comment


def resolve(session: Session, actor: Actor, thread_id: int, *, now: datetime) -> None:
    root = _root(session, actor, thread_id)
    if root.resolved_at is None:
        root.resolved_at, root.resolved_by_id = now, actor.user_id
        audit.record(
            session,
            actor,
            "comment_resolved",
            at=now,
            application_id=root.application_id,
            entity="comment",
            entity_id=root.id,
        )
        session.commit()


def threads(
    session: Session,
    actor: Actor,
    application_id: int,
    *,
    target_kind: str | None = None,
    target_id: int | None = None,
) -> list[Thread]:
    access.application_for(session, actor, application_id, Perm.VIEW_APPLICATION)
    stmt = (
        select(Comment, User.display_name)
        .join(User, Comment.author_id == User.id)
        .where(Comment.application_id == application_id)
        .order_by(Comment.created_at, Comment.id)
    )
    if target_kind is not None:
        stmt = stmt.where(Comment.target_kind == target_kind)
        if target_id is not None:
            stmt = stmt.where(Comment.target_id == target_id)
    roots: dict[int, Thread] = {}
    for comment, author in session.execute(stmt):
        entry = Entry(comment.id, author, comment.body, comment.created_at)
        if comment.thread_id is None:
            roots[comment.id] = Thread(
                comment.id,
                comment.target_kind,
                comment.target_id,
                comment.resolved_at is not None,
                [entry],
            )
        elif comment.thread_id in roots:
            roots[comment.thread_id].entries.append(entry)
    return list(roots.values())
