"""The province announces results: a certificate (ใบประกาศ) number, a registry entry, the
applicant told.

Within one announcement, units are numbered in the order of district, type and name. Two
province officers announcing at once queue on a row lock of the year's round (PostgreSQL; SQLite
writers queue anyway), so sequence numbers never collide (see services.certificates).
The default year on the announcement screen is the oldest one with units still waiting, so a
unit passed late in one fiscal year is not forgotten when the next year begins.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core import thai
from core.applicant_types import TYPE_LABELS
from core.errors import InvalidInput, StaleData, TransitionNotAllowed
from core.permission import Actor, Perm, Scope, require
from core.roles import Role
from core.thai import fiscal_year_bounds, format_date
from core.workflow import Action, Status, transition
from db.models import Applicant, Application, Certificate, Resolution, Round
from services import access, areas, audit, certificates, notifications, registry
from services.clock import to_local


@dataclass(frozen=True)
class UnitRow:
    application_id: int
    version: int
    district_code: str
    district_name: str
    type_label: str
    applicant_name: str
    resolved_on: date | None
    certificate_number: str | None = None
    announced_on: date | None = None


def _province(actor: Actor) -> str:
    require(actor, Perm.ANNOUNCE, Scope(province_code=actor.province_code or ""))
    return actor.province_code or ""


def _units(session: Session, province: str, fy: int, status: Status) -> list[UnitRow]:
    stmt = (
        select(Application, Applicant, Certificate)
        .join(Applicant, Application.applicant_id == Applicant.id)
        .join(Round, Application.round_id == Round.id)
        .outerjoin(Certificate, Certificate.application_id == Application.id)
        .where(
            Applicant.province_code == province,
            Round.fiscal_year == fy,
            Application.status == status,
        )
        .order_by(Applicant.district_code, Applicant.type, Applicant.name, Application.id)
    )
    rows = [(a, p, c) for a, p, c in session.execute(stmt)]
    passed_on = _pass_dates(session, [a.id for a, _, _ in rows])
    return [
        UnitRow(
            application_id=a.id,
            version=a.version,
            district_code=p.district_code,
            district_name=areas.district_name(p.district_code),
            type_label=TYPE_LABELS[p.type],
            applicant_name=p.name,
            resolved_on=passed_on.get(a.id),
            certificate_number=c.number if c else None,
            announced_on=c.announced_on if c else None,
        )
        for a, p, c in rows
    ]


def _pass_dates(session: Session, application_ids: list[int]) -> dict[int, date]:
    found: dict[int, date] = {}
    stmt = (
        select(Resolution)
        .where(Resolution.application_id.in_(application_ids), Resolution.decision == "pass")
        .order_by(Resolution.decided_at)
    )
    for r in session.scalars(stmt):  # the latest pass resolution wins
        found[r.application_id] = r.meeting_on or r.decided_at.date()
    return found


def passed_awaiting(session: Session, actor: Actor, fiscal_year: int) -> list[UnitRow]:
    """The actor's province: units the committee passed that are not announced yet."""
    return _units(session, _province(actor), fiscal_year, Status.PASSED)


def announced(session: Session, actor: Actor, fiscal_year: int) -> list[UnitRow]:
    return _units(session, _province(actor), fiscal_year, Status.CERTIFIED)


def fiscal_years(session: Session, actor: Actor, *, today: date) -> list[int]:
    """The years the province has a round for, and this one: the choices, newest first."""
    province = _province(actor)
    years = session.scalars(select(Round.fiscal_year).where(Round.province_code == province))
    return sorted({*years, thai.fiscal_year(today)}, reverse=True)


def default_fiscal_year(session: Session, actor: Actor, *, today: date) -> int:
    """The oldest year with units still waiting to be announced, else this one."""
    oldest = session.scalar(
        select(func.min(Round.fiscal_year))
        .join(Application, Application.round_id == Round.id)
        .join(Applicant, Application.applicant_id == Applicant.id)
        .where(Applicant.province_code == _province(actor), Application.status == Status.PASSED)
    )
    return oldest if oldest is not None else thai.fiscal_year(today)


