"""Read models for each role's home page (selectors: no writes)."""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, contains_eager

from core import schedule
from core.applicant_types import TYPE_LABELS, ApplicantType
from core.errors import PermissionDenied
from core.permission import Actor, Perm, Scope, require
from core.roles import Role
from core.steps import Progress, StepState, step_states
from core.thai import format_date, format_fiscal_year
from core.workflow import STATUS_LABELS, Section, Status, can_edit
from db.models import (
    ActivityLog,
    Advisor,
    Applicant,
    Application,
    Assessment,
    Comment,
    CommitteeEvaluation,
    Document,
    Indicator,
    Notification,
    PlanActivity,
    Round,
)
from services import access, areas, offices, rounds
from services.clock import to_local


@dataclass(frozen=True)
class ApplicationRow:
    application_id: int
    applicant_name: str
    type_label: str
    area: str
    fiscal_year: int
    status: Status
    status_label: str
    next_due: date | None
    overdue: bool


@dataclass(frozen=True)
class ApplicantHome:
    rows: list[ApplicationRow]
    current: ApplicationRow | None
    steps: list[StepState]
    unread_notifications: int
    open_comments: int = 0


def _count(session: Session, stmt) -> int:  # type: ignore[no-untyped-def]
    return session.scalar(stmt) or 0


def progress_of(session: Session, application: Application, cadence: int) -> Progress:
    aid = application.id
    submitted = _count(
        session,
        select(func.count(Assessment.id)).where(
            Assessment.application_id == aid, Assessment.submitted_at.is_not(None)
        ),
    )
    return Progress(
        status=application.status,
        documents_uploaded=_count(
            session,
            select(func.count(Document.id)).where(
                Document.application_id == aid, Document.requirement_code.is_not(None)
            ),
        ),
        indicators=_count(
            session, select(func.count(Indicator.id)).where(Indicator.application_id == aid)
        ),
        activities=_count(
            session, select(func.count(PlanActivity.id)).where(PlanActivity.application_id == aid)
        ),
        log_entries=_count(
            session,
            select(func.count(ActivityLog.id))
            .join(PlanActivity)
            .where(PlanActivity.application_id == aid),
        ),
        assessments_done=submitted,
        assessments_total=schedule.PERIOD_MONTHS // cadence,
        summary_done=application.summary_done_at is not None,
    )


def _submitted(session: Session, pairs: list[tuple[Application, Round]]) -> dict[int, set[int]]:
    """Each application's assessment rounds already sent, in one query for the whole list."""
    done: dict[int, set[int]] = {a.id: set() for a, _ in pairs}
    started = [a.id for a, _ in pairs if a.plan_start is not None]
    for start in range(0, len(started), 1000):  # keep each IN list a reasonable size
        rows = session.execute(
            select(Assessment.application_id, Assessment.number).where(
                Assessment.application_id.in_(started[start : start + 1000]),
                Assessment.submitted_at.is_not(None),
            )
        )
        for application_id, number in rows:
            done[application_id].add(number)
    return done


def _rows(
    session: Session, pairs: list[tuple[Application, Round]], today: date
) -> list[ApplicationRow]:
    done = _submitted(session, pairs)
    return [_row(a, r, today, done[a.id]) for a, r in pairs]


def _next_due(application: Application, cadence: int, today: date, done: set[int]):
    if application.plan_start is None:
        return None, False
    nxt = schedule.next_due(application.plan_start, cadence, done, today)
    if nxt is None:
        return None, False
    state = schedule.round_state(nxt.due, today, submitted=False)
    return nxt.due, state is schedule.RoundState.OVERDUE


def _row(application: Application, rnd: Round, today: date, done: set[int]) -> ApplicationRow:
    a = application.applicant
    due, overdue = _next_due(application, rnd.cadence_months, today, done)
    return ApplicationRow(
        application_id=application.id,
        applicant_name=a.name,
        type_label=TYPE_LABELS[a.type],
        area=areas.area_label(a.subdistrict_code, a.district_code, None),
        fiscal_year=rnd.fiscal_year,
        status=application.status,
        status_label=STATUS_LABELS[application.status],
        next_due=due,
        overdue=overdue,
    )


