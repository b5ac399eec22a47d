"""A district officer fills in for an applicant without internet: the account, then acting mode.

While acting, the officer's Actor carries `acting_for`; the permission policy then lets them
touch only that applicant's file, the workflow sees them as the applicant, and every audit
event names the applicant as `on_behalf_of` (services.audit does it centrally).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, replace
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.contact import normalise_phone
from core.errors import InvalidInput, PermissionDenied
from core.permission import Actor, Perm, require, require_acting_role
from core.roles import Role
from core.workflow import STATUS_LABELS, Status
from db.models import Applicant, Application, Round, User
from services import access, audit, invitation_links, users
from services.auth import find_user


@dataclass(frozen=True)
class PaperApplicant:
    """An applicant account the officer may fill in for, with where its application stands."""

    user_id: int
    display_name: str
    username: str
    phone: str | None
    applicant_name: str | None
    status: Status | None

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status] if self.status else "ยังไม่ได้เริ่มใบสมัคร"


def _require_officer(actor: Actor) -> str:
    require_acting_role(actor)
    if actor.role is not Role.DISTRICT_OFFICER or not actor.district_code:
        raise PermissionDenied("เฉพาะพัฒนากรประจำอำเภอเท่านั้นที่ทำรายการนี้ได้")
    require(actor, Perm.EDIT_APPLICATION, access.district_scope(actor))
    return actor.district_code


def _free_username(session: Session, district_code: str) -> str:
    for _ in range(50):
        name = f"paper{district_code}-{secrets.randbelow(10_000):04d}"
        if find_user(session, name) is None:
            return name
    raise InvalidInput("ตั้งชื่อผู้ใช้ให้อัตโนมัติไม่ได้ กรุณาพิมพ์ชื่อผู้ใช้เอง")


def create_paper_applicant(
    session: Session,
    actor: Actor,
    *,
    display_name: str,
    phone: str | None,
    username: str | None = None,
    privacy_informed: bool,
    now: datetime,
    today: date | None = None,
) -> tuple[User, str]:
    """Opens an applicant account for someone who came with paper; returns it and a one-time
    password to hand over in person (shown once, never stored in clear, replaced by the
    applicant at their first sign-in)."""
    district = _require_officer(actor)
    if not privacy_informed:
        raise InvalidInput(
            "กรุณาแจ้งประกาศความเป็นส่วนตัว (ฉบับพิมพ์) ให้ผู้สมัครทราบ แล้วทำเครื่องหมายยืนยันก่อนสร้างบัญชี"
        )
    users.check_name(display_name)
    phone = normalise_phone(phone)
    login = username if (username or "").strip() else _free_username(session, district)
    user, password = users.open_account(
        session,
        actor,
        username=login,
        display_name=display_name,
        role=Role.APPLICANT,
        province_code=actor.province_code,
        district_code=district,
        phone=phone,
        now=now,
    )
    user.privacy_acknowledged_at = now  # informed on paper, confirmed by the officer
    audit.record(
        session,
        actor,
        "paper_applicant_created",
        at=now,
        entity="user",
        entity_id=user.id,
        on_behalf_of_id=user.id,
        privacy_notice=users.PRIVACY_NOTICE_VERSION,
    )
    invitation_links.link_new_account(session, user, today=today, now=now)
    session.commit()
    return user, password


def _latest(session: Session, owner_id: int) -> tuple[str, Status] | None:
    row = session.execute(
        select(Applicant.name, Application.status)
        .join(Application, Application.applicant_id == Applicant.id)
        .join(Round, Application.round_id == Round.id)
        .where(Applicant.owner_id == owner_id)
        .order_by(Round.fiscal_year.desc(), Application.id.desc())
        .limit(1)
    ).first()
    return (row[0], row[1]) if row else None


def paper_applicants(session: Session, actor: Actor) -> list[PaperApplicant]:
    """Applicant accounts this officer may fill in for (see access.may_act_for)."""
    district = _require_officer(actor)
    found = []
    candidates = session.scalars(
        select(User).where(access.candidate_applicants(district)).order_by(User.display_name)
    )
    for user in candidates:
        if not access.may_act_for(session, district, user):
            continue
        latest = _latest(session, user.id)
        found.append(
            PaperApplicant(
                user.id,
                user.display_name,
                user.username,
                user.phone,
                latest[0] if latest else None,
                latest[1] if latest else None,
            )
        )
    return found


def begin_acting(session: Session, actor: Actor, applicant_user_id: int, *, now: datetime) -> str:
    """Checks the officer may fill in for this applicant, records it, returns their name."""
    officer = replace(actor, acting_for=None)
    _require_officer(officer)
    user = access.acting_target(session, officer, applicant_user_id)
    audit.record(
        session,
        officer,
        "acting_started",
        at=now,
        entity="user",
        entity_id=user.id,
        on_behalf_of_id=user.id,
    )
    session.commit()
    return user.display_name


def acting_name(session: Session, actor: Actor, applicant_user_id: int) -> str | None:
    """The applicant's name if the officer may still fill in for them (checked on every run)."""
    try:
        return access.acting_target(
            session, replace(actor, acting_for=None), applicant_user_id
        ).display_name
    except PermissionDenied:
        return None


def stop_acting(session: Session, actor: Actor, *, now: datetime) -> None:
    require_acting_role(actor)
    if actor.acting_for is None:
        return
    audit.record(
        session, actor, "acting_stopped", at=now, entity="user", entity_id=actor.acting_for
    )
    session.commit()
