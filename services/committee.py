"""The district committee: each member's evaluation, and the chair's resolution."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core.committee_rules import Judgement, Quorum, check_evaluation, require_quorum
from core.errors import InvalidInput, StaleData
from core.permission import Actor, Perm, Scope, require
from core.roles import Role
from core.thai import format_date
from core.workflow import Action, Status, transition
from db.models import (
    Applicant,
    Application,
    CommitteeEvaluation,
    EvaluationItem,
    Resolution,
    User,
)
from services import access, areas, audit, development, notifications
from services.clock import to_local
from services.review_info import DECISION_LABELS

OPINIONS = {"pass": "ควรผ่าน", "revise": "ควรปรับปรุงแก้ไข", "not_pass": "ไม่ควรผ่าน"}
DECISIONS = {
    "pass": Action.RESOLVE_PASS,
    "revise": Action.RESOLVE_REVISE,
    "not_pass": Action.RESOLVE_NOT_PASS,
}


@dataclass(frozen=True)
class ItemInput:
    indicator_id: int
    reached: bool | None  # None: nothing chosen yet
    how: str | None = None


@dataclass(frozen=True)
class QueueRow:
    application_id: int
    applicant_name: str
    applicant_type: str
    status: Status
    evaluated_by_me: bool
    evaluations: int


def queue(session: Session, actor: Actor, district_code: str) -> list[QueueRow]:
    require(
        actor, Perm.VIEW_AREA, Scope(province_code=district_code[:2], district_code=district_code)
    )
    stmt = (
        select(Application, Applicant)
        .join(Applicant, Application.applicant_id == Applicant.id)
        .where(
            Applicant.district_code == district_code,
            Application.status.in_(
                [Status.UNDER_REVIEW, Status.REVISION_REQUESTED, Status.PASSED, Status.NOT_PASSED]
            ),
        )
        .order_by(Application.to_committee_at, Application.id)
    )
    active = set(notifications.district_staff(session, district_code, Role.COMMITTEE))
    rows = []
    for application, applicant in session.execute(stmt):
        if application.status is Status.UNDER_REVIEW:
            members = _evaluated_in_this_review(session, application.id) & active
        else:  # decided or sent back: everyone who evaluated it
            members = set(
                session.scalars(
                    select(CommitteeEvaluation.member_id).where(
                        CommitteeEvaluation.application_id == application.id
                    )
                )
            )
        rows.append(
            QueueRow(
                application.id,
                applicant.name,
                applicant.type.value,
                application.status,
                actor.user_id in members,
                len(members),
            )
        )
    return rows


def _evaluated_in_this_review(session: Session, application_id: int) -> set[int]:
    """Members whose evaluation was saved after the unit's last resolution (a unit back from
    revision is evaluated afresh), as the quorum counts them."""
    last = session.scalar(
        select(func.max(Resolution.decided_at)).where(Resolution.application_id == application_id)
    )
    stmt = select(CommitteeEvaluation.member_id).where(
        CommitteeEvaluation.application_id == application_id
    )
    if last is not None:
        stmt = stmt.where(CommitteeEvaluation.updated_at > last)
    return set(session.scalars(stmt))


def my_evaluation(
    session: Session, actor: Actor, application_id: int
) -> CommitteeEvaluation | None:
    access.application_for(session, actor, application_id, Perm.EVALUATE)
    return session.scalar(
        select(CommitteeEvaluation).where(
            CommitteeEvaluation.application_id == application_id,
            CommitteeEvaluation.member_id == actor.user_id,
        )
    )


def evaluations(session: Session, actor: Actor, application_id: int) -> list[CommitteeEvaluation]:
    access.application_for(session, actor, application_id, Perm.EVALUATE)
    return list(
        session.scalars(
            select(CommitteeEvaluation).where(CommitteeEvaluation.application_id == application_id)
        )
    )


def evaluate(
    session: Session,
    actor: Actor,
    application_id: int,
    *,
    items: list[ItemInput],
    opinion: str,
    comments: str | None,
    expected_version: int | None,
    now: datetime,
) -> CommitteeEvaluation:
    application = access.application_for(session, actor, application_id, Perm.EVALUATE)
    if application.status is not Status.UNDER_REVIEW:
        raise InvalidInput("ประเมินได้เฉพาะรายการที่รอคณะกรรมการพิจารณา")
    titles = {i.id: i.title for i in development.indicators(session, actor, application_id)}
    if {i.indicator_id for i in items} != set(titles):
        raise InvalidInput("กรุณาประเมินให้ครบทุกตัวชี้วัด")
    judgements = [Judgement(titles[i.indicator_id], i.reached, i.how) for i in items]
    check_evaluation(judgements, opinion, comments, opinions=OPINIONS)
    evaluation = my_evaluation(session, actor, application_id)
    if evaluation is None:
        evaluation = CommitteeEvaluation(application_id=application.id, member_id=actor.user_id)
        session.add(evaluation)
    elif expected_version is not None and evaluation.version != expected_version:
        raise StaleData()
    evaluation.opinion = opinion
    evaluation.comments = (comments or "").strip() or None
    evaluation.updated_at = now
    by_indicator = {i.indicator_id: i for i in evaluation.items}
    for given in items:
        row = by_indicator.get(given.indicator_id) or EvaluationItem(
            indicator_id=given.indicator_id
        )
        if row not in evaluation.items:
            evaluation.items.append(row)
        row.reached, row.how = given.reached, (given.how or "").strip() or None
    session.flush()
    audit.record(
        session,
        actor,
        "committee_evaluated",
        at=now,
        application_id=application.id,
        entity="evaluation",
        entity_id=evaluation.id,
        opinion=opinion,
    )
    session.commit()
    return evaluation


def quorum(session: Session, actor: Actor, application_id: int) -> Quorum:
    """Evaluations saved in this review (after the last resolution, if it came back) by the
    district's active committee members, out of how many members there are now."""
    application = access.application_for(session, actor, application_id, Perm.EVALUATE)
    members = notifications.district_staff(
        session, application.applicant.district_code, Role.COMMITTEE
    )
    evaluated = _evaluated_in_this_review(session, application_id) & set(members)
    return Quorum(evaluated=len(evaluated), members=len(members))


