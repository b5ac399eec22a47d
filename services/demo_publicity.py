"""Demo: this year's invitations of the two demo district offices, recorded through the same
service an officer uses, so the invitation list and the follow-up numbers have something to show:
a group linked by its phone, a leader waiting for the officer to confirm a similar name, a unit
certified before that declined, one with no answer yet, and the Aran network linked by phone."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.applicant_types import ApplicantType
from core.permission import Actor
from core.publicity import ContactMethod, Outcome
from core.registry_names import normalise_name
from db.models import Applicant, RegistryEntry, User
from services import auth, invitations
from services.invitations import InvitationInput


def _actor(session: Session, username: str) -> Actor:
    user = session.scalar(select(User).where(User.username == username))
    assert user is not None
    return auth.actor_of(session, user)


def _applicant_of(session: Session, username: str) -> tuple[User, Applicant]:
    user = session.scalar(select(User).where(User.username == username))
    assert user is not None
    applicant = session.scalar(select(Applicant).where(Applicant.owner_id == user.id))
    assert applicant is not None
    return user, applicant


def _invite_registered(
    session: Session, actor: Actor, username: str, on: date, method: ContactMethod, now: datetime
) -> None:
    user, a = _applicant_of(session, username)
    data = InvitationInput(
        type=a.type,
        name=a.name,
        subdistrict_code=a.subdistrict_code,
        village=f"หมู่ที่ {a.village_no}" if a.village_no else None,
        contact_name=user.display_name,
        phone=user.phone,
        contacted_on=on,
        method=method,
    )
    invitations.invite(session, actor, data, today=on, now=now)


def _past_unit(session: Session, district: str, name: str) -> InvitationInput:
    entry = session.scalar(
        select(RegistryEntry)
        .where(
            RegistryEntry.district_code == district,
            RegistryEntry.normalized_name == normalise_name(name),
        )
        .order_by(RegistryEntry.fiscal_year.desc())
    )
    assert entry is not None, name
    return InvitationInput(
        type=entry.type,
        name=entry.name,
        subdistrict_code=entry.subdistrict_code,
        village=f"หมู่ที่ {entry.village_no}" if entry.village_no else None,
        contact_name=entry.coordinator,
        phone=entry.contact_phone,
        registry_entry_id=entry.id,
    )


def seed(session: Session, *, today: date, now: datetime) -> None:
    muang = _actor(session, "officer-muang")
    day = today - timedelta(days=40)
    _invite_registered(session, muang, "applicant-group", day, ContactMethod.VISIT, now)

    _, leader = _applicant_of(session, "applicant-leader")
    similar = InvitationInput(
        type=ApplicantType.LEADER,
        name=leader.name.removeprefix("นาย"),  # written without the title: the officer confirms
        subdistrict_code=leader.subdistrict_code,
        contacted_on=day + timedelta(days=2),
        method=ContactMethod.MEETING,
        note="พบในการประชุมประจำเดือนกำนันผู้ใหญ่บ้าน",
    )
    invitations.invite(session, muang, similar, today=today, now=now)

    declined = _past_unit(session, "2701", "กลุ่มทอผ้าไหมบ้านแก้ง")
    declined.contacted_on, declined.method = day + timedelta(days=5), ContactMethod.PHONE
    made = invitations.invite(session, muang, declined, today=today, now=now).invitation
    invitations.set_outcome(
        session,
        muang,
        made.id,
        Outcome.DECLINED,
        note="ปีนี้สมาชิกติดงานเก็บเกี่ยว ขอสมัครปีหน้า",
        expected_version=made.version,
        now=now,
    )

    waiting = _past_unit(session, "2701", "กลุ่มสมุนไพรบ้านศาลาลำดวน")
    waiting.contacted_on, waiting.method = day + timedelta(days=7), ContactMethod.LETTER
    invitations.invite(session, muang, waiting, today=today, now=now)

    aran = _actor(session, "officer-aran")
    _invite_registered(session, aran, "applicant-network", day, ContactMethod.LINE, now)
