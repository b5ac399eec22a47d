"""Accounts: applicants register themselves; the province (or manage.py) creates staff.

A password set by someone else is one-time (users.must_change_password): create_user marks it
so when another user creates the account; the command line may choose.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.contact import normalise_optional_phone, normalise_phone
from core.errors import InvalidInput
from core.permission import Actor, Perm, Scope, require
from core.roles import DISTRICT_SCOPED, PROVINCE_SCOPED, Role
from db.models import User
from services import areas, audit, invitation_links
from services.auth import (
    check_new_password,
    check_username,
    find_user,
    hash_password,
    one_time_password,
)

PRIVACY_NOTICE_VERSION = "2569-1"


def check_name(display_name: str) -> str:
    name = " ".join((display_name or "").split())
    if len(name) < 2:
        raise InvalidInput("กรุณากรอกชื่อ-นามสกุล")
    if len(name) > 200:
        raise InvalidInput("ชื่อยาวเกิน 200 ตัวอักษร")
    return name


def _ensure_free(session: Session, username: str) -> None:
    if find_user(session, username) is not None:
        raise InvalidInput("ชื่อผู้ใช้นี้มีผู้ใช้แล้ว กรุณาเลือกชื่ออื่น")


def open_account(
    session: Session,
    actor: Actor,
    *,
    username: str,
    display_name: str,
    role: Role,
    province_code: str | None = None,
    district_code: str | None = None,
    phone: str | None = None,
    email: str | None = None,
    now: datetime,
) -> tuple[User, str]:
    """An account someone else opens for a person (the caller has checked that `actor` may):
    with a one-time password, returned once to hand over, which the person must replace at the
    first sign-in. Added and flushed; the caller records its event and commits."""
    name = check_username(username)
    _ensure_free(session, name)
    password = one_time_password(name)
    user = User(
        username=name,
        display_name=check_name(display_name),
        role=role,
        province_code=province_code,
        district_code=district_code,
        password_hash=hash_password(password),
        must_change_password=True,
        phone=phone,
        email=email,
        created_by_id=actor.user_id,
        sessions_valid_after=now,
        created_at=now,
    )
    session.add(user)
    session.flush()
    return user, password


def register_applicant(
    session: Session,
    *,
    username: str,
    display_name: str,
    password: str,
    password_again: str,
    phone: str | None,
    email: str | None,
    province_code: str,
    district_code: str,
    privacy_acknowledged: bool,
    now: datetime,
    today: date | None = None,
) -> User:
    if not privacy_acknowledged:
        raise InvalidInput("กรุณาอ่านและรับทราบประกาศความเป็นส่วนตัวก่อนลงทะเบียน")
    name = check_username(username)
    if password != password_again:
        raise InvalidInput("รหัสผ่านทั้งสองช่องไม่ตรงกัน")
    check_new_password(password, name)
    areas.check_area(province_code, district_code, None)
    phone = normalise_phone(phone)
    _ensure_free(session, name)
    user = User(
        username=name,
        display_name=check_name(display_name),
        role=Role.APPLICANT,
        province_code=province_code,
        district_code=district_code,
        password_hash=hash_password(password),
        phone=phone,
        email=(email or "").strip() or None,
        privacy_acknowledged_at=now,
        sessions_valid_after=now,
        created_at=now,
    )
    session.add(user)
    session.flush()
    audit.record(
        session,
        None,
        "registered",
        at=now,
        entity="user",
        entity_id=user.id,
        privacy_notice=PRIVACY_NOTICE_VERSION,
    )
    invitation_links.link_new_account(session, user, today=today, now=now)
    session.commit()
    return user


def create_user(
    session: Session,
    actor: Actor | None,
    *,
    username: str,
    display_name: str,
    password: str,
    role: Role,
    province_code: str | None,
    district_code: str | None = None,
    phone: str | None = None,
    email: str | None = None,
    must_change_password: bool | None = None,
    now: datetime,
) -> User:
    """`actor` None is the command line (an operator on the server). The password is one-time
    unless `must_change_password` says otherwise: by default when another user set it."""
    if role in DISTRICT_SCOPED | PROVINCE_SCOPED and not province_code:
        raise InvalidInput("กรุณาระบุจังหวัด")
    if role in DISTRICT_SCOPED:
        if not district_code:
            raise InvalidInput("กรุณาระบุอำเภอ")
        areas.check_area(province_code or "", district_code, None)
    if actor is not None:
        require(actor, Perm.MANAGE_USERS, Scope(province_code=province_code or ""))
    name = check_username(username)
    check_new_password(password, name)
    phone = normalise_optional_phone(phone)
    _ensure_free(session, name)
    user = User(
        username=name,
        display_name=check_name(display_name),
        role=role,
        province_code=province_code,
        district_code=district_code if role in DISTRICT_SCOPED else None,
        password_hash=hash_password(password),
        phone=phone,
        email=email,
        must_change_password=actor is not None
        if must_change_password is None
        else must_change_password,
        created_by_id=actor.user_id if actor else None,
        sessions_valid_after=now,
        created_at=now,
    )
    session.add(user)
    session.flush()
    audit.record(
        session, actor, "user_created", at=now, entity="user", entity_id=user.id, role=role.value
    )
    session.commit()
    return user


def users_in_province(session: Session, actor: Actor, province_code: str) -> list[User]:
    require(actor, Perm.MANAGE_USERS, Scope(province_code=province_code))
    return list(
        session.scalars(
            select(User).where(User.province_code == province_code).order_by(User.username)
        )
    )
