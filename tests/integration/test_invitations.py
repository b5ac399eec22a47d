"""Invitations to apply: who may record them, linking a registration to its invitation, and the
follow-up numbers counting each unit once."""

from __future__ import annotations

import io
from datetime import date, datetime

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from core.applicant_types import ApplicantType
from core.errors import InvalidInput, PermissionDenied, StaleData
from core.publicity import ContactMethod, LinkMethod, Outcome, Stage
from core.roles import Role
from core.workflow import Status
from db.models import AuditEvent, Invitation, RegistryEntry, RoundDistrict
from services import applications, auth, funnel, invitation_links, invitations, past_units
from services.applications import ApplicationForm
from tests.factories import make_application, make_round, make_user, register

TODAY = date(2026, 11, 24)  # fiscal year 2570, the round is open
NOW = datetime(2026, 11, 24, 3, 0)
G = ApplicantType.GROUP


def _actor(db, user):
    return auth.actor_of(db, user)


@pytest.fixture
def scene(db):
    rnd = make_round(db)  # 2570, district 2701 takes part
    rnd.districts.append(RoundDistrict(district_code="2702"))
    db.flush()
    officer = make_user(db, Role.DISTRICT_OFFICER, district="2701")
    other = make_user(db, Role.DISTRICT_OFFICER, district="2702")
    province = make_user(db, Role.PROVINCE_OFFICER, district=None)
    return rnd, _actor(db, officer), _actor(db, other), _actor(db, province)


def _input(name="กลุ่มทอผ้าบ้านหนองบัว", phone="081-111-2222", **change):
    data = dict(
        type=G,
        name=name,
        subdistrict_code="270101",
        village="หมู่ที่ 3",
        contact_name="นางสมใจ ทอดี",
        phone=phone,
        contacted_on=date(2026, 11, 20),
        method=ContactMethod.VISIT,
    )
    return invitations.InvitationInput(**(data | change))


def _register(db, username, phone, district="2701"):
    return register(db, username, phone, district=district, now=NOW)


def _start(db, user, name, *, kind=G, subdistrict="270101"):
    form = ApplicationForm(kind=kind, name=name, district_code="2701", subdistrict_code=subdistrict)
    return applications.start(db, _actor(db, user), form, id_key="k" * 32, today=TODAY, now=NOW)


# ----------------------------------------------------------------------------- recording


def test_officer_records_an_invitation_with_its_first_contact(db, scene):
    _, officer, _, _ = scene
    found = invitations.invite(db, officer, _input(note="นัดประชุมกลุ่ม"), today=TODAY, now=NOW)
    assert found.new
    i = db.get(Invitation, found.invitation.id)
    assert (i.fiscal_year, i.district_code, i.outcome) == (2570, "2701", Outcome.NO_ANSWER)
    assert i.phone == "081-111-2222"
    assert [(c.contacted_on, c.method, c.note) for c in i.contacts] == [
        (date(2026, 11, 20), ContactMethod.VISIT, "นัดประชุมกลุ่ม")
    ]
    assert db.scalar(select(AuditEvent).where(AuditEvent.action == "invitation_recorded"))


def test_inviting_the_same_unit_again_adds_a_contact_and_a_double_click_adds_nothing(db, scene):
    _, officer, _, _ = scene
    first = invitations.invite(db, officer, _input(), today=TODAY, now=NOW).invitation
    again = invitations.invite(
        db,
        officer,
        _input(name=" กลุ่มทอผ้าบ้าน หนองบัว ".replace("บ้าน ", "บ้าน"), method=ContactMethod.PHONE),
        today=TODAY,
        now=NOW,
    )
    assert not again.new and again.invitation.id == first.id
    invitations.invite(db, officer, _input(method=ContactMethod.PHONE), today=TODAY, now=NOW)
    assert len(db.get(Invitation, first.id).contacts) == 2
    assert len(db.scalars(select(Invitation)).all()) == 1


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"type": None}, "ประเภท"),
        ({"name": " "}, "ชื่อ"),
        ({"contacted_on": None}, "วันที่เชิญ"),
        ({"contacted_on": date(2026, 11, 25)}, "อนาคต"),
        ({"method": None}, "วิธีการเชิญ"),
        ({"phone": "12"}, "เบอร์"),
        ({"subdistrict_code": "270201"}, "ตำบล"),
        ({"name": "ก" * 301}, "ยาวเกิน"),
    ],
)
def test_bad_input_is_refused_and_writes_nothing(db, scene, change, message):
    _, officer, _, _ = scene
    with pytest.raises(InvalidInput, match=message):
        invitations.invite(db, officer, _input(**change), today=TODAY, now=NOW)
    assert db.scalars(select(Invitation)).all() == []


