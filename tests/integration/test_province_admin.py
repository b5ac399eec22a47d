"""The province office: rounds, district offices and chairs, staff accounts."""

from __future__ import annotations

from dataclasses import fields
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from core.errors import InvalidInput, LoginFailed, NotFound, PermissionDenied, StaleData
from core.roles import Role
from db.models import AuditEvent, DistrictOffice, Round, User
from services import auth, offices, rounds, rounds_admin, staff
from tests.factories import PASSWORD, make_application, make_chair, make_round, make_user

TODAY = date(2026, 11, 24)  # fiscal year 2570
NOW = datetime(2026, 11, 24, 3, 0)
MUANG, ARAN = "2701", "2706"
POLICY = auth.Lockout()


@pytest.fixture
def province(db):
    return auth.actor_of(db, make_user(db, Role.PROVINCE_OFFICER, district=None))


@pytest.fixture
def other_province(db):
    return auth.actor_of(db, make_user(db, Role.PROVINCE_OFFICER, province="25", district=None))


def _open(db, actor, **kw):
    args = (
        dict(
            fiscal_year=2571,
            opens_on=date(2027, 10, 1),
            closes_on=date(2028, 3, 31),
            cadence_months=6,
            district_codes=[MUANG, ARAN],
            today=TODAY,
            now=NOW,
        )
        | kw
    )
    return rounds_admin.open_round(db, actor, **args)


def _update(db, actor, r, **kw):
    args = (
        dict(
            opens_on=r.opens_on,
            closes_on=r.closes_on,
            cadence_months=r.cadence_months,
            district_codes=[d.district_code for d in r.districts],
            expected_stamp=rounds_admin.round_stamp(r),
            today=TODAY,
            now=NOW,
        )
        | kw
    )
    return rounds_admin.update_round(db, actor, r.id, **args)


def _events(db, action: str) -> int:
    return db.scalar(select(func.count(AuditEvent.id)).where(AuditEvent.action == action))


def _rounds(db) -> int:
    return db.scalar(select(func.count(Round.id)))


def _epoch(dt: datetime) -> float:
    return dt.replace(tzinfo=UTC).timestamp()


# ---- rounds ----


def test_the_province_opens_next_years_round_for_the_districts_it_chose(db, province):
    r = _open(db, province)
    [row] = rounds_admin.list_rounds(db, province, today=TODAY)
    assert row.info.id == r.id and row.info.fiscal_year == 2571
    assert row.info.district_codes == (MUANG, ARAN)
    assert row.info.cadence_months == 6
    assert row.info.phase is rounds.RoundPhase.FUTURE
    assert row.applications == 0
    assert r.province_code == "27" and r.created_by_id == province.user_id
    assert _events(db, "round_opened") == 1


def test_only_one_round_per_province_and_fiscal_year(db, province):
    make_round(db, fy=2570)
    with pytest.raises(InvalidInput, match="ปีงบประมาณ 2570 มีรอบการดำเนินงานอยู่แล้ว"):
        _open(db, province, fiscal_year=2570, opens_on=TODAY, closes_on=date(2027, 3, 31))
    assert _rounds(db) == 1
    assert rounds_admin.years_to_open(db, province, today=TODAY) == [2571]


def test_another_province_may_open_the_same_fiscal_year(db, other_province):
    make_round(db, fy=2571)
    r = _open(db, other_province, district_codes=["2501"])
    assert r.province_code == "25"


@pytest.mark.parametrize(
    ("opens_on", "closes_on", "message"),
    [
        (date(2027, 9, 30), date(2028, 3, 31), "ต้องอยู่ภายในปีงบประมาณ 2571"),
        (date(2027, 10, 1), date(2028, 10, 1), "ต้องอยู่ภายในปีงบประมาณ 2571"),
        (date(2028, 3, 31), date(2027, 10, 1), "วันเปิดรับสมัครต้องไม่อยู่หลังวันปิดรับสมัคร"),
        (None, date(2028, 3, 31), "กรุณากรอกทั้งวันเปิดและวันปิดรับสมัคร"),
    ],
)
def test_the_window_must_lie_inside_its_fiscal_year(db, province, opens_on, closes_on, message):
    with pytest.raises(InvalidInput, match=message):
        _open(db, province, opens_on=opens_on, closes_on=closes_on)
    assert _rounds(db) == 0


