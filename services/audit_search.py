"""The province searches its audit trail: by person, action, application and date.

Province scoping: an event about an application belongs to the province of that application's
applicant, whoever did it. An event with no application (logins, password changes, accounts)
belongs to the province of the person it is about: the acting user, or, when nobody was logged
in (a failed login, a logout, a registration), the account it concerns. A person with no
province of their own (an advisor) counts in every province where they advise an application.
"""

from __future__ import annotations

import csv
import io
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import Select, and_, or_, select
from sqlalchemy.orm import Session, aliased

from core.errors import InvalidInput, PermissionDenied
from core.permission import Actor, Perm, Scope, require
from core.roles import ROLE_LABELS
from core.thai import be_year
from db.models import Advisor, Applicant, Application, AuditEvent, User
from services import audit
from services.clock import day_start_utc, to_local
from services.counting import capped_count
from services.timeline import action_label, describe

# Counted up to here ("มากกว่า 1,000 รายการ"): the log of a national round holds millions of
# events, and each one counted is a walk over its joins; past it the filters narrow it down.
COUNT_CAP = 1_000

MAX_PAGE_SIZE = 200
MAX_EXPORT_ROWS = 20_000


@dataclass(frozen=True)
class Filters:
    person: str | None = None  # part of a username or display name
    action: str | None = None
    application_id: int | None = None
    date_from: date | None = None  # Bangkok dates, both ends included
    date_to: date | None = None


@dataclass(frozen=True)
class Row:
    event_id: int
    at: datetime  # naive UTC, as stored
    actor_name: str | None
    actor_username: str | None
    actor_role: str | None
    on_behalf_of: str | None
    action: str
    action_label: str
    application_id: int | None
    applicant_name: str | None
    detail: str | None


def _province(actor: Actor) -> str:
    if not actor.province_code:
        raise PermissionDenied()
    require(actor, Perm.VIEW_AUDIT, Scope(province_code=actor.province_code))
    return actor.province_code


def check_dates(date_from: date | None, date_to: date | None) -> None:
    if date_from and date_to and date_from > date_to:
        raise InvalidInput("วันที่เริ่มต้นต้องไม่อยู่หลังวันที่สิ้นสุด กรุณาแก้ไขช่วงวันที่")


def _bounds(filters: Filters) -> tuple[datetime | None, datetime | None]:
    check_dates(filters.date_from, filters.date_to)

    start = day_start_utc(filters.date_from) if filters.date_from else None
    end = day_start_utc(filters.date_to + timedelta(days=1)) if filters.date_to else None
    return start, end


def _query(province: str, filters: Filters) -> Select:  # type: ignore[type-arg]
    who, behalf, account = aliased(User), aliased(User), aliased(User)
    advised = (
        select(Advisor.user_id)
        .join(Application, Advisor.application_id == Application.id)
        .join(Applicant, Application.applicant_id == Applicant.id)
        .where(Applicant.province_code == province, Advisor.user_id.is_not(None))
    )
    people = select(User.id).where(User.province_code == province).union(advised)
    about_user = and_(AuditEvent.entity == "user", AuditEvent.entity_id == account.id)
    stmt = (
        select(AuditEvent, who, behalf, Applicant)
        .outerjoin(who, AuditEvent.actor_id == who.id)
        .outerjoin(behalf, AuditEvent.on_behalf_of_id == behalf.id)
        .outerjoin(account, about_user)
        .outerjoin(Application, AuditEvent.application_id == Application.id)
        .outerjoin(Applicant, Application.applicant_id == Applicant.id)
        .where(
            or_(
                Applicant.province_code == province,
                and_(
                    AuditEvent.application_id.is_(None),
                    or_(
                        AuditEvent.actor_id.in_(people),
                        and_(AuditEvent.actor_id.is_(None), account.id.in_(people)),
                    ),
                ),
            )
        )
    )
    person = " ".join((filters.person or "").split())
    if person:
        stmt = stmt.where(
            or_(
                *(
                    column.icontains(person, autoescape=True)
                    for u in (who, behalf, account)
                    for column in (u.username, u.display_name)
                )
            )
        )
    if filters.action:
        stmt = stmt.where(AuditEvent.action == filters.action)
    if filters.application_id is not None:
        stmt = stmt.where(AuditEvent.application_id == filters.application_id)
    start, end = _bounds(filters)
    if start is not None:
        stmt = stmt.where(AuditEvent.at >= start)
    if end is not None:
        stmt = stmt.where(AuditEvent.at < end)
    return stmt