def test_only_the_districts_own_officer_records_and_changes_invitations(db, scene):
    _, officer, other, province = scene
    applicant = _actor(db, make_user(db, Role.APPLICANT))
    for who in (province, applicant):
        with pytest.raises(PermissionDenied):
            invitations.invite(db, who, _input(), today=TODAY, now=NOW)
    mine = invitations.invite(db, officer, _input(), today=TODAY, now=NOW).invitation
    with pytest.raises(PermissionDenied):
        invitations.set_outcome(
            db, other, mine.id, Outcome.DECLINED, note=None, expected_version=mine.version, now=NOW
        )
    with pytest.raises(PermissionDenied):
        invitations.add_contact(
            db,
            other,
            mine.id,
            contacted_on=TODAY,
            method=ContactMethod.PHONE,
            note=None,
            today=TODAY,
            now=NOW,
        )
    assert invitations.invitations(db, other, today=TODAY)[1] == []
    assert [r.id for r in invitations.invitations(db, officer, today=TODAY)[1]] == [mine.id]
    assert db.get(Invitation, mine.id).outcome is Outcome.NO_ANSWER


def test_no_round_closed_round_or_district_not_taking_part_refuses(db):
    officer = _actor(db, make_user(db, Role.DISTRICT_OFFICER, district="2701"))
    with pytest.raises(InvalidInput, match="ยังไม่ได้เปิดรอบ"):
        invitations.invite(db, officer, _input(), today=TODAY, now=NOW)
    rnd = make_round(db)
    outsider = _actor(db, make_user(db, Role.DISTRICT_OFFICER, district="2703"))
    with pytest.raises(InvalidInput, match="ไม่ได้ร่วมดำเนินการ"):
        invitations.invite(db, outsider, _input(), today=TODAY, now=NOW)
    rnd.closed_at = NOW
    db.flush()
    with pytest.raises(InvalidInput, match="ปิดรับสมัครแล้ว"):
        invitations.invite(db, officer, _input(), today=TODAY, now=NOW)


def test_outcome_changes_with_a_stale_screen_are_refused(db, scene):
    _, officer, _, _ = scene
    i = invitations.invite(db, officer, _input(), today=TODAY, now=NOW).invitation
    seen = i.version
    invitations.set_outcome(
        db, officer, i.id, Outcome.DECLINED, note="ไม่พร้อม", expected_version=seen, now=NOW
    )
    with pytest.raises(StaleData):
        invitations.set_outcome(
            db, officer, i.id, Outcome.NO_ANSWER, note=None, expected_version=seen, now=NOW
        )
    assert db.get(Invitation, i.id).outcome is Outcome.DECLINED


# ----------------------------------------------------------------------------- past units


def _entry(db, name, year, *, district="2701", kind=G, phone=None):
    from core.registry_names import normalise_name

    e = RegistryEntry(
        fiscal_year=year,
        type=kind,
        name=name,
        normalized_name=normalise_name(name),
        province_code=district[:2],
        district_code=district,
        subdistrict_code=f"{district}01",
        village_no=4,
        coordinator="นายประสาน งานดี",
        contact_phone=phone,
        source="import",
    )
    db.add(e)
    db.flush()
    return e


