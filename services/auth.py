"""Login, lockout by time window, session revocation and passwords, all kept in the database.

Decided here (see tests/integration/test_auth.py):
- A disabled account is named as disabled only after its right password; a wrong password or
  an unknown name still gets the one "wrong username or password" message.
- A password someone else set (a new account, a reset) is one-time: `must_change_password`
  stays on until the user sets their own. The screens then offer only the password change;
  services trust the Actor as before (the menu and ui.session.require_user are the two locks).
- Why a session ended is read from the audit event that revoked it (logout, password change,
  reset, deactivation): every revocation already records one.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum

import bcrypt
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core.errors import InvalidInput, LoginFailed, LoginLocked, NotFound
from core.permission import Actor
from core.roles import Role
from db.models import AuditEvent, DistrictOffice, User
from services import areas, audit

USERNAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]{2,31}$")
MIN_PASSWORD_LENGTH = 8
_DUMMY_HASH = bcrypt.hashpw(b"timing-equaliser", bcrypt.gensalt(rounds=12)).decode()


class AccountDisabled(LoginFailed):
    """The right password of an account that has been switched off; says whom to contact."""


@dataclass(frozen=True)
class Lockout:
    max_failures: int = 5
    window: timedelta = timedelta(minutes=15)


def hash_password(password: str) -> str:
    return bcrypt.hashpw(password.encode(), bcrypt.gensalt(rounds=12)).decode()


def password_matches(password: str, password_hash: str) -> bool:
    return bcrypt.checkpw(password.encode(), password_hash.encode())


def normalize_username(username: str) -> str:
    return (username or "").strip().lower()


def check_new_password(password: str, username: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidInput(f"รหัสผ่านต้องยาวอย่างน้อย {MIN_PASSWORD_LENGTH} ตัวอักษร")
    if normalize_username(username) in password.lower():
        raise InvalidInput("รหัสผ่านต้องไม่มีชื่อผู้ใช้อยู่ในนั้น")
    if password.isdigit() or len(set(password)) < 4:
        raise InvalidInput("รหัสผ่านเดาง่ายเกินไป ต้องมีตัวอักษรปนและไม่ใช่ตัวซ้ำกัน")


# Lower-case letters and digits without look-alikes (0/o, 1/l/i): read out over the phone or
# copied from paper, in three groups of four ("kd7m-p3xq-8rzh"), about 62 bits.
_SPOKEN_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def one_time_password(username: str) -> str:
    """A password to hand over in person; the user must replace it at the first sign-in."""
    while True:
        password = "-".join(
            "".join(secrets.choice(_SPOKEN_ALPHABET) for _ in range(4)) for _ in range(3)
        )
        try:
            check_new_password(password, username)
        except InvalidInput:
            continue
        return password


def issue_one_time_password(user: User, *, now: datetime) -> str:
    """Gives an existing account a new one-time password and signs it out everywhere (a reset).
    The caller checks permission, records the audit event and commits."""
    password = one_time_password(user.username)
    user.password_hash = hash_password(password)
    user.must_change_password = True
    user.sessions_valid_after = now
    user.failed_logins, user.failed_window_start = 0, None
    return password


def check_username(username: str) -> str:
    name = normalize_username(username)
    if not USERNAME_PATTERN.match(name):
        raise InvalidInput("ชื่อผู้ใช้ต้องยาว 3–32 ตัว ใช้ได้เฉพาะอักษรอังกฤษตัวเล็ก ตัวเลข และ . _ -")
    return name


def _is_locked(user: User, now: datetime, policy: Lockout) -> bool:
    return (
        user.failed_logins >= policy.max_failures
        and user.failed_window_start is not None
        and now < user.failed_window_start + policy.window
    )


def _record_failure(user: User, now: datetime, policy: Lockout) -> None:
    window_over = (
        user.failed_window_start is None or now >= user.failed_window_start + policy.window
    )
    if window_over:
        user.failed_logins, user.failed_window_start = 1, now
    else:
        user.failed_logins += 1


def find_user(session: Session, username: str) -> User | None:
    name = normalize_username(username)
    return session.scalar(select(User).where(func.lower(User.username) == name))


def authenticate(
    session: Session, username: str, password: str, *, now: datetime, policy: Lockout
) -> User:
    user = find_user(session, username)
    if user is None:
        bcrypt.checkpw(password.encode(), _DUMMY_HASH.encode())
        raise LoginFailed()
    if _is_locked(user, now, policy):
        audit.record(session, None, "login_locked", at=now, entity="user", entity_id=user.id)
        session.commit()
        raise LoginLocked()
    if not password_matches(password, user.password_hash):
        _record_failure(user, now, policy)
        audit.record(session, None, "login_failed", at=now, entity="user", entity_id=user.id)
        session.commit()
        raise LoginFailed()
    if not user.active:
        audit.record(session, None, "login_disabled", at=now, entity="user", entity_id=user.id)
        session.commit()
        contact = contact_office(session, user)
        raise AccountDisabled(f"บัญชีนี้ถูกปิดใช้งานแล้ว จึงเข้าสู่ระบบไม่ได้ หากต้องการใช้งานต่อ กรุณาติดต่อ{contact}")
    user.failed_logins, user.failed_window_start, user.last_login_at = 0, None, now
    audit.record(
        session, actor_of(session, user), "login", at=now, entity="user", entity_id=user.id
    )
    session.commit()
    return user


def contact_office(session: Session, user: User) -> str:
    """Whom a user asks about their account: the province office manages staff accounts, the
    district office the applicants and advisors of its district."""
    if user.role in (Role.APPLICANT, Role.ADVISOR) and user.district_code:
        office = session.get(DistrictOffice, user.district_code)
        name = (
            office.office_name
            if office
            else f"สำนักงานพัฒนาชุมชนอำเภอ{areas.district_name(user.district_code)}"
        )
        return f"{name} โทร {office.phone}" if office and office.phone else name
    if user.province_code:
        return f"สำนักงานพัฒนาชุมชนจังหวัด{areas.province_name(user.province_code)}"
    return "ผู้ดูแลระบบ"


def token_is_current(user: User | None, issued_at_epoch: float) -> bool:
    """A cookie is honoured only for an active user and if issued after the last revocation."""
    if user is None or not user.active:
        return False
    revoked = user.sessions_valid_after.replace(tzinfo=UTC).timestamp()
    return issued_at_epoch > revoked


def revoke_sessions(session: Session, user_id: int, *, now: datetime, reason: str) -> None:
    user = session.get(User, user_id)
    if user is None:
        raise NotFound()
    user.sessions_valid_after = now
    audit.record(session, None, reason, at=now, entity="user", entity_id=user_id)
    session.commit()


def change_password(session: Session, actor: Actor, old: str, new: str, *, now: datetime) -> None:
    user = session.get(User, actor.user_id)
    if user is None or not password_matches(old, user.password_hash):
        raise InvalidInput("รหัสผ่านเดิมไม่ถูกต้อง")
    check_new_password(new, user.username)
    if password_matches(new, user.password_hash):
        raise InvalidInput("รหัสผ่านใหม่ต้องไม่ซ้ำกับรหัสผ่านเดิม")
    user.password_hash = hash_password(new)
    user.must_change_password = False
    user.sessions_valid_after = now
    audit.record(session, actor, "password_changed", at=now, entity="user", entity_id=user.id)
    session.commit()


def actor_of(session: Session, user: User) -> Actor:
    is_chair = False
    if user.role is Role.COMMITTEE and user.district_code:
        office = session.get(DistrictOffice, user.district_code)
        is_chair = office is not None and office.chair_user_id == user.id
    return Actor(
        user_id=user.id,
        role=user.role,
        province_code=user.province_code,
        district_code=user.district_code,
        is_chair=is_chair,
    )


def load_actor(session: Session, user_id: int) -> Actor | None:
    user = session.get(User, user_id)
    if user is None or not user.active:
        return None
    return actor_of(session, user)


@dataclass(frozen=True)
class SessionUser:
    actor: Actor
    username: str
    display_name: str
    must_change_password: bool = False

    @property
    def role(self) -> Role:
        return self.actor.role


def session_user(session: Session, user_id: int, login_epoch: float) -> SessionUser | None:
    """The logged-in user if the login is still honoured (active, not revoked since)."""
    user = session.get(User, user_id)
    if not token_is_current(user, login_epoch):
        return None
    return SessionUser(
        actor_of(session, user), user.username, user.display_name, user.must_change_password
    )


class SignOutReason(StrEnum):
    DISABLED = "disabled"
    PASSWORD_RESET = "password_reset"
    PASSWORD_CHANGED = "password_changed"
    SIGNED_OUT_ELSEWHERE = "signed_out_elsewhere"
    UNKNOWN = "unknown"


# The audit actions that move users.sessions_valid_after, and what each tells the user.
_REVOKED_BY = {
    "logout": SignOutReason.SIGNED_OUT_ELSEWHERE,
    "password_changed": SignOutReason.PASSWORD_CHANGED,
    "password_reset": SignOutReason.PASSWORD_RESET,
    "user_deactivated": SignOutReason.DISABLED,
    "user_reactivated": SignOutReason.UNKNOWN,
}


@dataclass(frozen=True)
class SignedOut:
    reason: SignOutReason
    contact: str


def why_signed_out(session: Session, user_id: int) -> SignedOut:
    """For a session that session_user no longer honours: why, and whom to ask."""
    user = session.get(User, user_id)
    if user is None:
        return SignedOut(SignOutReason.UNKNOWN, "ผู้ดูแลระบบ")
    contact = contact_office(session, user)
    if not user.active:
        return SignedOut(SignOutReason.DISABLED, contact)
    last = session.scalar(
        select(AuditEvent.action)
        .where(
            AuditEvent.entity == "user",
            AuditEvent.entity_id == user.id,
            AuditEvent.action.in_(list(_REVOKED_BY)),
        )
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
        .limit(1)
    )
    return SignedOut(_REVOKED_BY.get(last or "", SignOutReason.UNKNOWN), contact)


def user_for_token(session: Session, username: str, issued_at_epoch: float) -> User | None:
    user = find_user(session, username)
    return user if token_is_current(user, issued_at_epoch) else None
