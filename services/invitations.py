"""A district office invites units to apply, and follows what came of each invitation.

Only the district's own officers record invitations (Perm.INVITE). An invitation is for the
province's current round; inviting the same unit again in that year adds a contact to the same
invitation. A registration is linked to its invitation without asking when that is sure (the
same phone, or at step 1 the same unit name, type and subdistrict), otherwise the officer
confirms a suggested pair; either side is linked at most once (a unique column), so the
follow-up numbers (services/funnel.py) count nobody twice.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from core.applicant_types import ApplicantType
from core.contact import normalise_optional_phone
from core.errors import InvalidInput, NotFound, PermissionDenied, StaleData
from core.permission import Actor, Perm, Scope, require
from core.publicity import (
    ContactMethod,
    InvitedUnit,
    LinkMethod,
    Outcome,
    Registration,
    likely_reasons,
    sure_pick,
)
from core.registry_names import normalise_name
from core.roles import Role
from core.thai import fiscal_year_bounds
from db.models import (
    Applicant,
    Application,
    Invitation,
    InvitationContact,
    RegistryEntry,
    Round,
    User,
)
from services import areas, audit, rounds
from services.clock import BANGKOK

NAME_LIMIT = 300
TEXT_LIMIT = 200
NOTE_LIMIT = 1000
BANGKOK_OFFSET = timedelta(hours=7)


@dataclass
class InvitationInput:
    """What the officer types (or what a past unit fills in) for a new invitation."""

    type: ApplicantType | None
    name: str
    subdistrict_code: str | None = None
    village: str | None = None
    contact_name: str | None = None
    phone: str | None = None
    contacted_on: date | None = None
    method: ContactMethod | None = None
    note: str | None = None
    registry_entry_id: int | None = None


@dataclass(frozen=True)
class Invited:
    invitation: Invitation
    new: bool  # False: the unit was already invited this year; a contact was added


@dataclass(frozen=True)
class Suggestion:
    user_id: int
    person_name: str
    unit_name: str | None
    reasons: list[str]


@dataclass(frozen=True)
class InvitationRow:
    id: int
    version: int
    type: ApplicantType
    name: str
    area: str
    village: str | None
    contact_name: str | None
    phone: str | None
    outcome: Outcome
    outcome_note: str | None
    contacts: list[tuple[date, ContactMethod, str | None]]
    from_registry: bool
    linked_user_id: int | None
    linked_name: str | None  # the registration's person (and unit, once step 1 is saved)
    link_method: LinkMethod | None
    suggestions: list[Suggestion] = field(default_factory=list)


@dataclass(frozen=True)
class PastUnit:
    """A unit of the district in the registry (one row per unit, every year it passed)."""

    entry_id: int  # its latest registry row
    type: ApplicantType
    name: str
    subdistrict_code: str | None
    area: str
    village_no: int | None
    years: list[int]
    coordinator: str | None
    contact_phone: str | None
    invited_this_year: bool


# ----------------------------------------------------------------------------- permission, round


def _district_of(actor: Actor) -> str:
    if actor.role is not Role.DISTRICT_OFFICER or not actor.district_code:
        raise PermissionDenied("เฉพาะพัฒนากรของอำเภอเท่านั้นที่บันทึกการเชิญชวนได้")
    require(actor, Perm.INVITE, _scope(actor.district_code))
    return actor.district_code


def _scope(district_code: str) -> Scope:
    return Scope(province_code=district_code[:2], district_code=district_code)


def invitation_year(session: Session, district_code: str, today: date) -> int:
    """The fiscal year invitations are for: the province's current round, if this district
    takes part and the round is not closed."""
    info = rounds.current_round(session, district_code[:2], today)
    if info is None:
        raise InvalidInput("จังหวัดยังไม่ได้เปิดรอบ มชช. จึงยังบันทึกการเชิญไม่ได้ กรุณาติดต่อสำนักงานพัฒนาชุมชนจังหวัด")
    if district_code not in info.district_codes:
        raise InvalidInput(
            f"อำเภอนี้ไม่ได้ร่วมดำเนินการในรอบปีงบประมาณ {info.fiscal_year} จึงยังบันทึกการเชิญไม่ได้"
        )
    if info.phase is rounds.RoundPhase.CLOSED:
        raise InvalidInput(
            f"รอบปีงบประมาณ {info.fiscal_year} ปิดรับสมัครแล้ว บันทึกการเชิญได้อีกครั้งเมื่อจังหวัดเปิดรอบใหม่"
        )
    return info.fiscal_year


def _owned(
    session: Session, actor: Actor, invitation_id: int, expected_version: int | None
) -> Invitation:
    district = _district_of(actor)
    invitation = session.get(Invitation, invitation_id)
    if invitation is None:
        raise NotFound("ไม่พบรายการเชิญนี้")
    if invitation.district_code != district:
        raise PermissionDenied()
    if expected_version is not None and invitation.version != expected_version:
        raise StaleData()
    return invitation


# ----------------------------------------------------------------------------- checking input


def _text(value: str | None, label: str, limit: int = TEXT_LIMIT) -> str | None:
    text = " ".join((value or "").split())
    if len(text) > limit:
        raise InvalidInput(f"{label}ยาวเกิน {limit} ตัวอักษร")
    return text or None


def _note(value: str | None) -> str | None:
    text = (value or "").strip()
    if len(text) > NOTE_LIMIT:
        raise InvalidInput(f"บันทึกยาวเกิน {NOTE_LIMIT} ตัวอักษร")
    return text or None


def _contact_fields(contacted_on: date | None, method: ContactMethod | None, today: date) -> None:
    if contacted_on is None:
        raise InvalidInput("กรุณากรอกวันที่เชิญ")
    if contacted_on > today:
        raise InvalidInput("วันที่เชิญต้องไม่เป็นวันในอนาคต")
    if not isinstance(method, ContactMethod):
        raise InvalidInput("กรุณาเลือกวิธีการเชิญ")


def _registry_entry(session: Session, district: str, entry_id: int | None) -> RegistryEntry | None:
    if entry_id is None:
        return None
    entry = session.get(RegistryEntry, entry_id)
    if entry is None or entry.district_code != district:
        raise PermissionDenied("เชิญได้เฉพาะหน่วยที่เคยผ่าน มชช. ในอำเภอของคุณ")
    return entry


def _checked(
    session: Session, district: str, data: InvitationInput, today: date
) -> InvitationInput:
    if not isinstance(data.type, ApplicantType):
        raise InvalidInput("กรุณาเลือกประเภทของผู้ที่เชิญ")
    name = _text(data.name, "ชื่อ", NAME_LIMIT)
    if name is None or len(name) < 2:
        raise InvalidInput("กรุณากรอกชื่อผู้นำ กลุ่ม เครือข่าย หรือชุมชนที่เชิญ")
    subdistrict = data.subdistrict_code or None
    if subdistrict is not None:
        areas.check_area(district[:2], district, subdistrict)
    _contact_fields(data.contacted_on, data.method, today)
    return InvitationInput(
        type=data.type,
        name=name,
        subdistrict_code=subdistrict,
        village=_text(data.village, "หมู่บ้าน"),
        contact_name=_text(data.contact_name, "ชื่อผู้ประสานงาน"),
        phone=normalise_optional_phone(data.phone),
        contacted_on=data.contacted_on,
        method=data.method,
        note=_note(data.note),
        registry_entry_id=data.registry_entry_id,
    )


# ----------------------------------------------------------------------------- recording


def _add_contact(
    invitation: Invitation,
    actor: Actor,
    contacted_on: date,
    method: ContactMethod,
    note: str | None,
    now: datetime,
) -> bool:
    """Adds the contact unless the same one (day and way) is there already: a double click."""
    if any(c.contacted_on == contacted_on and c.method == method for c in invitation.contacts):
        return False
    invitation.contacts.append(
        InvitationContact(
            contacted_on=contacted_on,
            method=method,
            note=note,
            recorded_by_id=actor.user_id,
            recorded_at=now,
        )
    )
    return True


def invite(
    session: Session, actor: Actor, data: InvitationInput, *, today: date, now: datetime
) -> Invited:
    district = _district_of(actor)
    year = invitation_year(session, district, today)
    data = _checked(session, district, data, today)
    entry = _registry_entry(session, district, data.registry_entry_id)
    assert data.type is not None and data.contacted_on is not None and data.method is not None
    key = normalise_name(data.name)
    existing = session.scalar(
        select(Invitation).where(
            Invitation.fiscal_year == year,
            Invitation.district_code == district,
            Invitation.type == data.type,
            Invitation.normalized_name == key,
        )
    )
    if existing is not None:
        added = _add_contact(existing, actor, data.contacted_on, data.method, data.note, now)
        if added:
            audit.record(
                session,
                actor,
                "invitation_contacted",
                at=now,
                entity="invitation",
                entity_id=existing.id,
                method=data.method.value,
            )
        session.commit()
        return Invited(existing, new=False)
    invitation = Invitation(
        fiscal_year=year,
        province_code=district[:2],
        district_code=district,
        type=data.type,
        name=data.name,
        normalized_name=key,
        subdistrict_code=data.subdistrict_code,
        village=data.village,
        contact_name=data.contact_name,
        phone=data.phone,
        registry_entry_id=entry.id if entry else None,
        outcome=Outcome.NO_ANSWER,
        created_by_id=actor.user_id,
        created_at=now,
    )
    _add_contact(invitation, actor, data.contacted_on, data.method, data.note, now)
    session.add(invitation)
    session.flush()
    audit.record(
        session,
        actor,
        "invitation_recorded",
        at=now,
        entity="invitation",
        entity_id=invitation.id,
        method=data.method.value,
        from_registry=entry is not None,
    )
    _link_waiting_registration(session, invitation, now)
    session.commit()
    return Invited(invitation, new=True)


def add_contact(
    session: Session,
    actor: Actor,
    invitation_id: int,
    *,
    contacted_on: date | None,
    method: ContactMethod | None,
    note: str | None,
    today: date,
    now: datetime,
) -> Invitation:
    """Another time the unit was asked (two officers adding at once both count)."""
    invitation = _owned(session, actor, invitation_id, None)
    _contact_fields(contacted_on, method, today)
    assert contacted_on is not None and method is not None
    if _add_contact(invitation, actor, contacted_on, method, _note(note), now):
        session.flush()
        audit.record(
            session,
            actor,
            "invitation_contacted",
            at=now,
            entity="invitation",
            entity_id=invitation.id,
            method=method.value,
        )
    session.commit()
    return invitation


def set_outcome(
    session: Session,
    actor: Actor,
    invitation_id: int,
    outcome: Outcome,
    *,
    note: str | None,
    expected_version: int,
    now: datetime,
) -> Invitation:
    invitation = _owned(session, actor, invitation_id, expected_version)
    if not isinstance(outcome, Outcome):
        raise InvalidInput("กรุณาเลือกผลการเชิญ")
    if invitation.applicant_user_id is not None and outcome is not Outcome.APPLIED:
        raise InvalidInput("หน่วยนี้ลงทะเบียนแล้วและจับคู่กับการเชิญไว้ หากจับคู่ผิด ให้ยกเลิกการจับคู่ก่อนเปลี่ยนผล")
    invitation.outcome = outcome
    invitation.outcome_note = _note(note)
    session.flush()
    audit.record(
        session,
        actor,
        "invitation_outcome",
        at=now,
        entity="invitation",
        entity_id=invitation.id,
        outcome=outcome.value,
    )
    session.commit()
    return invitation


def _link(invitation: Invitation, user_id: int, method: LinkMethod, now: datetime) -> None:
    invitation.applicant_user_id = user_id
    invitation.link_method = method
    invitation.linked_at = now
    invitation.outcome = Outcome.APPLIED


def link(
    session: Session,
    actor: Actor,
    invitation_id: int,
    user_id: int,
    *,
    expected_version: int,
    now: datetime,
) -> Invitation:
    """The officer confirms that this registration is the invited unit."""
    invitation = _owned(session, actor, invitation_id, expected_version)
    if invitation.applicant_user_id is not None:
        raise InvalidInput("การเชิญนี้จับคู่กับผู้ลงทะเบียนไว้แล้ว")
    found = {
        r.user_id for r in registrations(session, invitation.fiscal_year, invitation.district_code)
    }
    if user_id not in found:
        raise InvalidInput("ไม่พบผู้ลงทะเบียนรายนี้ในอำเภอของคุณในปีงบประมาณนี้")
    if _linked_users(session, [user_id]):
        raise InvalidInput("ผู้ลงทะเบียนรายนี้จับคู่กับการเชิญอื่นไว้แล้ว นับซ้ำไม่ได้")
    _link(invitation, user_id, LinkMethod.OFFICER, now)
    session.flush()
    audit.record(
        session,
        actor,
        "invitation_linked",
        at=now,
        entity="invitation",
        entity_id=invitation.id,
        user_id=user_id,
        method=LinkMethod.OFFICER.value,
    )
    session.commit()
    return invitation


def unlink(
    session: Session, actor: Actor, invitation_id: int, *, expected_version: int, now: datetime
) -> Invitation:
    invitation = _owned(session, actor, invitation_id, expected_version)
    if invitation.applicant_user_id is None:
        raise InvalidInput("การเชิญนี้ยังไม่ได้จับคู่กับผู้ลงทะเบียน")
    user_id = invitation.applicant_user_id
    invitation.applicant_user_id = None
    invitation.link_method = None
    invitation.linked_at = None
    invitation.outcome = Outcome.NO_ANSWER
    session.flush()
    audit.record(
        session,
        actor,
        "invitation_unlinked",
        at=now,
        entity="invitation",
        entity_id=invitation.id,
        user_id=user_id,
    )
    session.commit()
    return invitation


# ----------------------------------------------------------------------------- registrations


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


def registrations(
    session: Session, fy: int, district_code: str | None = None, province_code: str | None = None
) -> list[Registered]:
    """Applicant accounts of the year: those with an application in the year's round (in its
    district), and those registered during the fiscal year that have none yet (their account's
    district). One entry per account."""
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
    new_accounts = session.scalars(
        select(User).where(
            User.role == Role.APPLICANT,
            User.created_at >= start,
            User.created_at < end,
            User.district_code == district_code
            if district_code
            else User.province_code == province,
        )
    ).all()
    for user in new_accounts:
        if user.id not in found and not _applied_elsewhere(session, user.id, fy):
            found[user.id] = Registered(
                user.id, user.display_name, user.phone, user.district_code or "", None, None
            )
    return list(found.values())


def _applied_elsewhere(session: Session, user_id: int, fy: int) -> bool:
    """An account whose application of the year is in another province or district."""
    return (
        session.scalar(
            select(Application.id)
            .join(Applicant, Application.applicant_id == Applicant.id)
            .join(Round, Application.round_id == Round.id)
            .where(Applicant.owner_id == user_id, Round.fiscal_year == fy)
            .limit(1)
        )
        is not None
    )


def _linked_users(session: Session, user_ids: Iterable[int]) -> set[int]:
    ids = list(user_ids)
    if not ids:
        return set()
    return set(
        session.scalars(
            select(Invitation.applicant_user_id).where(Invitation.applicant_user_id.in_(ids))
        )
    )


def _invited_unit(i: Invitation) -> InvitedUnit:
    return InvitedUnit(i.id, i.type, i.name, i.subdistrict_code, i.contact_name, i.phone)


def _open_invitations(session: Session, fy: int, district: str) -> list[Invitation]:
    return list(
        session.scalars(
            select(Invitation).where(
                Invitation.fiscal_year == fy,
                Invitation.district_code == district,
                Invitation.applicant_user_id.is_(None),
                Invitation.outcome != Outcome.DECLINED,
            )
        )
    )


def _try_link(
    session: Session, registration: Registration, fy: int, district: str, now: datetime
) -> Invitation | None:
    if _linked_users(session, [registration.user_id]):
        return None
    waiting = _open_invitations(session, fy, district)
    picked = sure_pick([_invited_unit(i) for i in waiting], registration)
    if picked is None:
        return None
    invitation_id, method = picked
    invitation = next(i for i in waiting if i.id == invitation_id)
    _link(invitation, registration.user_id, method, now)
    session.flush()
    audit.record(
        session,
        None,
        "invitation_linked",
        at=now,
        entity="invitation",
        entity_id=invitation.id,
        user_id=registration.user_id,
        method=method.value,
    )
    return invitation


def link_new_account(session: Session, user: User, *, now: datetime) -> Invitation | None:
    """Called when an applicant account is made (self-registration or an officer for a paper
    applicant), inside that transaction: links it to an invitation with the same phone."""
    if user.role is not Role.APPLICANT or not user.district_code:
        return None
    today = now.replace(tzinfo=UTC).astimezone(BANGKOK).date()
    info = rounds.current_round(session, user.district_code[:2], today)
    if info is None:
        return None
    registration = Registration(user.id, user.display_name, user.phone)
    return _try_link(session, registration, info.fiscal_year, user.district_code, now)


def link_application(
    session: Session, application: Application, *, now: datetime
) -> Invitation | None:
    """Called when step 1 is saved, inside that transaction: links the account to the invitation
    of the same unit (name, type and subdistrict) or phone, in the application's district."""
    applicant = application.applicant
    owner = session.get(User, applicant.owner_id)
    fy = session.scalar(select(Round.fiscal_year).where(Round.id == application.round_id))
    if owner is None or fy is None:
        return None
    found = Registered(
        owner.id, owner.display_name, owner.phone, applicant.district_code, applicant, application
    )
    return _try_link(session, found.matching(), fy, applicant.district_code, now)