def test_past_units_of_the_district_one_row_per_unit_and_invited_again_from_the_list(db, scene):
    _, officer, other, _ = scene
    _entry(db, "กลุ่มออมทรัพย์บ้านโคก", 2566)
    latest = _entry(db, "กลุ่มออมทรัพย์บ้านโคก", 2568, phone="089-000-1111")
    _entry(db, "ชุมชนท่าเกษม", 2567, kind=ApplicantType.COMMUNITY)
    foreign = _entry(db, "กลุ่มในอำเภออื่น", 2567, district="2702")

    units = past_units.of_district(db, officer, today=TODAY)
    assert [(u.name, u.years) for u in units] == [
        ("กลุ่มออมทรัพย์บ้านโคก", [2566, 2568]),
        ("ชุมชนท่าเกษม", [2567]),
    ]
    assert [u.name for u in past_units.of_district(db, officer, type=G, today=TODAY)] == [
        "กลุ่มออมทรัพย์บ้านโคก"
    ]
    assert [u.name for u in past_units.of_district(db, officer, fiscal_year=2567, today=TODAY)] == [
        "ชุมชนท่าเกษม"
    ]

    data = past_units.from_past_unit(db, officer, units[0].entry_id)
    assert (data.name, data.phone, data.village, data.registry_entry_id) == (
        "กลุ่มออมทรัพย์บ้านโคก",
        "089-000-1111",
        "หมู่ที่ 4",
        latest.id,
    )
    data.contacted_on, data.method = TODAY, ContactMethod.LETTER
    invitations.invite(db, officer, data, today=TODAY, now=NOW)
    assert past_units.of_district(db, officer, today=TODAY)[0].invited_this_year

    with pytest.raises(PermissionDenied):
        past_units.from_past_unit(db, officer, foreign.id)
    data.registry_entry_id = foreign.id
    with pytest.raises(PermissionDenied):
        invitations.invite(db, officer, data, today=TODAY, now=NOW)
    with pytest.raises(PermissionDenied):
        past_units.of_district(db, _actor(db, make_user(db, Role.APPLICANT)), today=TODAY)
    assert [u.name for u in past_units.of_district(db, other, today=TODAY)] == ["กลุ่มในอำเภออื่น"]


# ----------------------------------------------------------------------------- linking


def test_a_registration_with_the_invitations_phone_is_linked_at_once(db, scene):
    _, officer, _, _ = scene
    i = invitations.invite(db, officer, _input(phone="0811112222"), today=TODAY, now=NOW).invitation
    user = _register(db, "nongbua.group", "081 111 2222")
    i = db.get(Invitation, i.id)
    assert (i.applicant_user_id, i.link_method, i.outcome) == (
        user.id,
        LinkMethod.PHONE,
        Outcome.APPLIED,
    )


def test_a_registration_in_another_district_is_not_linked(db, scene):
    _, officer, _, _ = scene
    i = invitations.invite(db, officer, _input(), today=TODAY, now=NOW).invitation
    _register(db, "elsewhere.group", "081-111-2222", district="2702")
    assert db.get(Invitation, i.id).applicant_user_id is None


def test_same_unit_name_type_and_subdistrict_at_step_1_links_without_asking(db, scene):
    _, officer, _, _ = scene
    i = invitations.invite(db, officer, _input(phone=None), today=TODAY, now=NOW).invitation
    user = _register(db, "weavers", "089-999-9999")
    assert db.get(Invitation, i.id).applicant_user_id is None
    _start(db, user, "กลุ่มทอผ้า บ้านหนองบัว".replace(" ", ""))
    i = db.get(Invitation, i.id)
    assert (i.applicant_user_id, i.link_method) == (user.id, LinkMethod.NAME)


def test_a_unit_registered_before_the_invitation_was_written_is_linked_when_it_is(db, scene):
    _, officer, _, _ = scene
    user = _register(db, "early.bird", "081-111-2222")
    i = invitations.invite(db, officer, _input(), today=TODAY, now=NOW).invitation
    assert db.get(Invitation, i.id).applicant_user_id == user.id


def test_an_unsure_pair_is_suggested_and_linked_only_when_the_officer_confirms(db, scene):
    _, officer, other, _ = scene
    i = invitations.invite(db, officer, _input(phone=None), today=TODAY, now=NOW).invitation
    user = _register(db, "similar", "089-999-9999")
    _start(db, user, "กลุ่มทอผ้าบ้านหนองบัว", subdistrict="270102")  # another subdistrict
    assert db.get(Invitation, i.id).applicant_user_id is None
    row = invitations.invitations(db, officer, today=TODAY)[1][0]
    assert [(s.user_id, s.reasons) for s in row.suggestions] == [(user.id, ["ชื่อหน่วยตรงกัน"])]

    with pytest.raises(PermissionDenied):
        invitations.link(db, other, i.id, user.id, expected_version=row.version, now=NOW)
    invitations.link(db, officer, i.id, user.id, expected_version=row.version, now=NOW)
    i = db.get(Invitation, i.id)
    assert (i.applicant_user_id, i.link_method, i.outcome) == (
        user.id,
        LinkMethod.OFFICER,
        Outcome.APPLIED,
    )
    assert invitations.invitations(db, officer, today=TODAY)[1][0].suggestions == []


