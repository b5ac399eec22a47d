"""The province's overview across districts: counts for a fiscal year, and what is overdue."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core import schedule
from core.applicant_types import TYPE_LABELS, ApplicantType
from core.permission import Actor, Perm, Scope, require
from core.workflow import Section, Status, can_edit
from db.models import Applicant, Application, Assessment, Round
from services import areas
from services.clock import local_day

# How long an application may wait before the province sees it as late.
OFFICER_CHECK_DAYS = 14  # sent, waiting for the district officer's check
COMMITTEE_REVIEW_DAYS = 30  # with the district committee, waiting for its resolution


@dataclass(frozen=True)
class Counts:
    by_district_status: dict[str, Counter[Status]]  # every district of the province, in order
    by_type_status: dict[ApplicantType, Counter[Status]]
    by_status: Counter[Status]
    total: int


class Late(StrEnum):
    OFFICER = "officer"
    COMMITTEE = "committee"
    ASSESSMENT = "assessment"


LATE_LABELS: dict[Late, str] = {
    Late.OFFICER: "รอพัฒนากรตรวจสอบนานเกินกำหนด",
    Late.COMMITTEE: "รอคณะกรรมการพิจารณานานเกินกำหนด",
    Late.ASSESSMENT: "ประเมินตนเองเลยกำหนด",
}


@dataclass(frozen=True)
class OverdueRow:
    kind: Late
    application_id: int
    district_code: str
    district: str
    applicant_name: str
    type_label: str
    fiscal_year: int
    what: str
    since: date
    days: int


def _require(actor: Actor, province_code: str) -> None:
    require(actor, Perm.VIEW_AREA, Scope(province_code=province_code))


def counts(session: Session, actor: Actor, province_code: str, fiscal_year: int) -> Counts:
    _require(actor, province_code)
    stmt = (
        select(Applicant.district_code, Applicant.type, Application.status, func.count())
        .join(Application, Application.applicant_id == Applicant.id)
        .join(Round, Application.round_id == Round.id)
        .where(Round.province_code == province_code, Round.fiscal_year == fiscal_year)
        .group_by(Applicant.district_code, Applicant.type, Application.status)
    )
    by_district = {code: Counter[Status]() for code in areas.districts(province_code)}
    by_type = {kind: Counter[Status]() for kind in ApplicantType}
    by_status: Counter[Status] = Counter()
    for district, kind, status, n in session.execute(stmt):
        by_district.setdefault(district, Counter())[status] += n
        by_type[kind][status] += n
        by_status[status] += n
    return Counts(by_district, by_type, by_status, sum(by_status.values()))


def _local_day(at: datetime | None) -> date | None:
    return local_day(at) if at else None


_Found = tuple[Late, str, date]  # what is late, in words, and since when


def _waiting(application: Application, today: date) -> _Found | None:
    if application.status is Status.SUBMITTED:
        since = _local_day(application.submitted_at or application.created_at)
        kind, limit, what = Late.OFFICER, OFFICER_CHECK_DAYS, "ส่งใบสมัครแล้ว รอพัฒนากรตรวจสอบ"
    elif application.status is Status.UNDER_REVIEW:
        since = _local_day(application.to_committee_at or application.updated_at)
        kind, limit, what = Late.COMMITTEE, COMMITTEE_REVIEW_DAYS, "เสนอคณะกรรมการแล้ว รอมติ"
    else:
        return None
    if since is None or (today - since).days <= limit:
        return None
    return kind, f"{what} เกิน {limit} วัน", since


def _assessment_overdue(
    application: Application, cadence: int, done: set[int], today: date
) -> _Found | None:
    if application.plan_start is None or not can_edit(application.status, Section.ASSESSMENT):
        return None
    late = [
        r
        for r in schedule.rounds(application.plan_start, cadence)
        if r.number not in done
        and schedule.round_state(r.due, today, submitted=False) is schedule.RoundState.OVERDUE
    ]
    if not late:
        return None
    first = late[0]
    what = f"ประเมินตนเองรอบที่ {first.number} เลยกำหนด"
    if len(late) > 1:
        what += f" (ค้าง {len(late)} รอบ)"
    return Late.ASSESSMENT, what, first.due


def overdue(session: Session, actor: Actor, province_code: str, today: date) -> list[OverdueRow]:
    """Every late application of the province in any round still in progress, oldest first."""
    _require(actor, province_code)
    in_progress = (
        Applicant.province_code == province_code,
        Application.status.not_in([Status.PASSED, Status.NOT_PASSED, Status.CERTIFIED]),
    )
    stmt = (
        select(Application, Applicant, Round)
        .join(Applicant, Application.applicant_id == Applicant.id)
        .join(Round, Application.round_id == Round.id)
        .where(*in_progress)
    )
    submitted = (
        select(Assessment.application_id, Assessment.number)
        .join(Application, Assessment.application_id == Application.id)
        .join(Applicant, Application.applicant_id == Applicant.id)
        .where(*in_progress, Assessment.submitted_at.is_not(None))
    )
    done: dict[int, set[int]] = {}
    for application_id, number in session.execute(submitted):
        done.setdefault(application_id, set()).add(number)
    rows = []
    for application, applicant, rnd in session.execute(stmt):
        assessing = _assessment_overdue(
            application, rnd.cadence_months, done.get(application.id, set()), today
        )
        for kind, what, since in filter(None, (_waiting(application, today), assessing)):
            rows.append(
                OverdueRow(
                    kind=kind,
                    application_id=application.id,
                    district_code=applicant.district_code,
                    district=areas.district_name(applicant.district_code),
                    applicant_name=applicant.name,
                    type_label=TYPE_LABELS[applicant.type],
                    fiscal_year=rnd.fiscal_year,
                    what=what,
                    since=since,
                    days=(today - since).days,
                )
            )
    return sorted(rows, key=lambda r: (r.since, r.district_code, r.application_id))