def test_a_window_that_is_already_over_is_refused(db, province):
    with pytest.raises(InvalidInput, match="วันปิดรับสมัครผ่านมาแล้ว"):
        _open(
            db,
            province,
            fiscal_year=2570,
            opens_on=date(2026, 10, 1),
            closes_on=TODAY - timedelta(days=1),
        )


@pytest.mark.parametrize("fy", [2569, 2572, 2027])
def test_only_this_or_next_fiscal_year_can_be_opened(db, province, fy):
    with pytest.raises(InvalidInput, match="เปิดรอบได้เฉพาะปีงบประมาณ 2570 หรือปีงบประมาณ 2571"):
        _open(db, province, fiscal_year=fy)


def test_the_cadence_is_every_three_or_six_months(db, province):
    with pytest.raises(InvalidInput, match="ทุก 3 เดือน หรือทุก 6 เดือน"):
        _open(db, province, cadence_months=4)


def test_at_least_one_district_of_the_province_takes_part(db, province):
    with pytest.raises(InvalidInput, match="อย่างน้อยหนึ่งอำเภอ"):
        _open(db, province, district_codes=[])
    with pytest.raises(InvalidInput, match="เฉพาะอำเภอในจังหวัดสระแก้ว"):
        _open(db, province, district_codes=[MUANG, "2501"])
    assert _rounds(db) == 0


def test_dates_and_districts_can_change_and_the_change_is_audited(db, province):
    r = _open(db, province)
    _update(db, province, r, closes_on=date(2028, 5, 31), district_codes=["2703"], cadence_months=3)
    [row] = rounds_admin.list_rounds(db, province, today=TODAY)
    assert row.info.closes_on == date(2028, 5, 31)
    assert row.info.district_codes == ("2703",)
    assert row.info.cadence_months == 3
    assert _events(db, "round_updated") == 1


def test_saving_an_unchanged_round_writes_nothing(db, province):
    r = _open(db, province)
    _update(db, province, r)
    assert _events(db, "round_updated") == 0


def test_a_round_changed_in_another_tab_is_not_overwritten(db, province):
    r = _open(db, province)
    seen = rounds_admin.round_stamp(r)
    _update(db, province, r, closes_on=date(2028, 4, 30))
    with pytest.raises(StaleData):
        _update(db, province, r, closes_on=date(2028, 6, 30), expected_stamp=seen)
    assert r.closes_on == date(2028, 4, 30)


def test_the_cadence_is_fixed_once_anyone_applied(db, province):
    r = make_round(db, fy=2570, cadence=3)
    make_application(db, make_user(db), r)
    with pytest.raises(InvalidInput, match="มีใบสมัครแล้ว 1 ราย จึงเปลี่ยนความถี่"):
        _update(db, province, r, cadence_months=6)
    assert r.cadence_months == 3
    _update(db, province, r, closes_on=date(2027, 4, 30))  # the dates still move
    assert r.closes_on == date(2027, 4, 30)


def test_a_district_with_applications_cannot_leave_the_round(db, province):
    r = make_round(db, fy=2570)
    _update(db, province, r, district_codes=[MUANG, ARAN, "2703"])
    for _ in range(2):
        make_application(db, make_user(db), r, district=MUANG)
    with pytest.raises(InvalidInput, match="อำเภอเมืองสระแก้ว 2 ราย"):
        _update(db, province, r, district_codes=[ARAN])
    _update(db, province, r, district_codes=[MUANG])  # the districts without applications go
    assert [d.district_code for d in r.districts] == [MUANG]