def test_one_registration_links_to_one_invitation_only(db, scene):
    _, officer, _, _ = scene
    a = invitations.invite(db, officer, _input(), today=TODAY, now=NOW).invitation
    b = invitations.invite(
        db, officer, _input(name="กลุ่มจักสาน", phone=None), today=TODAY, now=NOW
    ).invitation
    user = _register(db, "weavers", "081-111-2222")  # linked to a by phone
    assert db.get(Invitation, a.id).applicant_user_id == user.id
    with pytest.raises(InvalidInput, match="นับซ้ำไม่ได้"):
        invitations.link(db, officer, b.id, user.id, expected_version=b.version, now=NOW)
    assert db.get(Invitation, b.id).applicant_user_id is None
    assert [uid for uid, _ in invitations.unlinked_registrations(db, officer, today=TODAY)] == []


def test_two_invitations_with_the_same_phone_are_left_to_the_officer(db, scene):
    _, officer, _, _ = scene
    invitations.invite(db, officer, _input(), today=TODAY, now=NOW)
    invitations.invite(db, officer, _input(name="กลุ่มจักสาน"), today=TODAY, now=NOW)
    user = _register(db, "two.hats", "081-111-2222")
    assert db.scalars(select(Invitation.applicant_user_id)).all() == [None, None]
    rows = invitations.invitations(db, officer, today=TODAY)[1]
    assert all(user.id in [s.user_id for s in r.suggestions] for r in rows)


def test_a_linked_invitation_cannot_be_declined_until_unlinked(db, scene):
    _, officer, _, _ = scene
    i = invitations.invite(db, officer, _input(), today=TODAY, now=NOW).invitation
    _register(db, "weavers", "081-111-2222")
    i = db.get(Invitation, i.id)
    with pytest.raises(InvalidInput, match="ยกเลิกการจับคู่"):
        invitations.set_outcome(
            db, officer, i.id, Outcome.DECLINED, note=None, expected_version=i.version, now=NOW
        )
    invitations.unlink(db, officer, i.id, expected_version=i.version, now=NOW)
    i = db.get(Invitation, i.id)
    assert (i.applicant_user_id, i.outcome) == (None, Outcome.NO_ANSWER)


# ----------------------------------------------------------------------------- funnel


def _seed_funnel(db, scene):
    """District 2701: three invitations (two past units, one new group); the new group registers
    by phone and sends its application; an uninvited leader is accepted and goes to the
    committee; an invited community's account (by name at step 1) passes; someone registers and
    does nothing. District 2702: one invitation and nothing else."""
    rnd, officer, other, _ = scene
    past = invitations.invite(
        db, officer, _input(name="กลุ่มออมทรัพย์บ้านโคก", phone="089-000-1111"), today=TODAY, now=NOW
    ).invitation
    invitations.invite(
        db,
        officer,
        _input(name="ชุมชนท่าเกษม", type=ApplicantType.COMMUNITY, phone=None),
        today=TODAY,
        now=NOW,
    )
    invitations.invite(
        db, officer, _input(name="กลุ่มเยาวชนรักษ์ถิ่น", phone="062-555-0000"), today=TODAY, now=NOW
    )
    invitations.invite(
        db, other, _input(name="กลุ่มคลองหาด", subdistrict_code="270201"), today=TODAY, now=NOW
    )

    youth = _register(db, "youth", "0625550000")
    app = _start(db, youth, "กลุ่มเยาวชนรักษ์ถิ่น")
    app.status, app.submitted_at = Status.SUBMITTED, NOW

    leader = make_user(db, Role.APPLICANT)
    lead_app = make_application(db, leader, rnd, kind=ApplicantType.LEADER, name="นายนำ ชุมชน")
    lead_app.status, lead_app.submitted_at, lead_app.accepted_at = Status.UNDER_REVIEW, NOW, NOW
    lead_app.to_committee_at = NOW

    community = make_user(db, Role.APPLICANT)
    done = make_application(db, community, rnd, kind=ApplicantType.COMMUNITY, name="ชุมชนท่าเกษม")
    done.status = Status.PASSED
    invitation_links.link_application(db, done, now=NOW)

    _register(db, "idle", "086-000-0000")
    db.commit()
    return past


EXPECTED_2701 = {
    Stage.INVITED: 3,
    Stage.REGISTERED: 4,  # youth, leader, community, idle — each once
    Stage.APPLIED: 3,
    Stage.ACCEPTED: 2,
    Stage.TO_COMMITTEE: 2,
    Stage.PASSED: 1,
}