@dataclass(frozen=True)
class ResolutionInput:
    decision: str
    reasons: str | None
    revision_items: str | None
    meeting_on: date | None


def check_resolution(
    session: Session,
    actor: Actor,
    application_id: int,
    *,
    decision: str | None,
    reasons: str | None,
    revision_items: str | None,
    meeting_on: date | None,
    today: date | None = None,
) -> ResolutionInput:
    """Every rule of a resolution, without writing: the screen asks this before it confirms."""
    application = access.application_for(session, actor, application_id, Perm.RESOLVE)
    if decision not in DECISIONS:
        raise InvalidInput("กรุณาเลือกมติ")
    transition(application.status, DECISIONS[decision], actor.role)
    require_quorum(quorum(session, actor, application_id))
    if meeting_on is not None and today is not None:
        sent = to_local(application.to_committee_at)
        if meeting_on > today:
            raise InvalidInput("วันที่ประชุมต้องไม่เป็นวันในอนาคต")
        if sent is not None and meeting_on < sent.date():
            raise InvalidInput(f"วันที่ประชุมต้องไม่ก่อนวันที่เสนอคณะกรรมการ ({format_date(sent.date())})")
    reasons, items = (reasons or "").strip() or None, (revision_items or "").strip() or None
    if decision == "revise" and not items:
        raise InvalidInput("กรุณาระบุสิ่งที่ผู้สมัครต้องปรับปรุงแก้ไข")
    if decision == "not_pass" and not reasons:
        raise InvalidInput("กรุณาระบุเหตุผลที่ไม่ผ่าน")
    return ResolutionInput(decision, reasons, items, meeting_on)


