"""core.publicity: when a registration is surely an invitation, when it may be, and which stages
of the funnel an application has reached."""

from __future__ import annotations

import pytest

from core.applicant_types import ApplicantType
from core.publicity import (
    InvitedUnit,
    LinkMethod,
    Registration,
    Stage,
    name_key,
    stages_reached,
    suggest,
    sure_match,
    sure_pick,
)
from core.workflow import Status

G, L = ApplicantType.GROUP, ApplicantType.LEADER
WEAVERS = InvitedUnit(1, G, "กลุ่มทอผ้าบ้านหนองบัว", "270101", "นางสมใจ ทอดี", "081-111-2222")


def reg(**change) -> Registration:  # type: ignore[no-untyped-def]
    base = dict(user_id=9, person_name="นายใครก็ได้ ทดสอบ", phone="089-000-0000")
    return Registration(**(base | change))


def test_name_key_ignores_spaces_case_thai_digits_and_split_sara_am():
    assert name_key(" กลุ่ม ทอผ้า  บ้าน หมู่ ๓ ") == name_key("กลุ่มทอผ้าบ้านหมู่3")
    assert name_key("กลุ่ม OTOP") == name_key("กลุ่มotop")
    assert name_key("กลุ่มทํานา") == name_key("กลุ่มทำนา")  # NIKHAHIT + SARA AA
    assert name_key("กลุ่มทอผ้า") != name_key("กลุ่มทอเสื่อ")


@pytest.mark.parametrize(
    ("registration", "expected"),
    [
        (reg(phone="081-111-2222"), LinkMethod.PHONE),
        (reg(unit_phone="081-111-2222"), LinkMethod.PHONE),
        (
            reg(unit_type=G, unit_name="กลุ่มทอผ้า บ้านหนองบัว", subdistrict_code="270101"),
            LinkMethod.NAME,
        ),
        (reg(unit_type=L, unit_name="กลุ่มทอผ้าบ้านหนองบัว", subdistrict_code="270101"), None),
        (reg(unit_type=G, unit_name="กลุ่มทอผ้าบ้านหนองบัว", subdistrict_code="270102"), None),
        (reg(unit_type=G, unit_name="กลุ่มทอผ้าบ้านหนองบัวใหม่", subdistrict_code="270101"), None),
        (reg(), None),
    ],
)
def test_sure_only_with_the_same_phone_or_the_same_name_type_and_subdistrict(
    registration, expected
):
    assert sure_match(WEAVERS, registration) is expected


def test_a_sure_name_needs_the_invitation_to_know_its_subdistrict():
    unknown_place = InvitedUnit(2, G, WEAVERS.name, None, None, None)
    found = reg(unit_type=G, unit_name=WEAVERS.name, subdistrict_code="270101")
    assert sure_match(unknown_place, found) is None


def test_two_invitations_that_fit_are_left_to_the_officer():
    twin = InvitedUnit(2, G, "กลุ่มจักสาน", None, None, "081-111-2222")
    assert sure_pick([WEAVERS, twin], reg(phone="081-111-2222")) is None
    assert sure_pick([WEAVERS], reg(phone="081-111-2222")) == (1, LinkMethod.PHONE)


def _reasons(invitation: InvitedUnit, registration: Registration) -> list[str]:
    found = suggest([invitation], [registration]).get(invitation.id, [])
    return [why for _, whys in found for why in whys]


@pytest.mark.parametrize(
    ("registration", "reasons"),
    [
        (reg(unit_name="กลุ่มทอผ้าบ้านหนองบัว"), ["ชื่อหน่วยตรงกัน"]),
        (reg(unit_name="กลุ่มทอผ้าบ้านหนองบัว หมู่ 3"), ["ชื่อหน่วยคล้ายกัน"]),
        (reg(unit_name="กลุ่ม"), []),  # too short to mean anything
        (reg(person_name="นางสมใจ  ทอดี"), ["ชื่อผู้ประสานงานตรงกัน"]),
        (reg(unit_phone="081-111-2222"), ["เบอร์โทรตรงกัน"]),
        (reg(unit_name="กลุ่มเลี้ยงไก่"), []),
    ],
)
def test_suggestions_say_why(registration, reasons):
    assert _reasons(WEAVERS, registration) == reasons


def test_a_leader_registering_under_their_own_name_is_suggested():
    leader = InvitedUnit(3, L, "นายสมชาย ใจดี", None, None, None)
    assert _reasons(leader, reg(person_name="นายสมชาย  ใจดี")) == ["ชื่อผู้ลงทะเบียนตรงกับผู้ที่ได้รับเชิญ"]


def test_suggest_lists_only_invitations_with_a_candidate():
    other = InvitedUnit(4, G, "กลุ่มปลูกผัก", None, None, None)
    found = suggest([WEAVERS, other], [reg(unit_name="กลุ่มทอผ้าบ้านหนองบัว")])
    assert list(found) == [1]


A, TC, P = Stage.APPLIED, Stage.ACCEPTED, Stage.TO_COMMITTEE


@pytest.mark.parametrize(
    ("status", "flags", "expected"),
    [
        (None, {}, set()),
        (Status.DRAFT, {}, set()),
        (Status.SUBMITTED, {"sent": True}, {A}),
        (Status.RETURNED, {"sent": True}, {A}),
        (Status.ACCEPTED, {"sent": True, "accepted": True}, {A, TC}),
        (Status.UNDER_REVIEW, {"sent": True, "accepted": True, "to_committee": True}, {A, TC, P}),
        # returned for revision by the committee: it had reached the committee
        (
            Status.REVISION_REQUESTED,
            {"sent": True, "accepted": True, "to_committee": True},
            {A, TC, P},
        ),
        (Status.NOT_PASSED, {}, {A, TC, P}),
        (Status.PASSED, {}, {A, TC, P, Stage.PASSED}),
        (Status.CERTIFIED, {}, {A, TC, P, Stage.PASSED}),
    ],
)
def test_stages_reached_keep_what_the_application_lived_through(status, flags, expected):
    assert (
        stages_reached(status, **{"sent": False, "accepted": False, "to_committee": False} | flags)
        == expected
    )