def test_funnel_of_a_district_counts_each_unit_once_per_stage(db, scene):
    _seed_funnel(db, scene)
    _, officer, _, _ = scene
    f = funnel.funnel(db, officer, province_code="27", fiscal_year=2570, district_code="2701")
    assert {s: f.total(s) for s in Stage} == EXPECTED_2701
    assert f.total(Stage.REGISTERED, type_key=G.value) == 1  # youth
    assert f.total(Stage.REGISTERED, type_key="unknown") == 1  # idle
    assert f.total(Stage.PASSED, type_key=ApplicantType.COMMUNITY.value) == 1
    assert f.through_invitation(Stage.REGISTERED) == 2  # youth by phone, community by name
    assert f.through_invitation(Stage.PASSED) == 1
    # the linked invitations are not counted again as registrations
    assert (
        len(db.scalars(select(Invitation).where(Invitation.applicant_user_id.is_not(None))).all())
        == 2
    )


def test_province_funnel_adds_up_the_districts(db, scene):
    _seed_funnel(db, scene)
    _, _, _, province = scene
    f = funnel.funnel(db, province, province_code="27", fiscal_year=2570)
    assert f.district_codes == ("2701", "2702")
    assert f.total(Stage.INVITED) == 4
    assert f.total(Stage.INVITED, district="2702") == 1
    assert {s: f.total(s, district="2701") for s in Stage} == EXPECTED_2701


def test_funnel_permission_own_district_or_own_province(db, scene):
    _, officer, other, _ = scene
    for who, district in ((other, "2701"), (officer, None), (officer, "2702")):
        with pytest.raises(PermissionDenied):
            funnel.funnel(db, who, province_code="27", fiscal_year=2570, district_code=district)
    elsewhere = _actor(db, make_user(db, Role.PROVINCE_OFFICER, district=None, province="10"))
    with pytest.raises(PermissionDenied):
        funnel.funnel(db, elsewhere, province_code="27", fiscal_year=2570)
    applicant = _actor(db, make_user(db, Role.APPLICANT))
    with pytest.raises(PermissionDenied):
        funnel.funnel(db, applicant, province_code="27", fiscal_year=2570, district_code="2701")


def test_the_workbook_holds_the_same_numbers_and_no_names_or_phones(db, scene):
    _seed_funnel(db, scene)
    _, _, _, province = scene
    data = funnel.export(db, province, province_code="27", fiscal_year=2570, now=NOW)
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["ตามประเภท", "ตามอำเภอ", "อำเภอและประเภท"]
    rows = [list(r) for r in book["ตามอำเภอ"].iter_rows(values_only=True)]
    assert rows[1][:8] == ["2701", "เมืองสระแก้ว", 3, 4, 3, 2, 2, 1]
    assert rows[2][:3] == ["2702", "คลองหาด", 1]
    assert rows[-1][1:8] == ["รวม", 4, 4, 3, 2, 2, 1]
    text = " ".join(str(c) for s in book for r in s.iter_rows(values_only=True) for c in r if c)
    assert "062" not in text and "เยาวชน" not in text
    assert db.scalar(select(AuditEvent).where(AuditEvent.action == "funnel_exported"))


def test_a_registration_linked_to_next_years_invitation_counts_in_that_year(db, scene):
    """The demo calendar (or a registration just before the new fiscal year) can make the
    account's creation date fall outside the invitation's year: the link decides."""
    _, officer, _, _ = scene
    next_year = make_round(db, fy=2571)
    next_year.opens_on, next_year.closes_on = date(2027, 10, 1), date(2028, 3, 31)
    db.flush()
    later = date(2027, 10, 5)
    invitations.invite(db, officer, _input(contacted_on=later), today=later, now=NOW)
    user = register(
        db, "next.year", "081-111-2222", display_name="นายปีหน้า ทดสอบ", now=NOW, today=later
    )
    linked = db.scalar(select(Invitation).where(Invitation.applicant_user_id == user.id))
    assert linked is not None and linked.fiscal_year == 2571
    f = funnel.funnel(db, officer, province_code="27", fiscal_year=2571, district_code="2701")
    assert (f.total(Stage.INVITED), f.total(Stage.REGISTERED)) == (1, 1)
    assert f.through_invitation(Stage.REGISTERED) == 1
    this_year = funnel.funnel(
        db, officer, province_code="27", fiscal_year=2570, district_code="2701"
    )
    assert this_year.total(Stage.REGISTERED) == 1  # created in 2570 too: a new account of that year


