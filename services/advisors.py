"""The district officer assigns advisors: an advisor account the district already has, or a new
person invited by name and contact (an account is opened for them)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from core.contact import normalise_phone
from core.errors import InvalidInput, NotFound, PermissionDenied
from core.permission import Actor, Perm, require, require_acting_role
from core.roles import Role
from core.workflow import EDITABLE, STATUS_LABELS
from db.models import Advisor, Applicant, Application, User
from services import access, audit, home, notifications, users

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class AdvisorAccount:
    user_id: int
    display_name: str
    username: str
    contact: str | None


def _officer_district(actor: Actor) -> str:
    require_acting_role(actor)
    if actor.role is not Role.DISTRICT_OFFICER or not actor.district_code:
        raise PermissionDenied("เฉพาะพัฒนากรประจำอำเภอเท่านั้นที่มอบหมายที่ปรึกษาได้")
    require(actor, Perm.ASSIGN_ADVISOR, access.district_scope(actor))
    return actor.district_code


def _district_advisors(district_code: str):  # type: ignore[no-untyped-def]
    """Advisor accounts of the district: placed in it, opened by someone of it, or already
    advising one of its applications."""
    creator = aliased(User)
    made_here = select(creator.id).where(creator.district_code == district_code)
    advising_here = (
        select(Advisor.user_id)
        .join(Application, Advisor.application_id == Application.id)
        .join(Applicant, Application.applicant_id == Applicant.id)
        .where(Applicant.district_code == district_code, Advisor.user_id.is_not(None))
    )
    return (
        select(User)
        .where(
            User.role == Role.ADVISOR,
            User.active.is_(True),
            (User.district_code == district_code)
            | User.created_by_id.in_(made_here)
            | User.id.in_(advising_here),
        )
        .order_by(User.display_name, User.id)
    )


def advisor_accounts(session: Session, actor: Actor) -> list[AdvisorAccount]:
    district = _officer_district(actor)
    return [
        AdvisorAccount(u.id, u.display_name, u.username, u.phone or u.email)
        for u in session.scalars(_district_advisors(district))
    ]


def open_applications(session: Session, actor: Actor, today: date) -> list[home.ApplicationRow]:
    """The district's applications that may still get advisors (not yet with the committee)."""
    district = _officer_district(actor)
    return [r for r in home.district_home(session, actor, district, today) if r.status in EDITABLE]


def _assignable(session: Session, actor: Actor, application_id: int) -> Application:
    _officer_district(actor)
    application = access.application_for(session, actor, application_id, Perm.ASSIGN_ADVISOR)
    if application.status not in EDITABLE:
        raise InvalidInput(
            "มอบหมายที่ปรึกษาได้เฉพาะระหว่างที่ผู้สมัครยังดำเนินการตามขั้นตอน "
            f"(ขณะนี้: {STATUS_LABELS[application.status]})"
        )
    return application


def _text(value: str | None, label: str, *, required: bool, limit: int = 200) -> str | None:
    text = " ".join((value or "").split())
    if required and not text:
        raise InvalidInput(f"กรุณากรอก{label}")
    if len(text) > limit:
        raise InvalidInput(f"{label}ยาวเกิน {limit} ตัวอักษร")
    return text or None


def _contact(contact: str | None) -> tuple[str | None, str | None]:
    """(phone, email): an e-mail address as typed, anything else must be a Thai phone number."""
    text = _text(contact, "ช่องทางติดต่อที่ปรึกษา (โทรศัพท์หรืออีเมล)", required=True) or ""
    if "@" in text:
        if not _EMAIL.match(text):
            raise InvalidInput("อีเมลของที่ปรึกษาไม่ถูกต้อง เช่น name@example.com")
        return None, text
    return normalise_phone(text), None


def _tell(
    session: Session,
    application: Application,
    advisor_user_id: int | None,
    *,
    kind: str,
    to_advisor: str,
    to_applicant: str,
    now: datetime,
) -> None:
    if advisor_user_id is not None:
        notifications.notify(
            session,
            [advisor_user_id],
            kind=kind,
            title=to_advisor,
            application_id=application.id,
            now=now,
        )
    notifications.notify(
        session,
        [application.applicant.owner_id],
        kind=kind,
        title=to_applicant,
        application_id=application.id,
        now=now,
    )