def _link_waiting_registration(session: Session, invitation: Invitation, now: datetime) -> None:
    """A unit may register before the officer writes the invitation down: link it now if sure."""
    unit = _invited_unit(invitation)
    free = [r for r in registrations(session, invitation.fiscal_year, invitation.district_code)]
    linked = _linked_users(session, [r.user_id for r in free])
    sure = [
        r for r in free if r.user_id not in linked and sure_pick([unit], r.matching()) is not None
    ]
    if len(sure) != 1:
        return
    method = sure_pick([unit], sure[0].matching())
    assert method is not None
    _link(invitation, sure[0].user_id, method[1], now)
    session.flush()
    audit.record(
        session,
        None,
        "invitation_linked",
        at=now,
        entity="invitation",
        entity_id=invitation.id,
        user_id=sure[0].user_id,
        method=method[1].value,
    )


# ----------------------------------------------------------------------------- reading


def _linked_name(r: Registered | None) -> str | None:
    if r is None:
        return None
    if r.applicant is not None:
        return f"{r.person_name} ({r.applicant.name})"
    return r.person_name


def invitations(session: Session, actor: Actor, *, today: date) -> tuple[int, list[InvitationRow]]:
    """The district's invitations of the current round's year, newest first, each unlinked one
    with the registrations that may be it (for the officer to confirm)."""
    district = _district_of(actor)
    fy = invitation_year_or_latest(session, district, today)
    found = session.scalars(
        select(Invitation)
        .options(selectinload(Invitation.contacts))
        .where(Invitation.fiscal_year == fy, Invitation.district_code == district)
        .order_by(Invitation.created_at.desc(), Invitation.id.desc())
    ).all()
    regs = {r.user_id: r for r in registrations(session, fy, district)}
    linked = {i.applicant_user_id for i in found if i.applicant_user_id is not None}
    free = [r for uid, r in regs.items() if uid not in linked]
    rows = []
    for i in found:
        suggestions = []
        if i.applicant_user_id is None and i.outcome is not Outcome.DECLINED:
            unit = _invited_unit(i)
            for r in free:
                reasons = likely_reasons(unit, r.matching())
                if reasons:
                    suggestions.append(
                        Suggestion(
                            r.user_id,
                            r.person_name,
                            r.applicant.name if r.applicant else None,
                            reasons,
                        )
                    )
        rows.append(
            InvitationRow(
                id=i.id,
                version=i.version,
                type=i.type,
                name=i.name,
                area=areas.area_label(i.subdistrict_code, i.district_code, None),
                village=i.village,
                contact_name=i.contact_name,
                phone=i.phone,
                outcome=i.outcome,
                outcome_note=i.outcome_note,
                contacts=[(c.contacted_on, c.method, c.note) for c in i.contacts],
                from_registry=i.registry_entry_id is not None,
                linked_user_id=i.applicant_user_id,
                linked_name=_linked_name(regs.get(i.applicant_user_id or -1)),
                link_method=i.link_method,
                suggestions=suggestions,
            )
        )
    return fy, rows


