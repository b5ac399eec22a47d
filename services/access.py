"""Loading an application together with the scope the permission policy needs."""

from __future__ import annotations

from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.orm import Session, aliased

from core.errors import NotFound, PermissionDenied
from core.permission import Actor, Perm, Scope, require, require_acting_role
from core.roles import Role
from db.models import Advisor, Applicant, Application, Round, User


def scope_of(session: Session, application: Application) -> Scope:
    applicant = application.applicant
    advisor_ids = session.scalars(
        select(Advisor.user_id).where(
            Advisor.application_id == application.id, Advisor.user_id.is_not(None)
        )
    ).all()
    return Scope(
        province_code=applicant.province_code,
        district_code=applicant.district_code,
        owner_id=applicant.owner_id,
        advisor_ids=frozenset(advisor_ids),
    )


def application_for(session: Session, actor: Actor, application_id: int, perm: Perm) -> Application:
    """The application, or NotFound/PermissionDenied; never leaks another area's data."""
    application = session.get(Application, application_id)
    if application is None:
        raise NotFound()
    scope = scope_of(session, application)
    require_acting_role(actor)
    if actor.acting_for is not None and scope.owner_id != actor.acting_for:
        raise PermissionDenied("ใบสมัครนี้ไม่ใช่ของผู้สมัครที่คุณกำลังกรอกแทน")
    require(actor, perm, scope)
    if perm is Perm.EDIT_APPLICATION and actor.role is Role.DISTRICT_OFFICER:
        _require_acting(actor)
    return application


def _require_acting(actor: Actor) -> None:
    """An officer changes an applicant's content only in acting mode, so that every change is
    recorded as made on that applicant's behalf."""
    if actor.acting_for is None:
        raise PermissionDenied(
            "พัฒนากรแก้ไขข้อมูลของผู้สมัครได้เมื่อเริ่ม “กรอกแทนผู้สมัคร” แล้วเท่านั้น เพื่อให้ระบบบันทึกได้ว่าดำเนินการแทนผู้ใด"
        )


def applicant_scope(applicant: Applicant) -> Scope:
    return Scope(
        province_code=applicant.province_code,
        district_code=applicant.district_code,
        owner_id=applicant.owner_id,
    )


def district_scope(actor: Actor) -> Scope:
    """The officer's own district as a scope: for acts on the district, not one application."""
    return Scope(province_code=actor.province_code or "", district_code=actor.district_code)


def _latest_district(session: Session, owner_id: int) -> str | None:
    return session.scalar(
        select(Applicant.district_code)
        .join(Application, Application.applicant_id == Applicant.id)
        .join(Round, Application.round_id == Round.id)
        .where(Applicant.owner_id == owner_id)
        .order_by(Round.fiscal_year.desc(), Application.id.desc())
        .limit(1)
    )


def candidate_applicants(district_code: str) -> ColumnElement[bool]:
    """Applicant accounts tied to the district (a superset: `may_act_for` decides)."""
    creator = aliased(User)
    in_district = select(Applicant.owner_id).where(Applicant.district_code == district_code)
    made_here = select(creator.id).where(
        creator.role == Role.DISTRICT_OFFICER, creator.district_code == district_code
    )
    return and_(
        User.role == Role.APPLICANT,
        User.active.is_(True),
        or_(User.id.in_(in_district), User.created_by_id.in_(made_here)),
    )


def may_act_for(session: Session, district_code: str, user: User) -> bool:
    """A district's officer fills in for an applicant whose latest application is in the
    district, or, before any application, whose account an officer of the district opened."""
    if user.role is not Role.APPLICANT or not user.active:
        return False
    latest = _latest_district(session, user.id)
    if latest is not None:
        return latest == district_code
    creator = session.get(User, user.created_by_id) if user.created_by_id else None
    return (
        creator is not None
        and creator.role is Role.DISTRICT_OFFICER
        and creator.district_code == district_code
    )


def acting_target(session: Session, actor: Actor, applicant_user_id: int) -> User:
    """The applicant account this officer may act for, else PermissionDenied."""
    if actor.role is not Role.DISTRICT_OFFICER or not actor.district_code:
        raise PermissionDenied("เฉพาะพัฒนากรเท่านั้นที่กรอกข้อมูลแทนผู้สมัครได้")
    require(actor, Perm.EDIT_APPLICATION, district_scope(actor))
    user = session.get(User, applicant_user_id)
    if user is None or not may_act_for(session, actor.district_code, user):
        raise PermissionDenied("กรอกแทนได้เฉพาะผู้สมัครในอำเภอของคุณ")
    return user