def _applications(session: Session, *where) -> list[tuple[Application, Round]]:  # type: ignore[no-untyped-def]
    stmt = (
        select(Application, Round)
        .join(Applicant, Application.applicant_id == Applicant.id)
        .join(Round, Application.round_id == Round.id)
        .options(contains_eager(Application.applicant))  # joined already: no query per row
        .where(*where)
        .order_by(Round.fiscal_year.desc(), Applicant.name)
    )
    return [(a, r) for a, r in session.execute(stmt)]


def unread_notifications(session: Session, actor: Actor) -> int:
    return _count(
        session,
        select(func.count(Notification.id)).where(
            Notification.user_id == actor.user_id, Notification.read_at.is_(None)
        ),
    )


def applicant_home(session: Session, actor: Actor, today: date) -> ApplicantHome:
    pairs = _applications(session, Applicant.owner_id == actor.user_id)
    rows = _rows(session, pairs, today)
    current, steps = None, step_states(Progress(status=None))
    if pairs:
        application, rnd = pairs[0]
        current = rows[0]
        steps = step_states(progress_of(session, application, rnd.cadence_months))
    comments = open_comment_threads(session, actor, current.application_id) if current else 0
    return ApplicantHome(rows, current, steps, unread_notifications(session, actor), comments)


@dataclass(frozen=True)
class OfficeContact:
    office_name: str
    phone: str | None
    address: str | None


def district_contact(
    session: Session, actor: Actor, application_id: int | None
) -> OfficeContact | None:
    """The district office that looks after the applicant: that of the application's district,
    or, before any application, of the district the applicant registered in. The phone and
    address are None until the province enters them."""
    if application_id is not None:
        application = access.application_for(session, actor, application_id, Perm.VIEW_APPLICATION)
        district = application.applicant.district_code
    elif actor.role is Role.APPLICANT:
        district = actor.district_code
    else:
        raise PermissionDenied()
    if not district:
        return None
    office = offices.office_info(session, district)
    return OfficeContact(office.office_name, office.phone, office.address)


def open_comment_threads(session: Session, actor: Actor, application_id: int) -> int:
    """Threads others opened on this application that are not marked resolved yet."""
    return _count(
        session,
        select(func.count(Comment.id)).where(
            Comment.application_id == application_id,
            Comment.thread_id.is_(None),
            Comment.resolved_at.is_(None),
            Comment.author_id != actor.user_id,
        ),
    )


def advisor_home(session: Session, actor: Actor, today: date) -> list[ApplicationRow]:
    advised = select(Advisor.application_id).where(Advisor.user_id == actor.user_id)
    return [*_rows(session, _applications(session, Application.id.in_(advised)), today)]


def district_home(
    session: Session, actor: Actor, district_code: str, today: date
) -> list[ApplicationRow]:
    require(
        actor, Perm.VIEW_AREA, Scope(province_code=district_code[:2], district_code=district_code)
    )
    pairs = _applications(session, Applicant.district_code == district_code)
    return _rows(session, pairs, today)


# ---------------------------------------------------------- the district officer's dashboard


@dataclass(frozen=True)
class OverdueRound:
    application_id: int
    applicant_name: str
    type_label: str
    round_number: int
    due: date
    days_late: int  # days past the last day of the round's window


@dataclass(frozen=True)
class MeetingRow:
    """A submission sent to the district committee, for preparing its meeting."""

    application_id: int
    applicant_name: str
    type_label: str
    area: str
    fiscal_year: int
    sent_at: datetime | None
    evaluations: int


@dataclass(frozen=True)
class DistrictDashboard:
    fiscal_years: list[int]  # the province's rounds, newest first
    fiscal_year: int | None  # the round the counts and the list are for
    counts: dict[tuple[ApplicantType, Status], int]
    rows: list[ApplicationRow]  # that round's applicants
    total: int  # applicants of every round
    waiting: list[ApplicationRow]  # sent, waiting for the officer's check (every round)
    overdue: list[OverdueRound]  # assessment rounds past their window (every round)
    meeting: list[MeetingRow]  # with the committee (every round)


