"""A district office invites units to apply, and follows what came of each invitation.

Only the district's own officers record invitations (Perm.INVITE). An invitation is for the
province's current round; inviting the same unit again in that year adds a contact to the same
invitation. A registration is linked to its invitation without asking when that is sure (the
same phone, or at step 1 the same unit name, type and subdistrict), otherwise the officer
confirms a suggested pair; either side is linked at most once (a unique column), so the
follow-up numbers (services/funnel.py) count nobody twice.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from core.applicant_types import ApplicantType
from core.contact import normalise_optional_phone
from core.errors import InvalidInput, NotFound, PermissionDenied, StaleData
from core.permission import Actor, Perm, Scope, require
from core.publicity import ContactMethod, LinkMethod, Outcome, name_key, suggest
from core.roles import Role
from core.thai import fiscal_year_bounds, format_date
from db.models import (
    Invitation,
    InvitationContact,
    RegistryEntry,
)
from services import areas, audit, invitation_links, registrations, rounds
from services.registrations import Registered

T = TypeVar("T")
NAME_LIMIT = 300
TEXT_LIMIT = 200
NOTE_LIMIT = 1000


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


# ----------------------------------------------------------------------------- permission, round


def district_of(actor: Actor) -> str:
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
    district = district_of(actor)
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


def _contact_problems(
    contacted_on: date | None,
    method: ContactMethod | None,
    *,
    year: int,
    today: date,
    label: str = "วันที่เชิญ",
    method_label: str = "วิธีการเชิญ",
) -> list[str]:
    """What is wrong with a contact's day and way. The earliest day is the start of the fiscal
    year before the round's: offices start inviting before a round opens, not years before."""
    problems = []
    earliest = fiscal_year_bounds(year - 1)[0]
    if contacted_on is None:
        problems.append(f"กรุณากรอก{label}")
    elif contacted_on > today:
        problems.append(f"{label}ต้องไม่เป็นวันในอนาคต")
    elif contacted_on < earliest:
        problems.append(f"{label}ต้องไม่ก่อน {format_date(earliest)}")
    if not isinstance(method, ContactMethod):
        problems.append(f"กรุณาเลือก{method_label}")
    return problems


def _refuse(problems: list[str]) -> None:
    """Every problem of a form at once, not one per try."""
    if problems:
        raise InvalidInput(" · ".join(problems))


def registry_entry(session: Session, district: str, entry_id: int | None) -> RegistryEntry | None:
    if entry_id is None:
        return None
    entry = session.get(RegistryEntry, entry_id)
    if entry is None or entry.district_code != district:
        raise PermissionDenied("เชิญได้เฉพาะหน่วยที่เคยผ่าน มชช. ในอำเภอของคุณ")
    return entry


def _checked(
    session: Session, district: str, data: InvitationInput, *, year: int, today: date
) -> InvitationInput:
    """The form's input cleaned, or every problem with it in one refusal."""
    problems: list[str] = []

    def take(check: Callable[[], T]) -> T | None:
        try:
            return check()
        except InvalidInput as error:
            problems.append(error.message)
            return None

    if not isinstance(data.type, ApplicantType):
        problems.append("กรุณาเลือกประเภทของผู้ที่เชิญ")
    name = take(lambda: _text(data.name, "ชื่อ", NAME_LIMIT))
    if not name or len(name) < 2:
        problems.append("กรุณากรอกชื่อผู้นำ กลุ่ม เครือข่าย หรือชุมชนที่เชิญ")
    subdistrict = data.subdistrict_code or None
    if subdistrict is not None:
        take(lambda: areas.check_area(district[:2], district, subdistrict))
    cleaned = InvitationInput(
        type=data.type,
        name=name or "",
        subdistrict_code=subdistrict,
        village=take(lambda: _text(data.village, "หมู่บ้าน")),
        contact_name=take(lambda: _text(data.contact_name, "ชื่อผู้ประสานงาน")),
        phone=take(lambda: normalise_optional_phone(data.phone)),
        contacted_on=data.contacted_on,
        method=data.method,
        note=take(lambda: _note(data.note)),
        registry_entry_id=data.registry_entry_id,
    )
    _refuse(problems + _contact_problems(data.contacted_on, data.method, year=year, today=today))
    return cleaned


# ----------------------------------------------------------------------------- recording


def _record(
    session: Session, actor: Actor, action: str, invitation_id: int, now: datetime, **detail: object
) -> None:
    audit.record(
        session, actor, action, at=now, entity="invitation", entity_id=invitation_id, **detail
    )


