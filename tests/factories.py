"""Builders of test data (each test gets a clean, rolled-back database)."""

from __future__ import annotations

import itertools
from datetime import date, datetime

from sqlalchemy.orm import Session

from core.applicant_types import ApplicantType
from core.roles import Role
from core.workflow import Status
from db.models import Advisor, Applicant, Application, DistrictOffice, Round, RoundDistrict, User
from services import users
from services.auth import hash_password

PASSWORD = "correct-horse-1"
_HASH = hash_password(PASSWORD)
_seq = itertools.count(1)


def make_user(
    db: Session,
    role: Role = Role.APPLICANT,
    *,
    district: str | None = "2701",
    province: str | None = "27",
    username: str | None = None,
    now: datetime = datetime(2026, 11, 1),
) -> User:
    user = User(
        username=username or f"{role.value.replace('_', '-')}-{next(_seq)}",
        display_name="ผู้ใช้ทดสอบ",
        role=role,
        province_code=province,
        district_code=district,
        password_hash=_HASH,
        sessions_valid_after=now,
        created_at=now,
    )
    db.add(user)
    db.flush()
    return user


def make_chair(db: Session, user: User) -> None:
    db.add(
        DistrictOffice(
            district_code=user.district_code,
            province_code=user.province_code,
            office_name="สำนักงานพัฒนาชุมชนอำเภอทดสอบ",
            chair_user_id=user.id,
        )
    )
    db.flush()


def make_round(db: Session, *, fy: int = 2570, province: str = "27", cadence: int = 3) -> Round:
    r = Round(
        fiscal_year=fy,
        province_code=province,
        opens_on=date(fy - 544, 10, 1),
        closes_on=date(fy - 543, 3, 31),
        cadence_months=cadence,
    )
    r.districts = [RoundDistrict(district_code=f"{province}01")]
    db.add(r)
    db.flush()
    return r


def make_application(
    db: Session,
    owner: User,
    rnd: Round,
    *,
    kind: ApplicantType = ApplicantType.GROUP,
    district: str = "2701",
    status: Status = Status.DRAFT,
    advisor: User | None = None,
    name: str = "กลุ่มทดสอบ",
) -> Application:
    applicant = Applicant(
        type=kind,
        name=name,
        owner_id=owner.id,
        province_code=district[:2],
        district_code=district,
        subdistrict_code=f"{district}01",
    )
    db.add(applicant)
    db.flush()
    application = Application(applicant_id=applicant.id, round_id=rnd.id, status=status)
    db.add(application)
    db.flush()
    if advisor is not None:
        db.add(Advisor(application_id=application.id, name="ที่ปรึกษา", user_id=advisor.id))
        db.flush()
    return application


def register(
    db: Session,
    username: str,
    phone: str,
    *,
    district: str = "2701",
    display_name: str = "นายผู้ลงทะเบียน ทดสอบ",
    now: datetime = datetime(2026, 11, 24, 3, 0),
    today: date | None = None,
) -> User:
    """An applicant who registers themself, through the real service (privacy acknowledged)."""
    return users.register_applicant(
        db,
        username=username,
        display_name=display_name,
        password=PASSWORD,
        password_again=PASSWORD,
        phone=phone,
        email="",
        province_code=district[:2],
        district_code=district,
        privacy_acknowledged=True,
        now=now,
        today=today,
    )
