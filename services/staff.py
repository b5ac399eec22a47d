"""The province manages the accounts of district officers and committee members.

Rules decided here (see tests/integration/test_province_admin.py):
- The committee of a district is its active COMMITTEE accounts: create_staff adds a member,
  deactivate removes one (and clears the chair if it was them).
- A new account and a reset password get a one-time password, shown once to the province
  officer; deactivating or resetting signs the user out everywhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.errors import InvalidInput, NotFound
from core.permission import Actor, Perm, Scope, require
from core.roles import Role
from db.models import DistrictOffice, User
from services import audit, users
from services.auth import check_username, issue_one_time_password, one_time_password
from services.offices import managed_district, optional_phone

STAFF_ROLES = (Role.DISTRICT_OFFICER, Role.COMMITTEE)
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class StaffRow:
    user_id: int
    username: str
    display_name: str
    role: Role
    active: bool
    email: str | None
    phone: str | None
    last_login_at: datetime | None
    is_chair: bool


@dataclass(frozen=True)
class OneTimePassword:
    """Shown once to the province officer, who passes it on; the user changes it after login."""

    user_id: int
    username: str
    password: str


@dataclass(frozen=True)
class Deactivated:
    user_id: int
    was_chair: bool


def staff_of_district(session: Session, actor: Actor, district_code: str) -> list[StaffRow]:
    """The district's officers, then its committee members; active accounts first."""
    district = managed_district(actor, district_code)
    chair = session.scalar(
        select(DistrictOffice.chair_user_id).where(DistrictOffice.district_code == district)
    )
    found = session.scalars(
        select(User).where(User.district_code == district, User.role.in_(STAFF_ROLES))
    )
    order = {role: i for i, role in enumerate(STAFF_ROLES)}
    return [
        StaffRow(
            u.id,
            u.username,
            u.display_name,
            u.role,
            u.active,
            u.email,
            u.phone,
            u.last_login_at,
            u.id == chair,
        )
        for u in sorted(found, key=lambda u: (order[u.role], not u.active, u.display_name))
    ]


def create_staff(
    session: Session,
    actor: Actor,
    *,
    username: str,
    display_name: str,
    role: Role,
    district_code: str,
    email: str | None,
    phone: str | None,
    now: datetime,
) -> OneTimePassword:
    district = managed_district(actor, district_code)
    if role not in STAFF_ROLES:
        raise InvalidInput("สร้างได้เฉพาะบัญชีพัฒนากรและกรรมการ มชช. อำเภอ")
    email = (email or "").strip() or None
    if email is not None and not _EMAIL.match(email):
        raise InvalidInput("รูปแบบอีเมลไม่ถูกต้อง เช่น name@example.go.th")
    name = check_username(username)
    password = one_time_password(name)
    user = users.create_user(
        session,
        actor,
        username=name,
        display_name=display_name,
        password=password,
        role=role,
        province_code=actor.province_code,
        district_code=district,
        phone=optional_phone(phone),
        email=email,
        now=now,
    )
    return OneTimePassword(user.id, user.username, password)


def _staff_for(session: Session, actor: Actor, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise NotFound("ไม่พบบัญชีนี้")
    require(actor, Perm.MANAGE_USERS, Scope(province_code=user.province_code or ""))
    if user.role not in STAFF_ROLES:
        raise InvalidInput("จัดการได้เฉพาะบัญชีพัฒนากรและกรรมการ มชช. อำเภอ")
    return user


def deactivate(session: Session, actor: Actor, user_id: int, *, now: datetime) -> Deactivated:
    """Signs the user out everywhere and, if they chaired their committee, leaves it chairless."""
    if user_id == actor.user_id:
        raise InvalidInput("ปิดใช้งานบัญชีของตนเองไม่ได้")
    user = _staff_for(session, actor, user_id)
    if not user.active:
        return Deactivated(user.id, was_chair=False)
    user.active, user.sessions_valid_after = False, now
    chaired = session.scalars(
        select(DistrictOffice).where(DistrictOffice.chair_user_id == user.id)
    ).all()
    for office in chaired:
        office.chair_user_id = None
    audit.record(
        session,
        actor,
        "user_deactivated",
        at=now,
        entity="user",
        entity_id=user.id,
        was_chair=bool(chaired),
    )
    session.commit()
    return Deactivated(user.id, was_chair=bool(chaired))


def reactivate(session: Session, actor: Actor, user_id: int, *, now: datetime) -> None:
    """Old logins stay revoked; a former chair has to be chosen again."""
    user = _staff_for(session, actor, user_id)
    if user.active:
        return
    user.active, user.sessions_valid_after = True, now
    user.failed_logins, user.failed_window_start = 0, None
    audit.record(session, actor, "user_reactivated", at=now, entity="user", entity_id=user.id)
    session.commit()


def reset_password(
    session: Session, actor: Actor, user_id: int, *, now: datetime
) -> OneTimePassword:
    if user_id == actor.user_id:
        raise InvalidInput("เปลี่ยนรหัสผ่านของตนเองได้ที่เมนู บัญชีของฉัน")
    user = _staff_for(session, actor, user_id)
    password = issue_one_time_password(user, now=now)
    audit.record(session, actor, "password_reset", at=now, entity="user", entity_id=user.id)
    session.commit()
    return OneTimePassword(user.id, user.username, password)