def _rows(session: Session, stmt: Select) -> list[Row]:  # type: ignore[type-arg]
    found = session.execute(stmt).all()
    texts = describe(session, [(e, a.type if a else None) for e, _, _, a in found])
    return [
        Row(
            event_id=e.id,
            at=e.at,
            actor_name=who.display_name if who else None,
            actor_username=who.username if who else None,
            actor_role=ROLE_LABELS[who.role] if who else None,
            on_behalf_of=behalf.display_name if behalf else None,
            action=e.action,
            action_label=action_label(e.action),
            application_id=e.application_id,
            applicant_name=applicant.name if applicant else None,
            detail=texts[e.id],
        )
        for e, who, behalf, applicant in found
    ]


def search(
    session: Session,
    actor: Actor,
    *,
    person: str | None = None,
    action: str | None = None,
    application_id: int | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    page: int = 1,
    page_size: int = 50,
) -> tuple[list[Row], int]:
    """One page of matching events, newest first, and how many match (counted up to
    COUNT_CAP: a larger answer is COUNT_CAP + 1, "more than")."""
    if page < 1 or not 1 <= page_size <= MAX_PAGE_SIZE:
        raise InvalidInput(f"หน้าต้องเริ่มที่ 1 และแสดงได้หน้าละไม่เกิน {MAX_PAGE_SIZE} รายการ")
    filters = Filters(person, action, application_id, date_from, date_to)
    stmt = _query(_province(actor), filters)
    total = capped_count(session, stmt, COUNT_CAP)
    ordered = stmt.order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
    return _rows(session, ordered.limit(page_size).offset((page - 1) * page_size)), total


def _be_time(local: datetime | None) -> str:
    if local is None:
        return ""
    return f"{local:%d/%m}/{be_year(local)} {local:%H:%M:%S}"


def _cell(value: object) -> str:
    """Typed text never becomes a spreadsheet formula."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


CSV_HEADER = (
    "เวลา (เวลาประเทศไทย)",
    "ผู้ทำรายการ",
    "ชื่อผู้ใช้",
    "บทบาท",
    "ทำแทน",
    "การทำรายการ",
    "รหัสการทำรายการ",
    "เลขที่ใบสมัคร",
    "ผู้สมัคร",
    "รายละเอียด",
)


def export_csv(
    session: Session,
    actor: Actor,
    *,
    person: str | None = None,
    action: str | None = None,
    application_id: int | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    now: datetime,
) -> bytes:
    """Every matching event (up to MAX_EXPORT_ROWS) as UTF-8 CSV that Excel opens in Thai.
    The export itself is recorded: names leave the portal in the file."""
    filters = Filters(person, action, application_id, date_from, date_to)
    province = _province(actor)
    stmt = _query(province, filters).order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
    rows = _rows(session, stmt.limit(MAX_EXPORT_ROWS))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER)
    for r in rows:
        local = to_local(r.at)
        writer.writerow(
            _cell(value)
            for value in (
                _be_time(local),
                r.actor_name or "",
                r.actor_username or "",
                r.actor_role or "",
                r.on_behalf_of or "",
                r.action_label,
                r.action,
                r.application_id or "",
                r.applicant_name or "",
                r.detail or "",
            )
        )
    audit.record(
        session,
        actor,
        "audit_log_exported",
        at=now,
        rows=len(rows),
        filters={k: v for k, v in asdict(filters).items() if v not in (None, "")},
    )
    session.commit()
    return ("\ufeff" + out.getvalue()).encode("utf-8")