def invitation_year_or_latest(session: Session, district_code: str, today: date) -> int:
    """The year whose invitations the officer sees: the current round's (even when closed)."""
    info = rounds.current_round(session, district_code[:2], today)
    if info is None:
        raise InvalidInput("จังหวัดยังไม่ได้เปิดรอบ มชช. จึงยังไม่มีรายการเชิญ")
    return info.fiscal_year


def unlinked_registrations(session: Session, actor: Actor, *, today: date) -> list[tuple[int, str]]:
    """(user id, label) of the year's registrations no invitation is linked to, for the officer
    to pick when no suggestion fits."""
    district = _district_of(actor)
    fy = invitation_year_or_latest(session, district, today)
    regs = registrations(session, fy, district)
    linked = _linked_users(session, [r.user_id for r in regs])
    return [
        (r.user_id, _linked_name(r) or "")
        for r in sorted(regs, key=lambda r: r.person_name)
        if r.user_id not in linked
    ]


def past_units(
    session: Session,
    actor: Actor,
    *,
    type: ApplicantType | None = None,
    fiscal_year: int | None = None,
    subdistrict_code: str | None = None,
    name: str | None = None,
    today: date,
) -> list[PastUnit]:
    """The registry's units of the officer's district, one row per unit, newest first."""
    district = _district_of(actor)
    e = RegistryEntry
    where = [e.province_code == district[:2], e.district_code == district]
    if type is not None:
        where.append(e.type == type)
    if subdistrict_code:
        where.append(e.subdistrict_code == subdistrict_code)
    text = " ".join((name or "").split())
    if len(text) > NAME_LIMIT:
        raise InvalidInput(f"ชื่อที่ค้นหายาวเกินไป พิมพ์ได้ไม่เกิน {NAME_LIMIT} ตัวอักษร")
    if text:
        where.append(e.normalized_name.contains(normalise_name(text), autoescape=True))
    entries = session.scalars(
        select(e).where(*where).order_by(e.fiscal_year.desc(), e.normalized_name, e.id)
    ).all()
    units: dict[tuple[ApplicantType, str], list[RegistryEntry]] = {}
    for entry in entries:
        units.setdefault((entry.type, entry.normalized_name), []).append(entry)
    if fiscal_year is not None:
        units = {k: v for k, v in units.items() if any(x.fiscal_year == fiscal_year for x in v)}
    try:
        year = invitation_year_or_latest(session, district, today)
    except InvalidInput:
        year = None
    invited = set()
    if year is not None:
        invited = {
            tuple(row)
            for row in session.execute(
                select(Invitation.type, Invitation.normalized_name).where(
                    Invitation.fiscal_year == year, Invitation.district_code == district
                )
            )
        }
    out = []
    for key, found in units.items():
        latest = found[0]
        out.append(
            PastUnit(
                entry_id=latest.id,
                type=latest.type,
                name=latest.name,
                subdistrict_code=latest.subdistrict_code,
                area=areas.area_label(latest.subdistrict_code, latest.district_code, None),
                village_no=latest.village_no,
                years=sorted({x.fiscal_year for x in found}),
                coordinator=latest.coordinator,
                contact_phone=latest.contact_phone,
                invited_this_year=key in invited,
            )
        )
    return out


def from_past_unit(session: Session, actor: Actor, entry_id: int) -> InvitationInput:
    """An invitation form filled from a registry row of the officer's district."""
    district = _district_of(actor)
    entry = _registry_entry(session, district, entry_id)
    assert entry is not None
    village = f"หมู่ที่ {entry.village_no}" if entry.village_no else None
    return InvitationInput(
        type=entry.type,
        name=entry.name,
        subdistrict_code=entry.subdistrict_code,
        village=village,
        contact_name=entry.coordinator
        or (entry.name if entry.type is ApplicantType.LEADER else None),
        phone=entry.contact_phone,
        registry_entry_id=entry.id,
    )