def resolve(
    session: Session,
    actor: Actor,
    application_id: int,
    *,
    decision: str | None,
    reasons: str | None,
    revision_items: str | None,
    meeting_on: date | None,
    expected_version: int,
    now: datetime,
    today: date | None = None,
) -> Resolution:
    application = access.application_for(session, actor, application_id, Perm.RESOLVE)
    if application.version != expected_version:
        raise StaleData()
    given = check_resolution(
        session,
        actor,
        application_id,
        decision=decision,
        reasons=reasons,
        revision_items=revision_items,
        meeting_on=meeting_on,
        today=today,
    )
    resolution = Resolution(
        application_id=application.id,
        decision=given.decision,
        reasons=given.reasons,
        revision_items=given.revision_items,
        meeting_on=given.meeting_on,
        decided_by_id=actor.user_id,
        decided_at=now,
    )
    session.add(resolution)
    application.status = transition(application.status, DECISIONS[given.decision], actor.role)
    session.flush()
    audit.record(
        session,
        actor,
        "committee_resolved",
        at=now,
        application_id=application.id,
        entity="resolution",
        entity_id=resolution.id,
        decision=given.decision,
    )
    _notify(session, application, given, now)
    session.commit()
    return resolution


RESOLUTION_TITLES = {
    "pass": "คณะกรรมการมีมติ: ผ่าน",
    "revise": "คณะกรรมการขอให้ปรับปรุงแก้ไข",
    "not_pass": "คณะกรรมการมีมติ: ไม่ผ่าน",
}


def _notify(
    session: Session, application: Application, given: ResolutionInput, now: datetime
) -> None:
    """The applicant and the district officers; on a pass, also the province, who announces."""
    applicant = application.applicant
    name = applicant.name[:200]
    notifications.notify(
        session,
        [
            applicant.owner_id,
            *notifications.district_staff(session, applicant.district_code, Role.DISTRICT_OFFICER),
        ],
        kind="resolution",
        title=f"{RESOLUTION_TITLES[given.decision]} · {name}",
        body=given.revision_items or given.reasons,
        application_id=application.id,
        now=now,
    )
    if given.decision == "pass":
        notifications.notify(
            session,
            _province_staff(session, applicant.province_code),
            kind="awaiting_announcement",
            title=f"รอประกาศผล: {name} ผ่านมติคณะกรรมการ มชช. "
            f"อำเภอ{areas.district_name(applicant.district_code)}",
            body=given.reasons,
            application_id=application.id,
            now=now,
        )


def _province_staff(session: Session, province_code: str) -> list[int]:
    return list(
        session.scalars(
            select(User.id).where(
                User.role == Role.PROVINCE_OFFICER,
                User.province_code == province_code,
                User.active.is_(True),
            )
        )
    )


@dataclass(frozen=True)
class Decided:
    """The committee's latest resolution on a unit, as the review page shows it."""

    decision: str
    decision_label: str
    reasons: str | None
    revision_items: str | None
    meeting_on: date | None
    decided_by: str
    decided_at: datetime


def decided(session: Session, actor: Actor, application_id: int) -> Decided | None:
    access.application_for(session, actor, application_id, Perm.EVALUATE)
    row = session.execute(
        select(Resolution, User.display_name)
        .join(User, Resolution.decided_by_id == User.id)
        .where(Resolution.application_id == application_id)
        .order_by(Resolution.decided_at.desc(), Resolution.id.desc())
        .limit(1)
    ).first()
    if row is None:
        return None
    r, name = row
    return Decided(
        r.decision,
        DECISION_LABELS.get(r.decision, r.decision),
        r.reasons,
        r.revision_items,
        r.meeting_on,
        name,
        r.decided_at,
    )


@dataclass(frozen=True)
class MemberEvaluation:
    member_id: int
    member_name: str
    opinion: str
    opinion_label: str
    comments: str | None
    updated_at: datetime
    items: dict[int, ItemInput]  # by indicator id


def evaluations_with_names(
    session: Session, actor: Actor, application_id: int
) -> list[MemberEvaluation]:
    """Each member's evaluation with the member's name, in the order they were first saved."""
    access.application_for(session, actor, application_id, Perm.EVALUATE)
    stmt = (
        select(CommitteeEvaluation, User.display_name)
        .join(User, CommitteeEvaluation.member_id == User.id)
        .where(CommitteeEvaluation.application_id == application_id)
        .order_by(CommitteeEvaluation.id)
    )
    return [
        MemberEvaluation(
            member_id=e.member_id,
            member_name=name,
            opinion=e.opinion,
            opinion_label=OPINIONS.get(e.opinion, e.opinion),
            comments=e.comments,
            updated_at=e.updated_at,
            items={i.indicator_id: ItemInput(i.indicator_id, i.reached, i.how) for i in e.items},
        )
        for e, name in session.execute(stmt)
    ]
