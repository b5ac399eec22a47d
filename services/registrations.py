"""Applicant accounts counted in a fiscal year: the follow-up numbers' registrations and the
accounts an invitation may be linked to."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from core.publicity import Registration
from core.roles import Role
from core.thai import fiscal_year_bounds
from db.models import Applicant, Application, Invitation, Round, User

BANGKOK_OFFSET = timedelta(hours=7)


def _fy_window(fy: int) -> tuple[datetime, datetime]:
    """The fiscal year as naive UTC instants (Bangkok days)."""
    first, last = fiscal_year_bounds(fy)
    start = datetime.combine(first, time()) - BANGKOK_OFFSET
    end = datetime.combine(last + timedelta(days=1), time()) - BANGKOK_OFFSET
    return start, end


@dataclass(frozen=True)
class Registered:
    """An applicant account counted in a fiscal year, with its application of that year."""

    user_id: int
    person_name: str
    phone: str | None
    district_code: str
    applicant: Applicant | None
    application: Application | None

    def matching(self) -> Registration:
        a = self.applicant
        return Registration(
            user_id=self.user_id,
            person_name=self.person_name,
            phone=self.phone,
            unit_type=a.type if a else None,
            unit_name=a.name if a else None,
            subdistrict_code=a.subdistrict_code if a else None,
            unit_phone=a.phone if a else None,
        )


def of_year(
    session: Session, fy: int, district_code: str | None = None, province_code: str | None = None
) -> list[Registered]:
    """Applicant accounts of the year: those with an application in the year's round (in its
    district), and those without one yet (in their account's district) registered during the
    fiscal year or linked to one of its invitations. One entry per account."""
    province = province_code or (district_code or "")[:2]
    rows = session.execute(
        select(User, Applicant, Application)
        .join(Applicant, Applicant.owner_id == User.id)
        .join(Application, Application.applicant_id == Applicant.id)
        .join(Round, Application.round_id == Round.id)
        .where(Round.fiscal_year == fy, Round.province_code == province)
        .where(Applicant.district_code == district_code if district_code else True)
    ).all()
    found: dict[int, Registered] = {}
    for user, applicant, application in rows:
        found[user.id] = Registered(
            user.id, user.display_name, user.phone, applicant.district_code, applicant, application
        )
    start, end = _fy_window(fy)
    applied = select(Applicant.owner_id).join(Application).join(Round)
    linked = select(Invitation.applicant_user_id).where(Invitation.fiscal_year == fy)
    new_accounts = session.scalars(
        select(User).where(
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
    for user in new_accounts:
        found.setdefault(
            user.id,
            Registered(
                user.id, user.display_name, user.phone, user.district_code or "", None, None
            ),
        )
    return list(found.values())