def test_closing_twice_is_the_same_as_closing_once(db, province):
    r = make_round(db, fy=2570)
    rounds_admin.close_round(db, province, r.id, now=NOW)
    again = rounds_admin.close_round(db, province, r.id, now=NOW + timedelta(seconds=2))
    assert again.closed_at == NOW
    assert _events(db, "round_closed") == 1
    assert rounds.current_round(db, "27", TODAY).phase is rounds.RoundPhase.CLOSED


def test_a_closed_round_is_not_edited_until_reopened(db, province):
    r = make_round(db, fy=2570)
    rounds_admin.close_round(db, province, r.id, now=NOW)
    with pytest.raises(InvalidInput, match="ปิดรับสมัครแล้ว"):
        _update(db, province, r, closes_on=date(2027, 5, 31))
    rounds_admin.reopen_round(db, province, r.id, today=TODAY, now=NOW)
    assert r.closed_at is None
    assert rounds.current_round(db, "27", TODAY).phase is rounds.RoundPhase.OPEN
    _update(db, province, r, closes_on=date(2027, 5, 31))
    assert r.closes_on == date(2027, 5, 31)


def test_last_years_round_is_not_reopened(db, province):
    r = make_round(db, fy=2569)
    rounds_admin.close_round(db, province, r.id, now=NOW)
    with pytest.raises(InvalidInput, match="ปีงบประมาณที่ผ่านมาแล้ว"):
        rounds_admin.reopen_round(db, province, r.id, today=TODAY, now=NOW)
    assert r.closed_at == NOW


def test_another_provinces_officer_cannot_touch_our_rounds(db, other_province):
    r = make_round(db, fy=2570)
    with pytest.raises(PermissionDenied):
        rounds_admin.close_round(db, other_province, r.id, now=NOW)
    with pytest.raises(PermissionDenied):
        _update(db, other_province, r, closes_on=date(2027, 5, 31))
    with pytest.raises(PermissionDenied):
        rounds_admin.reopen_round(db, other_province, r.id, today=TODAY, now=NOW)
    with pytest.raises(InvalidInput, match="เฉพาะอำเภอในจังหวัดปราจีนบุรี"):
        _open(db, other_province, district_codes=[MUANG])  # its own round, not with our districts
    assert rounds_admin.list_rounds(db, other_province, today=TODAY) == []
    assert r.closed_at is None


@pytest.mark.parametrize(
    ("role", "district"),
    [
        (Role.DISTRICT_OFFICER, MUANG),
        (Role.COMMITTEE, MUANG),
        (Role.APPLICANT, MUANG),
        (Role.ADVISOR, None),
    ],
)
def test_only_the_province_office_manages_rounds_and_people(db, role, district):
    r = make_round(db, fy=2570)
    member = make_user(db, Role.COMMITTEE)
    actor = auth.actor_of(db, make_user(db, role, district=district))
    attempts = [
        lambda: _open(db, actor),
        lambda: rounds_admin.close_round(db, actor, r.id, now=NOW),
        lambda: rounds_admin.list_rounds(db, actor, today=TODAY),
        lambda: offices.set_chair(db, actor, MUANG, member.id, now=NOW),
        lambda: staff.deactivate(db, actor, member.id, now=NOW),
        lambda: staff.reset_password(db, actor, member.id, now=NOW),
        lambda: staff.staff_of_district(db, actor, MUANG),
        lambda: offices.update_office(
            db, actor, MUANG, office_name="สำนักงาน", phone=None, address=None, now=NOW
        ),
        lambda: staff.create_staff(
            db,
            actor,
            username="new-officer",
            display_name="นายใหม่ ทดสอบ",
            role=Role.DISTRICT_OFFICER,
            district_code=MUANG,
            email=None,
            phone=None,
            now=NOW,
        ),
    ]
    for attempt in attempts:
        with pytest.raises(PermissionDenied):
            attempt()
    assert r.closed_at is None and member.active
    assert auth.find_user(db, "new-officer") is None


def test_an_unknown_round_is_not_found(db, province):
    with pytest.raises(NotFound):
        rounds_admin.close_round(db, province, 999_999, now=NOW)


