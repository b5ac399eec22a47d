"""The province announces results: a certificate number, a registry entry, the applicant told.

Certificate numbers read "มชช. <province code>/<fiscal year BE>/<4-digit sequence>", e.g.
"มชช. 27/2570/0001": sequential per province and fiscal year, in the order of district, type and
name within one announcement. Two province officers announcing at once queue on a row lock of
the year's round (PostgreSQL; SQLite writers queue anyway), so sequence numbers never collide.
Each certificate also gets a random verification code (10 characters from an alphabet without
look-alikes such as 0/O and 1/I/L) for checking a printed certificate.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core.applicant_types import TYPE_LABELS, ApplicantType
from core.errors import InvalidInput, StaleData, TransitionNotAllowed
from core.permission import Actor, Perm, Scope, require
from core.registry_names import normalise_name
from core.roles import Role
from core.thai import fiscal_year_bounds, format_date
from core.workflow import Action, Status, transition
from db.models import Applicant, Application, Certificate, RegistryEntry, Resolution, Round, User
from services import access, areas, audit, notifications
from services.clock import to_local

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 10


def certificate_number(province_code: str, fiscal_year: int, sequence: int) -> str:
    return f"มชช. {province_code}/{fiscal_year}/{sequence:04d}"


def new_verification_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


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


def certificate_for(session: Session, actor: Actor, application_id: int) -> Certificate | None:
    access.application_for(session, actor, application_id, Perm.VIEW_APPLICATION)
    return session.scalar(select(Certificate).where(Certificate.application_id == application_id))


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
    existing = _registry_rows(session, applications, rounds)
    next_sequence = {r.id: _last_sequence(session, r) for r in rounds.values()}
    certificates = []
    for application in applications:
        rnd = rounds[application.round_id]
        next_sequence[rnd.id] += 1
        certificate = _certify(
            session, actor, application, rnd, next_sequence[rnd.id], announced_on
        )
        session.flush()
        _enter_registry(session, application, certificate, rnd, existing)
        _tell(session, actor, application, certificate, rnd, now)
        certificates.append(certificate)
    session.commit()
    return certificates


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
        number = session.scalar(
            select(Certificate.number).where(Certificate.application_id == application.id)
        )
        raise TransitionNotAllowed(f"{name}: ประกาศผลไปแล้ว (ใบรับรองเลขที่ {number or '-'})")
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


def _registry_key(applicant: Applicant, rnd: Round) -> tuple[ApplicantType, str, int, str]:
    return (
        applicant.type,
        normalise_name(applicant.name),
        rnd.fiscal_year,
        applicant.district_code,
    )


def _registry_rows(
    session: Session, applications: list[Application], rounds: dict[int, Round]
) -> dict[tuple[ApplicantType, str, int, str], RegistryEntry]:
    """Rows already in the registry for these units (imported earlier), refusing true clashes."""
    keys: dict[tuple[ApplicantType, str, int, str], Application] = {}
    found: dict[tuple[ApplicantType, str, int, str], RegistryEntry] = {}
    for application in applications:
        key = _registry_key(application.applicant, rounds[application.round_id])
        if key in keys:
            raise InvalidInput(_clash(application.applicant))
        keys[key] = application
        type_, normalized, fy, district = key
        entry = session.scalar(
            select(RegistryEntry).where(
                RegistryEntry.type == type_,
                RegistryEntry.normalized_name == normalized,
                RegistryEntry.fiscal_year == fy,
                RegistryEntry.district_code == district,
            )
        )
        if entry is not None:
            if entry.application_id not in (None, application.id):
                raise InvalidInput(_clash(application.applicant))
            found[key] = entry
    return found


def _clash(applicant: Applicant) -> str:
    return (
        f"{applicant.name}: ทะเบียนผู้ผ่าน มชช. ปีนี้มี{TYPE_LABELS[applicant.type]}ชื่อเดียวกัน"
        f"ในอำเภอ{areas.district_name(applicant.district_code)}ของผู้สมัครรายอื่นอยู่แล้ว "
        "กรุณาตรวจสอบชื่อกับอำเภอก่อนประกาศผล"
    )


def _last_sequence(session: Session, rnd: Round) -> int:
    stmt = (
        select(func.max(Certificate.sequence))
        .join(Application, Certificate.application_id == Application.id)
        .join(Round, Application.round_id == Round.id)
        .where(Round.province_code == rnd.province_code, Round.fiscal_year == rnd.fiscal_year)
    )
    return session.scalar(stmt) or 0


def _certify(
    session: Session,
    actor: Actor,
    application: Application,
    rnd: Round,
    sequence: int,
    announced_on: date,
) -> Certificate:
    application.status = transition(application.status, Action.ANNOUNCE, actor.role)
    code = new_verification_code()
    while session.scalar(select(Certificate.id).where(Certificate.verification_code == code)):
        code = new_verification_code()
    certificate = Certificate(
        application_id=application.id,
        number=certificate_number(rnd.province_code, rnd.fiscal_year, sequence),
        verification_code=code,
        announced_on=announced_on,
        issued_by_id=actor.user_id,
        sequence=sequence,
    )
    session.add(certificate)
    return certificate


def _enter_registry(
    session: Session,
    application: Application,
    certificate: Certificate,
    rnd: Round,
    existing: dict[tuple[ApplicantType, str, int, str], RegistryEntry],
) -> None:
    a = application.applicant
    entry = existing.get(_registry_key(a, rnd))
    if entry is None:
        entry = RegistryEntry(
            fiscal_year=rnd.fiscal_year,
            type=a.type,
            name=a.name,
            normalized_name=normalise_name(a.name),
            province_code=a.province_code,
            district_code=a.district_code,
            source="portal",
        )
        session.add(entry)
    leader = a.type is ApplicantType.LEADER
    owner = session.get(User, a.owner_id)
    # An imported row keeps what it had; the portal fills only what it lacks.
    entry.subdistrict_code = entry.subdistrict_code or a.subdistrict_code
    entry.village_no = entry.village_no or a.village_no
    entry.position = entry.position or (a.position if leader else None)
    entry.coordinator = entry.coordinator or (
        None if leader or owner is None else owner.display_name
    )
    entry.contact_phone = entry.contact_phone or a.phone
    entry.national_id_hash = entry.national_id_hash or (a.national_id_hash if leader else None)
    entry.national_id_masked = entry.national_id_masked or (
        a.national_id_masked if leader else None
    )
    entry.application_id, entry.certificate_id = application.id, certificate.id


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
            f"ใบรับรองเลขที่ {certificate.number} ประกาศเมื่อวันที่ "
            f"{format_date(certificate.announced_on)} รหัสตรวจสอบใบรับรอง "
            f"{certificate.verification_code}"
        ),
        application_id=application.id,
        now=now,
    )
