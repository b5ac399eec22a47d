"""Publicity of the round: invitations, matching a registration to its invitation, the funnel.

The province letter asks each district office to publicise the round and invite the target
groups. An invitation is one unit asked in one fiscal year (asked again = another contact on the
same invitation); a registration is linked to at most one invitation and the other way round,
so nobody is counted twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from core.applicant_types import ApplicantType
from core.registry_names import normalise_name
from core.workflow import Status


class ContactMethod(StrEnum):
    VISIT = "visit"
    PHONE = "phone"
    MEETING = "meeting"
    LETTER = "letter"
    LINE = "line"


CONTACT_METHOD_LABELS: dict[ContactMethod, str] = {
    ContactMethod.VISIT: "ลงพื้นที่เยี่ยม",
    ContactMethod.PHONE: "โทรศัพท์",
    ContactMethod.MEETING: "ในการประชุม",
    ContactMethod.LETTER: "หนังสือเชิญ",
    ContactMethod.LINE: "ข้อความ LINE",
}


class Outcome(StrEnum):
    NO_ANSWER = "no_answer"
    APPLIED = "applied"
    DECLINED = "declined"


OUTCOME_LABELS: dict[Outcome, str] = {
    Outcome.NO_ANSWER: "ยังไม่ตอบ",
    Outcome.APPLIED: "ตอบรับสมัคร",
    Outcome.DECLINED: "ปฏิเสธ",
}


class LinkMethod(StrEnum):
    PHONE = "phone"  # the registration's phone is the invitation's
    NAME = "name"  # same name, type and subdistrict at step 1
    OFFICER = "officer"  # the officer confirmed the pair


LINK_METHOD_LABELS: dict[LinkMethod, str] = {
    LinkMethod.PHONE: "เบอร์โทรที่ตรงกัน",
    LinkMethod.NAME: "ชื่อและพื้นที่ที่ตรงกัน",
    LinkMethod.OFFICER: "พัฒนากรยืนยัน",
}


# ----------------------------------------------------------------------------- matching


@dataclass(frozen=True)
class InvitedUnit:
    """What matching needs of an invitation."""

    id: int
    type: ApplicantType
    name: str
    subdistrict_code: str | None
    contact_name: str | None
    phone: str | None  # normalised (core.contact)


@dataclass(frozen=True)
class Registration:
    """What matching needs of a registration: the account, and its unit once step 1 is saved."""

    user_id: int
    person_name: str
    phone: str | None  # normalised: the account's, or the unit's from step 1
    unit_type: ApplicantType | None = None
    unit_name: str | None = None
    subdistrict_code: str | None = None
    unit_phone: str | None = None


# A name inside another counts as similar only when it is most of it: "กลุ่ม" inside every
# group's name says nothing; "สมชาย ใจดี" inside "นายสมชาย ใจดี" does.
SHORTEST_PART = 4
LEAST_SHARE = 0.6


def name_key(name: str | None) -> str:
    """How names are compared here: normalised (core.registry_names) and without spaces, which
    Thai writers put where they like ("กลุ่มทอผ้า บ้านหนองบัว" = "กลุ่มทอผ้าบ้านหนองบัว")."""
    return normalise_name(name).replace(" ", "")


def _phones(r: Registration) -> set[str]:
    return {p for p in (r.phone, r.unit_phone) if p}


def sure_match(invitation: InvitedUnit, registration: Registration) -> LinkMethod | None:
    """A pair linked without asking: the same phone, or the same unit name, type and subdistrict."""
    if invitation.phone and invitation.phone in _phones(registration):
        return LinkMethod.PHONE
    if (
        registration.unit_name
        and registration.unit_type is invitation.type
        and name_key(registration.unit_name) == name_key(invitation.name)
        and invitation.subdistrict_code is not None
        and registration.subdistrict_code == invitation.subdistrict_code
    ):
        return LinkMethod.NAME
    return None


def sure_pick(
    invitations: list[InvitedUnit], registration: Registration
) -> tuple[int, LinkMethod] | None:
    """The one invitation this registration surely is; None when none or more than one fit
    (two invitations with the same phone: the officer decides)."""
    found = [(i.id, m) for i in invitations if (m := sure_match(i, registration)) is not None]
    return found[0] if len(found) == 1 else None


@dataclass(frozen=True)
class _Keys:
    registration: Registration
    unit: str
    person: str
    phones: frozenset[str]


def _contains(a: str, b: str) -> bool:
    shorter, longer = sorted((a, b), key=len)
    return (
        len(shorter) >= SHORTEST_PART
        and len(shorter) >= LEAST_SHARE * len(longer)
        and shorter in longer
    )


def _reasons(invited: str, contact: str, phone: str | None, k: _Keys) -> list[str]:
    reasons: list[str] = []
    if k.unit and k.unit == invited:
        reasons.append("ชื่อหน่วยตรงกัน")
    elif k.unit and _contains(k.unit, invited):
        reasons.append("ชื่อหน่วยคล้ายกัน")
    if contact and contact == k.person:
        reasons.append("ชื่อผู้ประสานงานตรงกัน")
    elif k.person and k.person == invited:  # a leader registers under their own name
        reasons.append("ชื่อผู้ลงทะเบียนตรงกับผู้ที่ได้รับเชิญ")
    if phone and phone in k.phones:
        reasons.append("เบอร์โทรตรงกัน")
    return reasons


def suggest(
    invitations: list[InvitedUnit], registrations: list[Registration]
) -> dict[int, list[tuple[Registration, list[str]]]]:
    """For each invitation, the registrations that may be it and why (for the officer to
    confirm). Every name is normalised once: a district's list is invitations × registrations."""
    keys = [
        _Keys(r, name_key(r.unit_name), name_key(r.person_name), frozenset(_phones(r)))
        for r in registrations
    ]
    found: dict[int, list[tuple[Registration, list[str]]]] = {}
    for i in invitations:
        invited, contact = name_key(i.name), name_key(i.contact_name)
        pairs = [
            (k.registration, why) for k in keys if (why := _reasons(invited, contact, i.phone, k))
        ]
        if pairs:
            found[i.id] = pairs
    return found