# ---- staff accounts ----


def _create(db, actor, **kw):
    args = (
        dict(
            username="Officer.Klonghat",
            display_name="นางสาวสมศรี  ขยันงาน",
            role=Role.DISTRICT_OFFICER,
            district_code="2702",
            email="somsri@example.go.th",
            phone="๐๘๑-๒๓๔-๕๖๗๘",
            now=NOW,
        )
        | kw
    )
    return staff.create_staff(db, actor, **args)


def test_a_new_officer_logs_in_with_the_one_time_password(db, province):
    made = _create(db, province)
    assert made.username == "officer.klonghat"
    assert "hash" not in {f.name for f in fields(made)}
    user = auth.authenticate(db, "officer.klonghat", made.password, now=NOW, policy=POLICY)
    assert user.id == made.user_id
    assert (user.role, user.province_code, user.district_code) == (
        Role.DISTRICT_OFFICER,
        "27",
        "2702",
    )
    assert user.display_name == "นางสาวสมศรี ขยันงาน"
    assert user.created_by_id == province.user_id
    assert _events(db, "user_created") == 1


def test_each_account_gets_its_own_password(db, province):
    first = _create(db, province)
    second = _create(db, province, username="member-2702", role=Role.COMMITTEE)
    assert first.password != second.password
    assert len(first.password) >= 12


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"role": Role.PROVINCE_OFFICER}, "เฉพาะบัญชีพัฒนากรและกรรมการ"),
        ({"role": Role.APPLICANT}, "เฉพาะบัญชีพัฒนากรและกรรมการ"),
        ({"email": "somsri-at-example"}, "รูปแบบอีเมลไม่ถูกต้อง"),
        ({"phone": "12345"}, "เบอร์โทรศัพท์ไม่ถูกต้อง"),
        ({"username": "ก"}, "ชื่อผู้ใช้ต้องยาว"),
        ({"display_name": " "}, "กรุณากรอกชื่อ-นามสกุล"),
        ({"district_code": "2799"}, "กรุณาเลือกอำเภอให้ถูกต้อง"),
    ],
)
def test_a_bad_account_form_creates_nothing(db, province, change, message):
    users_before = db.scalar(select(func.count(User.id)))
    with pytest.raises(InvalidInput, match=message):
        _create(db, province, **change)
    assert db.scalar(select(func.count(User.id))) == users_before


def test_a_taken_username_is_refused(db, province):
    make_user(db, username="officer.klonghat")
    with pytest.raises(InvalidInput, match="มีผู้ใช้แล้ว"):
        _create(db, province)


def test_no_account_in_another_provinces_district(db, province):
    with pytest.raises(PermissionDenied):
        _create(db, province, district_code="2501")


def test_a_deactivated_officer_is_signed_out_and_cannot_log_in(db, province):
    officer = make_user(db, Role.DISTRICT_OFFICER, username="officer-a")
    login = _epoch(NOW - timedelta(hours=1))
    assert auth.session_user(db, officer.id, login) is not None
    staff.deactivate(db, province, officer.id, now=NOW)
    assert auth.session_user(db, officer.id, login) is None
    with pytest.raises(LoginFailed):
        auth.authenticate(db, "officer-a", PASSWORD, now=NOW, policy=POLICY)
    assert _events(db, "user_deactivated") == 1


def test_deactivating_the_chair_leaves_the_committee_without_one(db, province):
    chair = make_user(db, Role.COMMITTEE)
    make_chair(db, chair)
    result = staff.deactivate(db, province, chair.id, now=NOW)
    assert result.was_chair
    assert db.get(DistrictOffice, MUANG).chair_user_id is None
    again = staff.deactivate(db, province, chair.id, now=NOW)
    assert not again.was_chair
    assert _events(db, "user_deactivated") == 1