def _overdue_rounds(
    application: Application, cadence: int, today: date, done: set[int]
) -> list[OverdueRound]:
    if application.plan_start is None or not can_edit(application.status, Section.ASSESSMENT):
        return []
    a = application.applicant
    return [
        OverdueRound(
            application.id,
            a.name,
            TYPE_LABELS[a.type],
            r.number,
            r.due,
            (today - r.overdue_after).days,
        )
        for r in schedule.rounds(application.plan_start, cadence)
        if r.state(today, r.number in done) is schedule.RoundState.OVERDUE
    ]


def _meeting(session: Session, pairs: list[tuple[Application, Round]]) -> list[MeetingRow]:
    sent = [(a, r) for a, r in pairs if a.status is Status.UNDER_REVIEW]
    counted = dict(
        session.execute(
            select(CommitteeEvaluation.application_id, func.count())
            .where(CommitteeEvaluation.application_id.in_([a.id for a, _ in sent]))
            .group_by(CommitteeEvaluation.application_id)
        ).all()
    )
    rows = [
        MeetingRow(
            a.id,
            a.applicant.name,
            TYPE_LABELS[a.applicant.type],
            areas.area_label(a.applicant.subdistrict_code, a.applicant.district_code, None),
            r.fiscal_year,
            a.to_committee_at,
            counted.get(a.id, 0),
        )
        for a, r in sent
    ]
    return sorted(rows, key=lambda m: (m.sent_at or datetime.max, m.application_id))


def district_dashboard(
    session: Session,
    actor: Actor,
    district_code: str,
    today: date,
    fiscal_year: int | None = None,
) -> DistrictDashboard:
    """Counts by type and status for one round (default: the current one), and the work that
    carries across rounds: applications to check, assessments overdue, the committee's list."""
    province = district_code[:2]
    require(actor, Perm.VIEW_AREA, Scope(province_code=province, district_code=district_code))
    years = list(
        session.scalars(
            select(Round.fiscal_year)
            .where(Round.province_code == province)
            .order_by(Round.fiscal_year.desc())
        )
    )
    if fiscal_year is None:
        current = rounds.current_round(session, province, today)
        fiscal_year = current.fiscal_year if current else None
    pairs = _applications(session, Applicant.district_code == district_code)
    done = _submitted(session, pairs)
    rows = {a.id: _row(a, r, today, done[a.id]) for a, r in pairs}
    chosen = [(a, r) for a, r in pairs if r.fiscal_year == fiscal_year]
    counts = Counter((a.applicant.type, a.status) for a, _ in chosen)
    overdue = [o for a, r in pairs for o in _overdue_rounds(a, r.cadence_months, today, done[a.id])]
    return DistrictDashboard(
        fiscal_years=years,
        fiscal_year=fiscal_year,
        counts=dict(counts),
        rows=[rows[a.id] for a, _ in chosen],
        total=len(pairs),
        waiting=[rows[a.id] for a, _ in pairs if a.status is Status.SUBMITTED],
        overdue=sorted(overdue, key=lambda o: (-o.days_late, o.applicant_name, o.round_number)),
        meeting=_meeting(session, pairs),
    )


MEETING_CSV_HEADER = (
    "ลำดับ",
    "เลขที่ใบสมัคร",
    "ผู้สมัคร",
    "ประเภท",
    "พื้นที่",
    "ปีงบประมาณที่สมัคร",
    "วันที่เสนอคณะกรรมการ",
    "กรรมการประเมินแล้ว (คน)",
)


def _cell(value: object) -> object:
    """Text a spreadsheet would run as a formula is kept as text."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def meeting_csv(rows: list[MeetingRow]) -> bytes:
    """The committee meeting's list as CSV (UTF-8 with BOM, so Excel shows Thai)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(MEETING_CSV_HEADER)
    for n, m in enumerate(rows, start=1):
        sent = to_local(m.sent_at)
        writer.writerow(
            [
                _cell(v)
                for v in (
                    n,
                    m.application_id,
                    m.applicant_name,
                    m.type_label,
                    m.area,
                    format_fiscal_year(m.fiscal_year),
                    format_date(sent.date() if sent else None),
                    m.evaluations,
                )
            ]
        )
    return out.getvalue().encode("utf-8-sig")
