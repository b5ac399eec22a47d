from __future__ import annotations

import pytest
from sqlalchemy import func, select

from core.errors import InvalidInput, PermissionDenied
from core.roles import Role
from db.models import AuditEvent, User
from services import auth, users
from tests.factories import make_user

GOOD = dict(
    username="kamnan.boon",
    display_name="  นางบุญมี   ศรีสุข ",
    password="long-enough-1",
    password_again="long-enough-1",
    phone="0812345678",
    email="",
    province_code="27",
    district_code="2701",
    privacy_acknowledged=True,
)


def _count(db) -> int:
    return db.scalar(select(func.count(User.id)))


def test_registration_creates_an_applicant_and_records_the_privacy_acknowledgement(db, now):
    user = users.register_applicant(db, **GOOD, now=now)
    assert user.role is Role.APPLICANT
    assert user.display_name == "นางบุญมี ศรีสุข"
    assert user.privacy_acknowledged_at == now
    assert (
        db.scalar(select(AuditEvent.action).where(AuditEvent.entity_id == user.id)) == "registered"
    )


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"privacy_acknowledged": False}, "ประกาศความเป็นส่วนตัว"),
        ({"password_again": "something-else"}, "ไม่ตรงกัน"),
        ({"password": "short", "password_again": "short"}, "อย่างน้อย 8"),
        ({"username": "ชื่อไทย"}, "ชื่อผู้ใช้"),
        ({"district_code": "1001"}, "อำเภอ"),
        ({"display_name": " "}, "ชื่อ-นามสกุล"),
    ],
)
def test_registration_refuses_bad_input_and_writes_nothing(db, now, change, message):
    before = _count(db)
    with pytest.raises(InvalidInput, match=message):
        users.register_applicant(db, **{**GOOD, **change}, now=now)
    assert _count(db) == before


def test_a_taken_username_is_refused_whatever_its_case(db, now):
    make_user(db, username="kamnan.boon")
    with pytest.raises(InvalidInput, match="มีผู้ใช้แล้ว"):
        users.register_applicant(db, **{**GOOD, "username": "Kamnan.Boon"}, now=now)


def test_province_officer_creates_staff_only_in_own_province(db, now):
    officer = auth.actor_of(db, make_user(db, Role.PROVINCE_OFFICER, district=None))
    created = users.create_user(
        db,
        officer,
        username="officer-new",
        display_name="พัฒนากรใหม่",
        password="long-enough-1",
        role=Role.DISTRICT_OFFICER,
        province_code="27",
        district_code="2703",
        now=now,
    )
    assert created.district_code == "2703"
    with pytest.raises(PermissionDenied):
        users.create_user(
            db,
            officer,
            username="officer-other",
            display_name="อื่น",
            password="long-enough-1",
            role=Role.DISTRICT_OFFICER,
            province_code="10",
            district_code="1001",
            now=now,
        )


def test_district_officer_cannot_create_accounts(db, now):
    officer = auth.actor_of(db, make_user(db, Role.DISTRICT_OFFICER))
    with pytest.raises(PermissionDenied):
        users.create_user(
            db,
            officer,
            username="sneaky",
            display_name="แอบสร้าง",
            password="long-enough-1",
            role=Role.COMMITTEE,
            province_code="27",
            district_code="2701",
            now=now,
        )


def test_a_failed_write_rolls_back_uncommitted_work(db, now):
    before = _count(db)
    db.add(
        User(
            username="half-written",
            display_name="x",
            role=Role.APPLICANT,
            password_hash="x",
            sessions_valid_after=now,
        )
    )
    db.flush()
    db.rollback()
    assert _count(db) == before


@pytest.mark.parametrize("phone", ["", "12345", "0812345678999", "ไม่มี"])
def test_registration_needs_a_thai_phone_number(db, now, phone):
    with pytest.raises(InvalidInput, match="เบอร์โทรศัพท์"):
        users.register_applicant(db, **{**GOOD, "phone": phone}, now=now)


@pytest.mark.parametrize("phone", ["๐๘๑-๒๓๔-๕๖๗๘", "081 234 5678", "+66 81 234 5678"])
def test_a_phone_typed_any_common_way_is_stored_in_one_format(db, now, phone):
    user = users.register_applicant(db, **{**GOOD, "phone": phone}, now=now)
    assert user.phone == "081-234-5678"


def test_a_self_registered_applicant_keeps_the_password_they_chose(db, now):
    assert users.register_applicant(db, **GOOD, now=now).must_change_password is False


def test_an_account_made_by_the_province_has_a_one_time_password(db, now):
    officer = auth.actor_of(db, make_user(db, Role.PROVINCE_OFFICER, district=None))
    args = dict(
        display_name="พัฒนากรใหม่",
        password="long-enough-1",
        role=Role.DISTRICT_OFFICER,
        province_code="27",
        district_code="2703",
        now=now,
    )
    made = users.create_user(db, officer, username="officer-new", phone="๐๘๑ 234 5678", **args)
    assert made.must_change_password is True
    assert made.phone == "081-234-5678"
    by_operator = users.create_user(db, None, username="officer-cli", **args)
    assert by_operator.must_change_password is False


def test_a_bad_phone_for_a_new_staff_account_is_refused_and_nothing_is_created(db, now):
    officer = auth.actor_of(db, make_user(db, Role.PROVINCE_OFFICER, district=None))
    before = _count(db)
    with pytest.raises(InvalidInput, match="เช่น 081-234-5678"):
        users.create_user(
            db,
            officer,
            username="officer-new",
            display_name="พัฒนากรใหม่",
            password="long-enough-1",
            role=Role.DISTRICT_OFFICER,
            province_code="27",
            district_code="2703",
            phone="12345",
            now=now,
        )
    assert _count(db) == before


@pytest.mark.parametrize("password", ["12345678", "aaaaaaaa", "abababab"])
def test_passwords_that_are_easy_to_guess_are_refused(db, now, password):
    with pytest.raises(InvalidInput, match="เดาง่าย"):
        users.register_applicant(
            db, **{**GOOD, "password": password, "password_again": password}, now=now
        )