def test_no_one_deactivates_themselves(db, province):
    with pytest.raises(InvalidInput, match="บัญชีของตนเอง"):
        staff.deactivate(db, province, province.user_id, now=NOW)
    with pytest.raises(InvalidInput, match="บัญชีของฉัน"):
        staff.reset_password(db, province, province.user_id, now=NOW)


def test_applicants_are_not_managed_here(db, province):
    applicant = make_user(db, Role.APPLICANT)
    with pytest.raises(InvalidInput, match="เฉพาะบัญชีพัฒนากรและกรรมการ"):
        staff.deactivate(db, province, applicant.id, now=NOW)
    assert applicant.active


def test_another_provinces_officer_cannot_touch_our_staff(db, other_province):
    officer = make_user(db, Role.DISTRICT_OFFICER)
    with pytest.raises(PermissionDenied):
        staff.deactivate(db, other_province, officer.id, now=NOW)
    with pytest.raises(PermissionDenied):
        staff.reset_password(db, other_province, officer.id, now=NOW)
    with pytest.raises(PermissionDenied):
        staff.reactivate(db, other_province, officer.id, now=NOW)
    with pytest.raises(PermissionDenied):
        staff.staff_of_district(db, other_province, MUANG)
    assert officer.active


def test_a_reactivated_member_logs_in_again_but_old_logins_stay_revoked(db, province):
    member = make_user(db, Role.COMMITTEE, username="member-a")
    make_chair(db, member)
    login = _epoch(NOW - timedelta(hours=1))
    staff.deactivate(db, province, member.id, now=NOW)
    later = NOW + timedelta(minutes=5)
    staff.reactivate(db, province, member.id, now=later)
    assert member.active
    assert auth.session_user(db, member.id, login) is None
    assert auth.authenticate(db, "member-a", PASSWORD, now=later, policy=POLICY).id == member.id
    assert not auth.actor_of(db, member).is_chair  # chosen again, if at all


def test_a_reset_password_works_and_the_old_one_does_not(db, province):
    officer = make_user(db, Role.DISTRICT_OFFICER, username="officer-b")
    officer.failed_logins, officer.failed_window_start = 5, NOW - timedelta(minutes=1)
    login = _epoch(NOW - timedelta(hours=1))
    made = staff.reset_password(db, province, officer.id, now=NOW)
    assert auth.session_user(db, officer.id, login) is None
    assert officer.failed_logins == 0  # the lockout is lifted with the new password
    with pytest.raises(LoginFailed):
        auth.authenticate(db, "officer-b", PASSWORD, now=NOW, policy=POLICY)
    assert auth.authenticate(db, "officer-b", made.password, now=NOW, policy=POLICY).id == (
        officer.id
    )
    assert officer.must_change_password  # the reset password is for the first sign-in only
    assert _events(db, "password_reset") == 1


# ---- committee chairs and district offices ----


def test_the_chosen_chair_is_chair_on_their_next_run(db, province):
    old, new = make_user(db, Role.COMMITTEE), make_user(db, Role.COMMITTEE)
    make_chair(db, old)
    login = _epoch(NOW - timedelta(hours=1))
    offices.set_chair(db, province, MUANG, new.id, now=NOW)
    assert auth.session_user(db, new.id, login).actor.is_chair
    assert not auth.session_user(db, old.id, login).actor.is_chair
    rows = {r.user_id: r for r in staff.staff_of_district(db, province, MUANG)}
    assert rows[new.id].is_chair and not rows[old.id].is_chair
    assert _events(db, "chair_set") == 1


def test_a_district_without_an_office_row_gets_one_with_its_chair(db, province):
    member = make_user(db, Role.COMMITTEE, district="2703")
    info = offices.set_chair(db, province, "2703", member.id, now=NOW)
    assert info.chair_user_id == member.id
    assert info.office_name == "สำนักงานพัฒนาชุมชนอำเภอตาพระยา"