# ----------------------------------------------------------------------------- funnel


class Stage(StrEnum):
    INVITED = "invited"
    REGISTERED = "registered"
    APPLIED = "applied"
    ACCEPTED = "accepted"
    TO_COMMITTEE = "to_committee"
    PASSED = "passed"


STAGE_LABELS: dict[Stage, str] = {
    Stage.INVITED: "ได้รับเชิญ",
    Stage.REGISTERED: "ลงทะเบียน",
    Stage.APPLIED: "ส่งใบสมัคร",
    Stage.ACCEPTED: "รับใบสมัครแล้ว",
    Stage.TO_COMMITTEE: "เสนอคณะกรรมการ",
    Stage.PASSED: "ผ่านการประเมิน",
}

# The type of a registration that has not reached step 1 yet and was not invited.
UNKNOWN_TYPE = "unknown"
UNKNOWN_TYPE_LABEL = "ยังไม่ระบุประเภท"

_PASSED = {Status.PASSED, Status.CERTIFIED}


def stages_reached(
    status: Status | None,
    *,
    sent: bool,
    accepted: bool,
    to_committee: bool,
) -> set[Stage]:
    """The stages after registration an application has reached, from what it has lived through
    (a returned or revised application keeps the stages it reached before)."""
    reached: set[Stage] = set()
    if status is None:
        return reached
    passed = status in _PASSED
    to_committee = to_committee or passed or status in {Status.UNDER_REVIEW, Status.NOT_PASSED}
    accepted = accepted or to_committee
    if sent or accepted or status is not Status.DRAFT:
        reached.add(Stage.APPLIED)
    if accepted:
        reached.add(Stage.ACCEPTED)
    if to_committee:
        reached.add(Stage.TO_COMMITTEE)
    if passed:
        reached.add(Stage.PASSED)
    return reached
