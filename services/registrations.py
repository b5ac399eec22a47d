"""Applicant accounts counted in a fiscal year: the follow-up numbers' registrations and the
accounts an invitation may be linked to."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from core.publicity import Registration
from core.roles import Role
from core.thai import fiscal_year_bounds
from core.workflow import Status
from db.models import Applicant, Application, Invitation, Round, User
from services.clock import day_start_utc


def _fy_window(fy: int) -> tuple[datetime, datetime]:
    """The fiscal year as naive UTC instants (Bangkok days)."""
    first, last = fiscal_year_bounds(fy)
    return day_start_utc(first), day_start_utc(last + timedelta(days=1))


@dataclass(frozen=True)
class Registered:
    """An applicant account counted in a fiscal year, with its application of that year (read
    as plain columns: a province holds thousands)."""

    match: Registration  # the person and, once step 1 is saved, the unit
    district_code: str
    status: Status | None = None  # None: no application this year yet
    sent: bool = False
    accepted: bool = False
    to_committee: bool = False

    @property
    def user_id(self) -> int:
        return self.match.user_id


def of_year(
    session: Session, fy: int, district_code: str | None = None, province_code: str | None = None
) -> list[Registered]:
    """Applicant accounts of the year: those with an application in the year's round (in its
    district), and those without one yet (in their account's district) registered during the
    fiscal year or linked to one of its invitations. One entry per account."""
    province = province_code or (district_code or "")[:2]
    u, a, p = User, Applicant, Application
    rows = session.execute(
        select(
            u.id,
            u.display_name,
            u.phone,
            a.type,
            a.name,
            a.subdistrict_code,
            a.phone,
            a.district_code,
            p.status,
            p.submitted_at,
            p.accepted_at,
            p.to_committee_at,
        )
        .join(a, a.owner_id == u.id)
        .join(p, p.applicant_id == a.id)
        .join(Round, p.round_id == Round.id)
        .where(Round.fiscal_year == fy, Round.province_code == province)
        .where(a.district_code == district_code if district_code else True)
    ).all()
    found: dict[int, Registered] = {}
    for uid, person, phone, kind, unit, sub, unit_phone, district, status, sent, ok, up in rows:
        found[uid] = Registered(
            Registration(uid, person, phone, kind, unit, sub, unit_phone),
            district,
            status,
            sent is not None,
            ok is not None,
            up is not None,
        )
    start, end = _fy_window(fy)
    applied = select(Applicant.owner_id).join(Application).join(Round)
    linked = select(Invitation.applicant_user_id).where(Invitation.fiscal_year == fy)
    new_accounts = session.execute(
        select(User.id, User.display_name, User.phone, User.district_code).where(
            User.role == Role.APPLICANT,
            User.district_code == district_code
            if district_code
            else User.province_code == province,
            # registered in the year, or registered earlier and linked to this year's invitation
            or_(and_(User.created_at >= start, User.created_at < end), User.id.in_(linked)),
            # an application of the year elsewhere counts there
            User.id.not_in(applied.where(Round.fiscal_year == fy)),
        )
    ).all()
    for uid, person, phone, district in new_accounts:
        found.setdefault(uid, Registered(Registration(uid, person, phone), district or ""))
    return list(found.values())
