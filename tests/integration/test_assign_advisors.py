"""The district officer assigns advisors: an existing account, or a new person invited."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from core.errors import InvalidInput, NotFound, PermissionDenied
from core.roles import Role
from core.workflow import Status
from db.models import Advisor, AuditEvent, Indicator, Notification, User
from services import advisors, auth, comments, home
from services.auth import password_matches
from tests.factories import make_application, make_round, make_user

TODAY = date(2026, 11, 24)
NOW = datetime(2026, 11, 24, 3, 0)


@pytest.fixture
def world(db):
    rnd = make_round(db, fy=2570)
    owner = make_user(db)
    application = make_application(db, owner, rnd, status=Status.ACCEPTED, name="กลุ่มทอผ้า")
    officer = auth.actor_of(db, make_user(db, Role.DISTRICT_OFFICER, district="2701"))
    return rnd, owner, application, officer


def _advisor(db, *, district=None, created_by=None, name="นายที่ปรึกษา ดีมาก"):
    user = make_user(db, Role.ADVISOR, district=district, province="27" if district else None)
    user.display_name, user.created_by_id, user.phone = name, created_by, "0899999999"
    db.flush()
    return user


def _invite(db, officer, application, **kw):
    args = dict(
        name="อาจารย์สมศรี ใจงาม",
        contact="0811111111",
        inside_community=False,
        username="somsri",
        now=NOW,
    )
    return advisors.invite(db, officer, application.id, **(args | kw))


def _notified(db, user_id):
    return list(db.scalars(select(Notification.title).where(Notification.user_id == user_id)))


def test_the_officer_assigns_an_advisor_account_of_the_district(db, world):
    _, owner, application, officer = world
    adviser = _advisor(db, district="2701")
    assert [a.user_id for a in advisors.advisor_accounts(db, officer)] == [adviser.id]
    row = advisors.assign_existing(db, officer, application.id, adviser.id, now=NOW)
    assert (row.application_id, row.user_id, row.name) == (
        application.id,
        adviser.id,
        "นายที่ปรึกษา ดีมาก",
    )
    assert any("กลุ่มทอผ้า" in t for t in _notified(db, adviser.id))
    assert any("นายที่ปรึกษา ดีมาก" in t for t in _notified(db, owner.id))
    [event] = db.scalars(select(AuditEvent).where(AuditEvent.action == "advisor_assigned"))
    assert (event.actor_id, event.application_id, event.entity_id) == (
        officer.user_id,
        application.id,
        row.id,
    )


def test_the_assigned_advisor_then_sees_the_application_and_comments(db, world):
    _, owner, application, officer = world
    adviser = _advisor(db, district="2701")
    advisors.assign_existing(db, officer, application.id, adviser.id, now=NOW)
    indicator = Indicator(application_id=application.id, title="สมาชิกประชุมทุกเดือน")
    db.add(indicator)
    db.flush()
    as_advisor = auth.actor_of(db, adviser)
    rows = home.advisor_home(db, as_advisor, TODAY)
    assert [r.application_id for r in rows] == [application.id]
    comments.start_thread(
        db,
        as_advisor,
        application.id,
        target_kind="indicator",
        target_id=indicator.id,
        body="ลองกำหนดเป้าหมายเป็นตัวเลข",
        now=NOW,
    )
    assert any("ความเห็นใหม่" in t for t in _notified(db, owner.id))


def test_advisors_the_officer_may_pick(db, world):
    _, _, application, officer = world
    placed_here = _advisor(db, district="2701", name="ก ในอำเภอ")
    invited_by_applicant = _advisor(db, created_by=make_user(db).id, name="ข เชิญโดยผู้สมัคร")
    already_advising = _advisor(db, name="ค ปรึกษาอยู่แล้ว")
    db.add(Advisor(application_id=application.id, name="ค", user_id=already_advising.id))
    _advisor(db, district="2706", name="ง อรัญ")
    _advisor(db, created_by=make_user(db, district="2706").id, name="จ เชิญโดยผู้สมัครอรัญ")
    far = _advisor(db, name="ฉ ปรึกษาอำเภออื่น")
    aran = make_application(
        db, make_user(db, district="2706"), make_round(db, fy=2571), district="2706"
    )
    db.add(Advisor(application_id=aran.id, name="ฉ", user_id=far.id))
    inactive = _advisor(db, district="2701", name="ช ปิดบัญชี")
    inactive.active = False
    db.flush()
    picked = {a.user_id for a in advisors.advisor_accounts(db, officer)}
    assert picked == {placed_here.id, invited_by_applicant.id, already_advising.id}


def test_an_advisor_of_another_district_cannot_be_assigned(db, world):
    _, _, application, officer = world
    aran_advisor = _advisor(db, district="2706")
    with pytest.raises(InvalidInput, match="อำเภอนี้"):
        advisors.assign_existing(db, officer, application.id, aran_advisor.id, now=NOW)
    assert not application.advisors


@pytest.mark.parametrize("role", [Role.APPLICANT, Role.COMMITTEE])
def test_a_non_advisor_account_cannot_be_assigned(db, world, role):
    _, _, application, officer = world
    someone = make_user(db, role, district="2701")
    with pytest.raises(InvalidInput):
        advisors.assign_existing(db, officer, application.id, someone.id, now=NOW)


def test_the_same_advisor_twice_is_refused(db, world):
    _, _, application, officer = world
    adviser = _advisor(db, district="2701")
    advisors.assign_existing(db, officer, application.id, adviser.id, now=NOW)
    with pytest.raises(InvalidInput, match="อยู่แล้ว"):
        advisors.assign_existing(db, officer, application.id, adviser.id, now=NOW)
    assert db.scalar(select(func.count(Advisor.id))) == 1


def test_the_officer_invites_a_new_advisor_who_gets_a_district_account(db, world):
    _, owner, application, officer = world
    password = _invite(db, officer, application)
    user = db.scalar(select(User).where(User.username == "somsri"))
    assert (user.role, user.district_code, user.created_by_id) == (
        Role.ADVISOR,
        "2701",
        officer.user_id,
    )
    assert password_matches(password, user.password_hash)
    assert user.must_change_password is True  # set by the officer: one-time
    assert user.phone == "081-111-1111"
    [row] = application.advisors
    assert row.contact == "081-111-1111"
    assert (row.name, row.user_id, row.inside_community) == ("อาจารย์สมศรี ใจงาม", user.id, False)
    assert _notified(db, user.id) and _notified(db, owner.id)
    assert [a.application_id for a in home.advisor_home(db, auth.actor_of(db, user), TODAY)] == [
        application.id
    ]
    assert user.id in {a.user_id for a in advisors.advisor_accounts(db, officer)}


def test_an_invited_advisor_with_an_email_keeps_it_as_email(db, world):
    _, _, application, officer = world
    _invite(db, officer, application, contact="somsri@example.org")
    user = db.scalar(select(User).where(User.username == "somsri"))
    assert (user.email, user.phone) == ("somsri@example.org", None)


def test_an_invited_advisors_phone_in_thai_digits_is_stored_in_one_format(db, world):
    _, _, application, officer = world
    _invite(db, officer, application, contact="๐๒ ๑๒๓ ๔๕๖๗")
    user = db.scalar(select(User).where(User.username == "somsri"))
    assert (user.phone, user.email) == ("02-123-4567", None)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"name": "  "}, "ชื่อที่ปรึกษา"),
        ({"contact": ""}, "ช่องทางติดต่อ"),
        ({"contact": "โทรหาที่ อบต."}, "เช่น 081-234-5678"),
        ({"contact": "12345"}, "เบอร์โทรศัพท์ไม่ถูกต้อง"),
        ({"contact": "somsri@"}, "อีเมลของที่ปรึกษาไม่ถูกต้อง"),
        ({"username": "ก"}, "ชื่อผู้ใช้"),
    ],
)
def test_a_bad_invitation_is_refused_and_nothing_is_created(db, world, change, message):
    _, _, application, officer = world
    users_before = db.scalar(select(func.count(User.id)))
    with pytest.raises(InvalidInput, match=message):
        _invite(db, officer, application, **change)
    assert db.scalar(select(func.count(User.id))) == users_before
    assert db.scalar(select(func.count(Advisor.id))) == 0


def test_a_taken_username_is_refused(db, world):
    _, _, application, officer = world
    make_user(db, username="somsri")
    with pytest.raises(InvalidInput, match="มีผู้ใช้แล้ว"):
        _invite(db, officer, application)


def test_an_officer_of_another_district_is_refused(db, world):
    _, _, application, _ = world
    aran = auth.actor_of(db, make_user(db, Role.DISTRICT_OFFICER, district="2706"))
    adviser = _advisor(db, district="2706")
    with pytest.raises(PermissionDenied):
        advisors.assign_existing(db, aran, application.id, adviser.id, now=NOW)
    with pytest.raises(PermissionDenied):
        _invite(db, aran, application)
    assert not application.advisors
    assert db.scalar(select(User).where(User.username == "somsri")) is None


@pytest.mark.parametrize(
    "role", [Role.APPLICANT, Role.ADVISOR, Role.COMMITTEE, Role.PROVINCE_OFFICER]
)
def test_other_roles_cannot_assign_advisors(db, world, role):
    _, owner, application, _ = world
    user = owner if role is Role.APPLICANT else make_user(db, role, district="2701")
    actor = auth.actor_of(db, user)
    adviser = _advisor(db, district="2701")
    with pytest.raises(PermissionDenied):
        advisors.assign_existing(db, actor, application.id, adviser.id, now=NOW)
    with pytest.raises(PermissionDenied):
        _invite(db, actor, application)
    with pytest.raises(PermissionDenied):
        advisors.advisor_accounts(db, actor)
    assert not application.advisors


@pytest.mark.parametrize("status", [Status.UNDER_REVIEW, Status.PASSED, Status.CERTIFIED])
def test_no_assignment_once_the_file_is_with_the_committee_or_decided(db, world, status):
    _, _, application, officer = world
    application.status = status
    db.flush()
    with pytest.raises(InvalidInput, match="มอบหมายที่ปรึกษาได้เฉพาะ"):
        _invite(db, officer, application)


def test_the_officer_removes_an_advisor_and_both_are_told(db, world):
    _, owner, application, officer = world
    adviser = _advisor(db, district="2701")
    row = advisors.assign_existing(db, officer, application.id, adviser.id, now=NOW)
    advisors.remove(db, officer, application.id, row.id, now=NOW)
    assert not application.advisors
    assert home.advisor_home(db, auth.actor_of(db, adviser), TODAY) == []
    assert any("ยกเลิก" in t for t in _notified(db, adviser.id))
    assert any("ยกเลิก" in t for t in _notified(db, owner.id))
    removed = db.scalar(select(AuditEvent).where(AuditEvent.action == "advisor_removed"))
    assert removed.actor_id == officer.user_id


def test_removing_an_advisor_of_another_application_is_not_found(db, world):
    _, _, application, officer = world
    other = make_application(db, make_user(db), make_round(db, fy=2571), name="กลุ่มอื่น")
    row = Advisor(application_id=other.id, name="คนอื่น")
    db.add(row)
    db.flush()
    with pytest.raises(NotFound):
        advisors.remove(db, officer, application.id, row.id, now=NOW)
    assert db.get(Advisor, row.id) is not None


def test_open_applications_leave_out_the_ones_with_the_committee(db, world):
    rnd, _, application, officer = world
    make_application(db, make_user(db), rnd, status=Status.UNDER_REVIEW, name="กลุ่มรอพิจารณา")
    rows = advisors.open_applications(db, officer, TODAY)
    assert [r.application_id for r in rows] == [application.id]