@pytest.mark.parametrize(
    ("who", "message"),
    [
        ("other_district", "ต้องเป็นกรรมการ มชช. ของอำเภอนี้"),
        ("officer", "ต้องเป็นกรรมการ มชช. ของอำเภอนี้"),
        ("deactivated", "ถูกปิดใช้งานแล้ว"),
    ],
)
def test_the_chair_is_an_active_member_of_that_districts_committee(db, province, who, message):
    chair = make_user(db, Role.COMMITTEE)
    make_chair(db, chair)
    candidate = {
        "other_district": lambda: make_user(db, Role.COMMITTEE, district=ARAN),
        "officer": lambda: make_user(db, Role.DISTRICT_OFFICER),
        "deactivated": lambda: make_user(db, Role.COMMITTEE),
    }[who]()
    if who == "deactivated":
        staff.deactivate(db, province, candidate.id, now=NOW)
    with pytest.raises(InvalidInput, match=message):
        offices.set_chair(db, province, MUANG, candidate.id, now=NOW)
    assert db.get(DistrictOffice, MUANG).chair_user_id == chair.id


def test_the_chair_can_be_left_empty(db, province):
    chair = make_user(db, Role.COMMITTEE)
    make_chair(db, chair)
    offices.set_chair(db, province, MUANG, None, now=NOW)
    assert offices.office_of(db, province, MUANG).chair_user_id is None


def test_the_district_office_contact_is_saved(db, province):
    info = offices.update_office(
        db,
        province,
        ARAN,
        office_name=" สำนักงานพัฒนาชุมชนอำเภออรัญประเทศ ",
        phone="0-3723-1234",
        address="ที่ว่าการอำเภออรัญประเทศ",
        now=NOW,
    )
    assert info.office_name == "สำนักงานพัฒนาชุมชนอำเภออรัญประเทศ"
    assert info.phone == "03-723-1234"  # kept one way, whatever the dashes typed
    assert offices.office_of(db, province, ARAN) == info
    assert _events(db, "office_updated") == 1


@pytest.mark.parametrize(
    ("name", "phone", "message"),
    [("", None, "กรุณากรอกชื่อสำนักงาน"), ("สำนักงาน", "037", "เบอร์โทรศัพท์")],
)
def test_a_bad_office_contact_is_refused(db, province, name, phone, message):
    with pytest.raises(InvalidInput, match=message):
        offices.update_office(
            db, province, ARAN, office_name=name, phone=phone, address=None, now=NOW
        )
    assert db.get(DistrictOffice, ARAN) is None


def test_another_provinces_officer_cannot_change_our_offices(db, other_province):
    with pytest.raises(PermissionDenied):
        offices.update_office(
            db, other_province, MUANG, office_name="สำนักงาน", phone=None, address=None, now=NOW
        )


def test_the_district_list_shows_its_officers_and_members_only(db, province):
    officer = make_user(db, Role.DISTRICT_OFFICER)
    member = make_user(db, Role.COMMITTEE)
    make_user(db, Role.APPLICANT)
    make_user(db, Role.COMMITTEE, district=ARAN)
    rows = staff.staff_of_district(db, province, MUANG)
    assert [r.user_id for r in rows] == [officer.id, member.id]
    assert [r.role for r in rows] == [Role.DISTRICT_OFFICER, Role.COMMITTEE]


def test_the_public_sees_each_taking_part_office_as_entered_or_by_its_name(db, province):
    offices.update_office(
        db,
        province,
        ARAN,
        office_name="สำนักงานพัฒนาชุมชนอำเภออรัญประเทศ",
        phone="037231234",
        address="ที่ว่าการอำเภออรัญประเทศ",
        now=NOW,
    )
    aran, muang = offices.public_contacts(db, [ARAN, MUANG])  # in the order asked
    assert (aran.office_name, aran.phone, aran.address) == (
        "สำนักงานพัฒนาชุมชนอำเภออรัญประเทศ",
        "03-723-1234",
        "ที่ว่าการอำเภออรัญประเทศ",
    )
    assert muang.office_name == offices.default_name(MUANG)  # not entered yet: its name only
    assert (muang.phone, muang.address) == (None, None)
