"""Reminders of self-assessment rounds: "due soon" and "overdue", each sent at most once.

For an application that is developing (accepted, or returned by the committee for revision)
and has a plan start date, each assessment round not yet sent gets:
- "due soon" to the applicant from DUE_SOON_DAYS before its date until it becomes overdue
  (so a reminder missed on its first day still comes, once);
- "overdue" to the applicant and the district's officers once the open window has passed.
notifications.dedupe_key (unique per user) keeps each one to a single notification, also when
the cron job and an applicant's home page create reminders at the same moment.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import ColumnElement, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from core import schedule
from core.errors import StaleData
from core.roles import Role
from core.thai import format_date
from core.workflow import Status
from db.models import Applicant, Application, Assessment, Notification, Round
from services import audit, notifications

DUE_SOON_DAYS = 7
DEVELOPING = (Status.ACCEPTED, Status.REVISION_REQUESTED)
DUE_SOON, OVERDUE = "due_soon", "overdue"


def reminder_kind(assessment_round: schedule.AssessmentRound, today: date) -> str | None:
    """For a round not sent yet: which reminder today calls for, if any."""
    if assessment_round.state(today, submitted=False) is schedule.RoundState.OVERDUE:
        return OVERDUE
    if today >= assessment_round.due - timedelta(days=DUE_SOON_DAYS):
        return DUE_SOON
    return None


def dedupe_key(application_id: int, round_number: int, kind: str) -> str:
    return f"reminder:{application_id}:{round_number}:{kind}"


@dataclass(frozen=True)
class _Due:
    application: Application
    applicant: Applicant
    round: schedule.AssessmentRound
    kind: str

    @property
    def key(self) -> str:
        return dedupe_key(self.application.id, self.round.number, self.kind)


def create_due_reminders(session: Session, today: date, now: datetime) -> int:
    """Every applicant in the database (the cron job); returns how many notifications it added."""
    added = _create_retrying(session, (), today, now)
    if added:
        audit.record(session, None, "due_reminders_created", at=now, count=added)
    session.commit()
    return added


def _create_retrying(
    session: Session, where: Sequence[ColumnElement[bool]], today: date, now: datetime
) -> int:
    try:
        return _create(session, where, today, now)
    except (IntegrityError, StaleData):  # another process added the same reminder just now
        session.rollback()  # (the portal's session reports that lost race as StaleData)
        return _create(session, where, today, now)


def _create(
    session: Session, where: Sequence[ColumnElement[bool]], today: date, now: datetime
) -> int:
    due = _due(session, where, today)
    if not due:
        return 0
    sent = {
        (user_id, key)
        for user_id, key in session.execute(
            select(Notification.user_id, Notification.dedupe_key).where(
                Notification.dedupe_key.in_({d.key for d in due})
            )
        )
    }
    officers: dict[str, list[int]] = {}
    added = 0
    for d in due:
        owner = d.applicant.owner_id
        if (owner, d.key) not in sent:
            _notify(session, [owner], d, for_officers=False, today=today, now=now)
            added += 1
        if d.kind == OVERDUE:
            district = d.applicant.district_code
            if district not in officers:
                officers[district] = notifications.district_staff(
                    session, district, Role.DISTRICT_OFFICER
                )
            to = [u for u in officers[district] if (u, d.key) not in sent]
            if to:
                _notify(session, to, d, for_officers=True, today=today, now=now)
                added += len(to)
    session.flush()
    return added


def _due(session: Session, where: Sequence[ColumnElement[bool]], today: date) -> list[_Due]:
    stmt = (
        select(Application, Applicant, Round)
        .join(Applicant, Application.applicant_id == Applicant.id)
        .join(Round, Application.round_id == Round.id)
        .where(Application.status.in_(DEVELOPING), Application.plan_start.is_not(None), *where)
        .order_by(Application.id)
    )
    rows = [(a, p, r) for a, p, r in session.execute(stmt)]
    if not rows:
        return []
    done = {
        (aid, number)
        for aid, number in session.execute(
            select(Assessment.application_id, Assessment.number).where(
                Assessment.application_id.in_([a.id for a, _, _ in rows]),
                Assessment.submitted_at.is_not(None),
            )
        )
    }
    found = []
    for application, applicant, rnd in rows:
        assert application.plan_start is not None
        for r in schedule.rounds(application.plan_start, rnd.cadence_months):
            kind = None if (application.id, r.number) in done else reminder_kind(r, today)
            if kind:
                found.append(_Due(application, applicant, r, kind))
    return found


def _notify(
    session: Session,
    user_ids: list[int],
    d: _Due,
    *,
    for_officers: bool,
    today: date,
    now: datetime,
) -> None:
    n, window = d.round.number, (d.round.due, d.round.overdue_after)
    if d.kind == OVERDUE:
        title = f"การประเมินตนเองรอบที่ {n} เลยกำหนดแล้ว"
        body = f"กำหนดส่งผลการประเมินรอบนี้ภายในวันที่ {format_date(window[1])}"
        body += (
            " ผู้สมัครยังไม่ได้ส่งผลการประเมินรอบนี้"
            if for_officers
            else " กรุณาประเมินตนเองและส่งผลโดยเร็ว หากติดขัดโปรดติดต่อพัฒนากรประจำอำเภอ"
        )
    else:
        title = (
            f"ใกล้ถึงกำหนดประเมินตนเอง รอบที่ {n}"
            if today < window[0]
            else f"ถึงกำหนดประเมินตนเอง รอบที่ {n} แล้ว"
        )
        body = (
            f"ประเมินตนเองรอบที่ {n} ได้ตั้งแต่วันที่ {format_date(window[0])} "
            f"และควรส่งผลภายในวันที่ {format_date(window[1])}"
        )
    if for_officers:
        title = f"{d.applicant.name[:200]}: {title}"
    notifications.notify(
        session,
        user_ids,
        kind=f"reminder_{d.kind}",
        title=title,
        body=body,
        application_id=d.application.id,
        now=now,
        dedupe_key=d.key,
    )