def announce(
    session: Session,
    actor: Actor,
    application_ids: Iterable[int],
    *,
    announced_on: date | None,
    expected_versions: Mapping[int, int],
    now: datetime,
    today: date | None = None,
) -> list[Certificate]:
    """All or nothing: one unit that cannot be announced and none is."""
    ids = list(dict.fromkeys(application_ids))
    if not ids:
        raise InvalidInput("กรุณาเลือกหน่วยที่จะประกาศผลอย่างน้อย 1 หน่วย")
    if announced_on is None:
        raise InvalidInput("กรุณาระบุวันที่ประกาศผล")
    for application_id in ids:
        access.application_for(session, actor, application_id, Perm.ANNOUNCE)
    rounds = _lock_rounds(session, ids)
    applications = _reload(session, ids)
    for application in applications:
        _check(session, application, expected_versions, actor, announced_on, today)
    existing = registry.existing_entries(session, applications, rounds)
    next_sequence = {r.id: certificates.last_sequence(session, r) for r in rounds.values()}
    issued = []
    for application in applications:
        rnd = rounds[application.round_id]
        next_sequence[rnd.id] += 1
        certificate = _certify(
            session, actor, application, rnd, next_sequence[rnd.id], announced_on
        )
        session.flush()
        registry.enter(session, application, certificate, rnd, existing)
        _tell(session, actor, application, certificate, rnd, now)
        issued.append(certificate)
    session.commit()
    return issued


def _lock_rounds(session: Session, ids: list[int]) -> dict[int, Round]:
    round_ids = select(Application.round_id).where(Application.id.in_(ids)).distinct()
    locked = session.scalars(
        select(Round).where(Round.id.in_(round_ids)).order_by(Round.id).with_for_update()
    )
    return {r.id: r for r in locked}


def _reload(session: Session, ids: list[int]) -> list[Application]:
    """After the lock: what another officer committed meanwhile is seen here."""
    stmt = (
        select(Application)
        .join(Applicant, Application.applicant_id == Applicant.id)
        .where(Application.id.in_(ids))
        .order_by(Applicant.district_code, Applicant.type, Applicant.name, Application.id)
        .execution_options(populate_existing=True)
    )
    return list(session.scalars(stmt))


def _check(
    session: Session,
    application: Application,
    expected_versions: Mapping[int, int],
    actor: Actor,
    announced_on: date,
    today: date | None,
) -> None:
    name = application.applicant.name
    if application.status is Status.CERTIFIED:
        number = certificates.number_of(session, application.id)
        raise TransitionNotAllowed(f"{name}: ประกาศผลไปแล้ว (ใบประกาศเลขที่ {number or '-'})")
    try:
        transition(application.status, Action.ANNOUNCE, actor.role)
    except TransitionNotAllowed as error:
        raise TransitionNotAllowed(f"{name}: {error.message}") from None
    if expected_versions.get(application.id) != application.version:
        raise StaleData()
    fy = session.get_one(Round, application.round_id).fiscal_year
    year_start = fiscal_year_bounds(fy)[0]
    if announced_on < year_start:
        raise InvalidInput(f"วันที่ประกาศผลต้องไม่ก่อนเริ่มปีงบประมาณ {fy} ({format_date(year_start)})")
    if today is not None and announced_on > today:
        raise InvalidInput("วันที่ประกาศผลต้องไม่เป็นวันในอนาคต")
    decided = session.scalar(
        select(func.max(Resolution.decided_at)).where(Resolution.application_id == application.id)
    )
    decided_on = to_local(decided).date() if decided else None
    if decided_on is not None and announced_on < decided_on:
        raise InvalidInput(
            f"{name}: วันที่ประกาศผลต้องไม่ก่อนวันที่คณะกรรมการมีมติ ({format_date(decided_on)})"
        )


def _certify(
    session: Session,
    actor: Actor,
    application: Application,
    rnd: Round,
    sequence: int,
    announced_on: date,
) -> Certificate:
    application.status = transition(application.status, Action.ANNOUNCE, actor.role)
    return certificates.issue(
        session,
        application,
        rnd,
        sequence,
        announced_on=announced_on,
        issued_by_id=actor.user_id,
    )


def _tell(
    session: Session,
    actor: Actor,
    application: Application,
    certificate: Certificate,
    rnd: Round,
    now: datetime,
) -> None:
    a = application.applicant
    audit.record(
        session,
        actor,
        "results_announced",
        at=now,
        application_id=application.id,
        entity="certificate",
        entity_id=certificate.id,
        number=certificate.number,
    )
    notifications.notify(
        session,
        [
            a.owner_id,
            *notifications.district_staff(session, a.district_code, Role.DISTRICT_OFFICER),
        ],
        kind="announced",
        title=f"ประกาศผลแล้ว: {a.name[:200]} ผ่านการรับรอง มชช. ปีงบประมาณ {rnd.fiscal_year}",
        body=(
            f"ใบประกาศเลขที่ {certificate.number} ประกาศเมื่อวันที่ "
            f"{format_date(certificate.announced_on)} รหัสตรวจสอบใบประกาศ "
            f"{certificate.verification_code}"
        ),
        application_id=application.id,
        now=now,
    )