def _add_contact(
    invitation: Invitation,
    actor: Actor,
    contacted_on: date,
    method: ContactMethod,
    note: str | None,
    now: datetime,
) -> bool:
    """Adds the contact unless the very same one (day, way and note) is there already: a double
    click. A second call on the same day with its own note is another contact."""
    if any(
        (c.contacted_on, c.method, c.note) == (contacted_on, method, note)
        for c in invitation.contacts
    ):
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
    session: Session,
    actor: Actor,
    data: InvitationInput,
    *,
    today: date,
    now: datetime,
    retried: bool = False,
) -> Invited:
    """Records an invitation, or a new contact when the unit is already invited this year."""
    district = district_of(actor)
    year = invitation_year(session, district, today)
    data = _checked(session, district, data, year=year, today=today)
    entry = registry_entry(session, district, data.registry_entry_id)
    assert data.type is not None and data.contacted_on is not None and data.method is not None
    key = name_key(data.name)  # the same unit typed with or without spaces is one
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
            _record(
                session, actor, "invitation_contacted", existing.id, now, method=data.method.value
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
    try:
        session.flush()
    except StaleData:  # the same unit written down by another officer a moment ago (rolled back)
        if retried:
            raise
        return invite(session, actor, data, today=today, now=now, retried=True)
    _record(
        session,
        actor,
        "invitation_recorded",
        invitation.id,
        now,
        method=data.method.value,
        from_registry=entry is not None,
    )
    invitation_links.link_waiting_registration(session, invitation, now)
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
    _refuse(
        _contact_problems(
            contacted_on,
            method,
            year=invitation.fiscal_year,
            today=today,
            label="วันที่ติดต่อ",
            method_label="วิธีติดต่อ",
        )
    )
    assert contacted_on is not None and method is not None
    if _add_contact(invitation, actor, contacted_on, method, _note(note), now):
        session.flush()
        _record(session, actor, "invitation_contacted", invitation.id, now, method=method.value)
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
    _record(session, actor, "invitation_outcome", invitation.id, now, outcome=outcome.value)
    session.commit()
    return invitation


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
        r.user_id
        for r in registrations.of_year(session, invitation.fiscal_year, invitation.district_code)
    }
    if user_id not in found:
        raise InvalidInput("ไม่พบผู้ลงทะเบียนรายนี้ในอำเภอของคุณในปีงบประมาณนี้")
    if invitation_links.linked_users(session, [user_id]):
        raise InvalidInput("ผู้ลงทะเบียนรายนี้จับคู่กับการเชิญอื่นไว้แล้ว นับซ้ำไม่ได้")
    invitation_links.link_to(invitation, user_id, LinkMethod.OFFICER, now)
    session.flush()  # linked elsewhere a moment ago: StaleData, nothing written
    _record(
        session,
        actor,
        "invitation_linked",
        invitation.id,
        now,
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
    _record(session, actor, "invitation_unlinked", invitation.id, now, user_id=user_id)
    session.commit()
    return invitation


# ----------------------------------------------------------------------------- reading


def _linked_name(r: Registered | None) -> str | None:
    if r is None:
        return None
    unit, person = r.match.unit_name, r.match.person_name
    if unit and name_key(unit) != name_key(person):  # a leader's unit is the person
        return f"{person} ({unit})"
    return person


def invitations(session: Session, actor: Actor, *, today: date) -> tuple[int, list[InvitationRow]]:
    """The district's invitations of the current round's year, newest first, each unlinked one
    with the registrations that may be it (for the officer to confirm)."""
    district = district_of(actor)
    fy = invitation_year_or_latest(session, district, today)
    found = session.scalars(
        select(Invitation)
        .options(selectinload(Invitation.contacts))
        .where(Invitation.fiscal_year == fy, Invitation.district_code == district)
        .order_by(Invitation.created_at.desc(), Invitation.id.desc())
    ).all()
    regs, pairs = _suggested(session, found, fy, district)
    rows = []
    for i in found:
        suggestions = [
            Suggestion(r.user_id, r.person_name, r.unit_name, reasons)
            for r, reasons in pairs.get(i.id, [])
        ]
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


def _suggested(
    session: Session, found: Sequence[Invitation], fy: int, district: str
) -> tuple[dict[int, Registered], dict[int, list]]:  # type: ignore[type-arg]
    """The year's registrations by user, and the ones that may be each open invitation."""
    open_ones = [
        invitation_links.invited_unit(i)
        for i in found
        if i.applicant_user_id is None and i.outcome is not Outcome.DECLINED
    ]
    if not open_ones:  # nothing to pair: the registrations need not be read at all
        return {}, {}
    regs = {r.user_id: r for r in registrations.of_year(session, fy, district)}
    linked = {i.applicant_user_id for i in found if i.applicant_user_id is not None}
    free = [r for uid, r in regs.items() if uid not in linked]
    return regs, suggest(open_ones, [r.match for r in free])


def waiting_confirmation(session: Session, actor: Actor, *, today: date) -> int:
    """How many of the district's invitations have a registration to confirm (for the home):
    the pairing alone, without the rows the invitation list draws."""
    district = district_of(actor)
    try:
        fy = invitation_year_or_latest(session, district, today)
    except InvalidInput:  # no round yet
        return 0
    found = session.scalars(
        select(Invitation).where(Invitation.fiscal_year == fy, Invitation.district_code == district)
    ).all()
    _, pairs = _suggested(session, found, fy, district)
    return sum(1 for suggestions in pairs.values() if suggestions)


def invitation_year_or_latest(session: Session, district_code: str, today: date) -> int:
    """The year whose invitations the officer sees: the current round's (even when closed)."""
    info = rounds.current_round(session, district_code[:2], today)
    if info is None:
        raise InvalidInput("จังหวัดยังไม่ได้เปิดรอบ มชช. จึงยังไม่มีรายการเชิญ")
    return info.fiscal_year


def unlinked_registrations(session: Session, actor: Actor, *, today: date) -> list[tuple[int, str]]:
    """(user id, label) of the year's registrations no invitation is linked to, for the officer
    to pick when no suggestion fits."""
    district = district_of(actor)
    fy = invitation_year_or_latest(session, district, today)
    regs = registrations.of_year(session, fy, district)
    linked = invitation_links.linked_users(session, [r.user_id for r in regs])
    return [
        (r.user_id, _linked_name(r) or "")
        for r in sorted(regs, key=lambda r: r.match.person_name)
        if r.user_id not in linked
    ]