def test_an_account_whose_application_is_in_another_district_counts_only_there(db, scene):
    rnd, officer, other, _ = scene
    user = _register(db, "moved", "086-000-0000")  # account in 2701
    make_application(db, user, rnd, district="2702", name="กลุ่มย้ายอำเภอ")
    db.commit()
    mine = funnel.funnel(db, officer, province_code="27", fiscal_year=2570, district_code="2701")
    theirs = funnel.funnel(db, other, province_code="27", fiscal_year=2570, district_code="2702")
    assert (mine.total(Stage.REGISTERED), theirs.total(Stage.REGISTERED)) == (0, 1)


def test_every_problem_of_the_form_is_told_at_once(db, scene):
    _, officer, _, _ = scene
    empty = invitations.InvitationInput(type=None, name="", phone="12")
    with pytest.raises(InvalidInput) as refused:
        invitations.invite(db, officer, empty, today=TODAY, now=NOW)
    message = refused.value.message
    for part in ("ประเภท", "กรุณากรอกชื่อ", "เบอร์โทรศัพท์", "กรุณากรอกวันที่เชิญ", "วิธีการเชิญ"):
        assert part in message, message


def test_a_day_long_before_the_round_is_refused(db, scene):
    _, officer, _, _ = scene
    with pytest.raises(InvalidInput, match="ต้องไม่ก่อน 1 ตุลาคม 2568"):
        invitations.invite(
            db, officer, _input(contacted_on=date(2025, 9, 30)), today=TODAY, now=NOW
        )
    invitations.invite(db, officer, _input(contacted_on=date(2025, 10, 1)), today=TODAY, now=NOW)


def test_a_second_call_the_same_day_with_its_own_note_is_kept(db, scene):
    _, officer, _, _ = scene
    i = invitations.invite(db, officer, _input(method=ContactMethod.PHONE), today=TODAY, now=NOW)
    for note in ("โทรรอบเช้า ไม่มีผู้รับสาย", "โทรรอบบ่าย นัดประชุมกลุ่มวันศุกร์", "โทรรอบบ่าย นัดประชุมกลุ่มวันศุกร์"):
        invitations.add_contact(
            db,
            officer,
            i.invitation.id,
            contacted_on=date(2026, 11, 20),
            method=ContactMethod.PHONE,
            note=note,
            today=TODAY,
            now=NOW,
        )
    notes = [c.note for c in db.get(Invitation, i.invitation.id).contacts]
    assert notes == [None, "โทรรอบเช้า ไม่มีผู้รับสาย", "โทรรอบบ่าย นัดประชุมกลุ่มวันศุกร์"]
    with pytest.raises(InvalidInput, match="วันที่ติดต่อ"):
        invitations.add_contact(
            db,
            officer,
            i.invitation.id,
            contacted_on=None,
            method=ContactMethod.PHONE,
            note=None,
            today=TODAY,
            now=NOW,
        )


def test_names_typed_with_or_without_spaces_are_the_same_unit(db, scene):
    _, officer, _, _ = scene
    first = invitations.invite(db, officer, _input(phone=None), today=TODAY, now=NOW).invitation
    again = invitations.invite(
        db, officer, _input(name="กลุ่มทอผ้า บ้านหนองบัว", phone=None), today=TODAY, now=NOW
    )
    assert again.invitation.id == first.id and not again.new
    user = _register(db, "spaced", "089-999-9999")
    _start(db, user, "กลุ่ม ทอผ้าบ้าน หนองบัว")
    assert db.get(Invitation, first.id).applicant_user_id == user.id


def test_before_step_1_a_linked_registration_counts_under_its_invitations_type(db, scene):
    _, officer, _, _ = scene
    invitations.invite(
        db, officer, _input(name="นายผู้นำ ทดสอบ", type=ApplicantType.LEADER), today=TODAY, now=NOW
    )
    _register(db, "leader.by.phone", "081-111-2222")
    f = funnel.funnel(db, officer, province_code="27", fiscal_year=2570, district_code="2701")
    assert f.total(Stage.REGISTERED, type_key=ApplicantType.LEADER.value) == 1
    assert f.total(Stage.REGISTERED, type_key="unknown") == 0