def _record(session: Session, actor: Actor, action: str, advisor: Advisor, now: datetime) -> None:
    audit.record(
        session,
        actor,
        action,
        at=now,
        application_id=advisor.application_id,
        entity="advisor",
        entity_id=advisor.id,
        advisor_user_id=advisor.user_id,
    )


def _added(
    session: Session,
    actor: Actor,
    application: Application,
    advisor: Advisor,
    *,
    action: str,
    now: datetime,
) -> None:
    session.add(advisor)
    session.flush()
    _record(session, actor, action, advisor, now)
    name = application.applicant.name
    _tell(
        session,
        application,
        advisor.user_id,
        kind="advisor_assigned",
        to_advisor=f"พัฒนากรมอบหมายให้คุณเป็นที่ปรึกษาของ {name}",
        to_applicant=f"พัฒนากรมอบหมายที่ปรึกษาให้: {advisor.name}",
        now=now,
    )
    session.commit()
    session.expire(application, ["advisors"])


def assign_existing(
    session: Session,
    actor: Actor,
    application_id: int,
    advisor_user_id: int,
    *,
    inside_community: bool = False,
    now: datetime,
) -> Advisor:
    application = _assignable(session, actor, application_id)
    user = session.scalar(
        _district_advisors(application.applicant.district_code).where(User.id == advisor_user_id)
    )
    if user is None:
        raise InvalidInput("เลือกได้เฉพาะบัญชีที่ปรึกษาของอำเภอนี้")
    already = select(Advisor.id).where(
        Advisor.application_id == application.id, Advisor.user_id == user.id
    )
    if session.scalar(already) is not None:
        raise InvalidInput(f"{user.display_name} เป็นที่ปรึกษาของผู้สมัครรายนี้อยู่แล้ว")
    advisor = Advisor(
        application_id=application.id,
        name=user.display_name,
        inside_community=inside_community,
        contact=user.phone or user.email,
        user_id=user.id,
    )
    _added(session, actor, application, advisor, action="advisor_assigned", now=now)
    return advisor


def invite(
    session: Session,
    actor: Actor,
    application_id: int,
    *,
    name: str,
    contact: str | None,
    inside_community: bool,
    username: str,
    now: datetime,
) -> str:
    """Names a new advisor and opens their account; returns a one-time password to hand over."""
    application = _assignable(session, actor, application_id)
    display_name = _text(name, "ชื่อที่ปรึกษา", required=True) or ""
    phone, email = _contact(contact)
    user, password = users.open_account(
        session,
        actor,
        username=username,
        display_name=display_name,
        role=Role.ADVISOR,
        province_code=actor.province_code,
        district_code=actor.district_code,
        phone=phone,
        email=email,
        now=now,
    )
    advisor = Advisor(
        application_id=application.id,
        name=display_name,
        inside_community=inside_community,
        contact=phone or email,
        user_id=user.id,
    )
    _added(session, actor, application, advisor, action="advisor_invited", now=now)
    return password


def remove(
    session: Session, actor: Actor, application_id: int, advisor_id: int, *, now: datetime
) -> None:
    application = _assignable(session, actor, application_id)
    advisor = session.get(Advisor, advisor_id)
    if advisor is None or advisor.application_id != application.id:
        raise NotFound("ไม่พบที่ปรึกษารายนี้ในใบสมัคร")
    _record(session, actor, "advisor_removed", advisor, now)
    _tell(
        session,
        application,
        advisor.user_id,
        kind="advisor_removed",
        to_advisor=f"พัฒนากรยกเลิกการเป็นที่ปรึกษาของคุณสำหรับ {application.applicant.name}",
        to_applicant=f"พัฒนากรยกเลิกที่ปรึกษา: {advisor.name}",
        now=now,
    )
    session.delete(advisor)
    session.commit()
    session.expire(application, ["advisors"])
