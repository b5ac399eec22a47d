"""A district officer fills in for an applicant without internet; every step is recorded as
"by officer X on behalf of applicant Y", and nobody else can borrow that mode."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from core import schedule
from core.applicant_types import ApplicantType
from core.errors import InvalidInput, PermissionDenied
from core.roles import Role
from core.workflow import Status
from db.models import (
    Applicant,
    AuditEvent,
    Document,
    Notification,
    Round,
    RoundDistrict,
    User,
)
from services import applications, assessments, auth, development, documents, on_behalf
from services.auth import password_matches
from services.development import IndicatorForm
from tests.factories import make_application, make_round, make_user
from tests.journey import (
    ID_KEY,
    PDF,
    assess,
    complete_step_one,
    form_for,
    plan_with_two_indicators,
)

TODAY = date(2026, 11, 24)
NOW = datetime(2026, 11, 24, 3, 0)


@pytest.fixture
def officer(db):
    make_round(db, fy=2570)
    return auth.actor_of(db, make_user(db, Role.DISTRICT_OFFICER, district="2701"))


def _paper(db, officer, **kw):
    args = dict(display_name="นางคำปุน ทองมา", phone="081-234-5678", privacy_informed=True, now=NOW)
    return on_behalf.create_paper_applicant(db, officer, **(args | kw))


@pytest.fixture
def paper(db, officer):
    user, _ = _paper(db, officer)
    return user


def _acting(officer, user):
    return replace(officer, acting_for=user.id)


def _events(db, **where):
    stmt = select(AuditEvent).order_by(AuditEvent.id)
    for name, value in where.items():
        stmt = stmt.where(getattr(AuditEvent, name) == value)
    return list(db.scalars(stmt))


# ------------------------------------------------------------------ the paper applicant's account


def test_the_officer_opens_an_applicant_account_in_their_district_with_a_one_time_password(
    db, officer
):
    user, password = _paper(db, officer, username="khampun")
    assert (user.role, user.username) == (Role.APPLICANT, "khampun")
    assert (user.province_code, user.district_code) == ("27", "2701")
    assert user.created_by_id == officer.user_id
    assert user.privacy_acknowledged_at == NOW
    assert password_matches(password, user.password_hash)
    assert password not in user.password_hash
    assert user.must_change_password is True  # the applicant sets their own at first sign-in
    assert user.phone == "081-234-5678"
    [event] = _events(db, action="paper_applicant_created")
    assert (event.actor_id, event.on_behalf_of_id) == (officer.user_id, user.id)


def test_the_paper_applicants_phone_is_stored_in_one_format(db, officer):
    user, _ = _paper(db, officer, phone="๐๘๙ ๑๒๓ ๔๕๖๗")
    assert user.phone == "089-123-4567"


def test_a_username_is_made_up_when_the_officer_leaves_it_empty(db, officer):
    first, _ = _paper(db, officer)
    second, _ = _paper(db, officer, username="  ")
    assert first.username.startswith("paper2701-")
    assert first.username != second.username
    assert auth.check_username(first.username) == first.username


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"phone": "12345"}, "เบอร์โทรศัพท์"),
        ({"display_name": " "}, "ชื่อ-นามสกุล"),
        ({"privacy_informed": False}, "ประกาศความเป็นส่วนตัว"),
        ({"username": "ก-thai"}, "ชื่อผู้ใช้"),
    ],
)
def test_bad_input_for_a_paper_applicant_is_refused_and_nothing_is_created(
    db, officer, change, message
):
    before = db.scalar(select(func.count(User.id)))
    with pytest.raises(InvalidInput, match=message):
        _paper(db, officer, **change)
    assert db.scalar(select(func.count(User.id))) == before


def test_a_taken_username_is_refused(db, officer):
    _paper(db, officer, username="khampun")
    with pytest.raises(InvalidInput, match="มีผู้ใช้แล้ว"):
        _paper(db, officer, username="KhamPun")


@pytest.mark.parametrize(
    "role", [Role.APPLICANT, Role.ADVISOR, Role.COMMITTEE, Role.PROVINCE_OFFICER]
)
def test_only_a_district_officer_opens_paper_accounts(db, officer, role):
    other = auth.actor_of(
        db, make_user(db, role, district="2701" if role is not Role.PROVINCE_OFFICER else None)
    )
    with pytest.raises(PermissionDenied):
        _paper(db, other)


# ------------------------------------------------------------------ filling in, end to end


def test_the_officer_fills_in_and_sends_the_application_and_every_event_names_both(
    db, officer, paper
):
    assert on_behalf.begin_acting(db, officer, paper.id, now=NOW) == "นางคำปุน ทองมา"
    acting = _acting(officer, paper)
    application = complete_step_one(db, acting, ApplicantType.GROUP, today=TODAY, now=NOW)
    assert application.applicant.owner_id == paper.id
    assert applications.current_application(db, acting).id == application.id
    applications.submit(db, acting, application.id, today=TODAY, now=NOW)
    assert application.status is Status.SUBMITTED

    uploads = db.scalars(select(Document).where(Document.application_id == application.id)).all()
    assert uploads and all(d.uploaded_by_id == officer.user_id for d in uploads)
    events = _events(db, application_id=application.id)
    assert {"application_started", "document_uploaded", "application_submitted"} <= {
        e.action for e in events
    }
    assert {(e.actor_id, e.on_behalf_of_id) for e in events} == {(officer.user_id, paper.id)}
    [started] = _events(db, action="acting_started")
    assert (started.actor_id, started.on_behalf_of_id) == (officer.user_id, paper.id)
    # The owner sees it as their own application when they log in themselves one day.
    owner = auth.actor_of(db, paper)
    assert applications.current_application(db, owner).id == application.id


def test_the_officer_takes_the_paper_applicant_through_the_year_to_the_committee(
    db, officer, paper
):
    acting = _acting(officer, paper)
    application = complete_step_one(db, acting, ApplicantType.LEADER, today=TODAY, now=NOW)
    applications.submit(db, acting, application.id, today=TODAY, now=NOW)
    application.status = Status.ACCEPTED  # the check itself is test_verification's
    db.flush()
    a, b, _ = plan_with_two_indicators(db, acting, application.id, TODAY, NOW)
    for number, day in enumerate(schedule.due_dates(TODAY, 3), start=1):
        assess(db, acting, application.id, number, [a.id, b.id], today=day, now=NOW)
    assessments.save_summary(
        db,
        acting,
        application.id,
        achievements="ทำได้",
        lessons="เรียนรู้",
        next_steps="ทำต่อ",
        mark_done=True,
        expected_version=application.version,
        now=NOW,
    )
    colleague = make_user(db, Role.DISTRICT_OFFICER, district=officer.district_code)
    assessments.submit_to_committee(db, acting, application.id, now=NOW)
    assert application.status is Status.UNDER_REVIEW
    [sent] = _events(db, action="submitted_to_committee")
    assert (sent.actor_id, sent.on_behalf_of_id) == (officer.user_id, paper.id)
    told = set(
        db.scalars(
            select(Notification.user_id).where(
                Notification.kind == "to_committee",
                Notification.application_id == application.id,
            )
        )
    )
    assert colleague.id in told and officer.user_id not in told  # not of their own sending


def test_an_officer_changes_an_applicants_file_only_while_acting_for_them(db, officer, paper):
    application = complete_step_one(
        db, _acting(officer, paper), ApplicantType.GROUP, today=TODAY, now=NOW
    )
    before = len(_events(db, application_id=application.id))
    with pytest.raises(PermissionDenied, match="กรอกแทนผู้สมัคร"):
        applications.submit(db, officer, application.id, today=TODAY, now=NOW)
    with pytest.raises(PermissionDenied, match="กรอกแทนผู้สมัคร"):
        development.save_indicator(db, officer, application.id, IndicatorForm("ไม่ระบุ"), now=NOW)
    assert application.status is Status.DRAFT
    assert len(_events(db, application_id=application.id)) == before
    # Reading and commenting stay the officer's own work, outside acting mode.
    assert applications.the_application(db, officer, application.id).id == application.id


def test_starting_an_application_in_another_district_on_behalf_is_refused(db, officer, paper):
    acting = _acting(officer, paper)
    before = db.scalar(select(func.count(Applicant.id)))
    with pytest.raises(InvalidInput, match="อำเภอเมืองสระแก้ว"):
        applications.start(
            db, acting, form_for(ApplicantType.GROUP, "2706"), id_key=ID_KEY, today=TODAY, now=NOW
        )
    assert db.scalar(select(func.count(Applicant.id))) == before


def test_moving_the_application_to_another_district_on_behalf_is_refused(db, officer, paper):
    rnd = db.scalar(select(Round))
    rnd.districts.append(RoundDistrict(district_code="2706"))
    db.flush()
    acting = _acting(officer, paper)
    application = applications.start(
        db, acting, form_for(ApplicantType.GROUP), id_key=ID_KEY, today=TODAY, now=NOW
    )
    with pytest.raises(InvalidInput, match="อำเภอของคุณ"):
        applications.update(
            db,
            acting,
            application.id,
            form_for(ApplicantType.GROUP, "2706"),
            expected_version=application.version,
            id_key=ID_KEY,
            today=TODAY,
            now=NOW,
        )
    assert application.applicant.district_code == "2701"


# ------------------------------------------------------------------ who may act, for whom


def test_an_officer_of_another_district_cannot_act_for_the_paper_applicant(db, officer, paper):
    aran = auth.actor_of(db, make_user(db, Role.DISTRICT_OFFICER, district="2706"))
    with pytest.raises(PermissionDenied):
        on_behalf.begin_acting(db, aran, paper.id, now=NOW)
    with pytest.raises(PermissionDenied):
        applications.start(
            db,
            _acting(aran, paper),
            form_for(ApplicantType.GROUP, "2706"),
            id_key=ID_KEY,
            today=TODAY,
            now=NOW,
        )
    assert on_behalf.acting_name(db, aran, paper.id) is None
    assert paper.id not in {p.user_id for p in on_behalf.paper_applicants(db, aran)}
    assert not _events(db, action="acting_started")


def test_an_officer_of_another_district_cannot_touch_the_application_while_acting(
    db, officer, paper
):
    application = complete_step_one(
        db, _acting(officer, paper), ApplicantType.GROUP, today=TODAY, now=NOW
    )
    aran = auth.actor_of(db, make_user(db, Role.DISTRICT_OFFICER, district="2706"))
    with pytest.raises(PermissionDenied):
        applications.submit(db, _acting(aran, paper), application.id, today=TODAY, now=NOW)
    with pytest.raises(PermissionDenied):
        applications.current_application(db, _acting(aran, paper))


def test_acting_for_one_applicant_gives_no_access_to_another_applicants_application(
    db, officer, paper
):
    neighbour = make_user(db)
    other = make_application(db, neighbour, make_round(db, fy=2571), name="กลุ่มข้างบ้าน")
    acting = _acting(officer, paper)
    with pytest.raises(PermissionDenied, match="ไม่ใช่ของผู้สมัครที่คุณกำลังกรอกแทน"):
        applications.the_application(db, acting, other.id)
    with pytest.raises(PermissionDenied):
        development.save_indicator(db, acting, other.id, IndicatorForm("แอบแก้"), now=NOW)
    with pytest.raises(PermissionDenied):
        documents.upload_requirement(
            db, acting, other.id, "application_form", "f.pdf", PDF, now=NOW
        )
    # Without acting, the same officer still sees that district applicant as before.
    assert applications.the_application(db, officer, other.id).id == other.id


@pytest.mark.parametrize("role", [Role.ADVISOR, Role.COMMITTEE, Role.APPLICANT])
def test_nobody_but_an_officer_may_carry_acting_for(db, officer, paper, role):
    application = complete_step_one(
        db, _acting(officer, paper), ApplicantType.GROUP, today=TODAY, now=NOW
    )
    intruder = auth.actor_of(db, make_user(db, role, district="2701"))
    borrowed = replace(intruder, acting_for=paper.id)
    with pytest.raises(PermissionDenied):
        applications.the_application(db, borrowed, application.id)
    with pytest.raises(PermissionDenied):
        applications.submit(db, borrowed, application.id, today=TODAY, now=NOW)
    with pytest.raises(PermissionDenied):
        applications.current_application(db, borrowed)
    with pytest.raises(PermissionDenied):
        on_behalf.begin_acting(db, intruder, paper.id, now=NOW)
    assert application.status is Status.DRAFT


def test_an_officer_cannot_act_for_a_staff_account(db, officer):
    committee = make_user(db, Role.COMMITTEE, district="2701")
    with pytest.raises(PermissionDenied):
        on_behalf.begin_acting(db, officer, committee.id, now=NOW)
    with pytest.raises(PermissionDenied):
        applications.start(
            db,
            replace(officer, acting_for=committee.id),
            form_for(ApplicantType.GROUP),
            id_key=ID_KEY,
            today=TODAY,
            now=NOW,
        )


def test_the_officer_may_act_for_online_applicants_of_the_district_and_their_own_paper_ones(
    db, officer, paper
):
    online = make_user(db)
    make_application(db, online, make_round(db, fy=2571), name="กลุ่มออนไลน์")
    elsewhere = make_user(db, district="2706")
    make_application(db, elsewhere, make_round(db, fy=2572), district="2706", name="กลุ่มอรัญ")
    registered_only = make_user(db)  # registered online in 2701, no application yet
    listed = {p.user_id: p for p in on_behalf.paper_applicants(db, officer)}
    assert set(listed) == {paper.id, online.id}
    assert listed[online.id].applicant_name == "กลุ่มออนไลน์"
    assert listed[paper.id].status is None
    assert registered_only.id not in listed


def test_acting_is_dropped_when_the_account_is_closed(db, officer, paper):
    assert on_behalf.acting_name(db, officer, paper.id) == "นางคำปุน ทองมา"
    paper.active = False
    db.flush()
    assert on_behalf.acting_name(db, officer, paper.id) is None


def test_stopping_is_recorded_too(db, officer, paper):
    on_behalf.stop_acting(db, _acting(officer, paper), now=NOW)
    [stopped] = _events(db, action="acting_stopped")
    assert (stopped.actor_id, stopped.on_behalf_of_id) == (officer.user_id, paper.id)


# ------------------------------------------------------------------ the online applicant


def test_an_online_applicant_is_unaffected(db, officer):
    owner = auth.actor_of(db, make_user(db))
    application = complete_step_one(db, owner, ApplicantType.GROUP, today=TODAY, now=NOW)
    applications.submit(db, owner, application.id, today=TODAY, now=NOW)
    events = _events(db, application_id=application.id)
    assert events and all(e.actor_id == owner.user_id for e in events)
    assert all(e.on_behalf_of_id is None for e in events)
    assert applications.current_application(db, officer) is None
