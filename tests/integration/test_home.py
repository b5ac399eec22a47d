from __future__ import annotations

import pytest

from core.errors import PermissionDenied
from core.roles import Role
from core.steps import StepState
from core.workflow import Status
from db.models import DistrictOffice, Indicator
from services import auth, home
from tests.factories import make_application, make_round, make_user


def test_applicant_home_shows_own_application_and_step_states(db, today):
    owner = make_user(db)
    app = make_application(db, owner, make_round(db), status=Status.SUBMITTED)
    db.add(Indicator(application_id=app.id, title="สมาชิกประชุมทุกเดือน"))
    db.flush()
    data = home.applicant_home(db, auth.actor_of(db, owner), today)
    assert data.current is not None and data.current.application_id == app.id
    assert data.steps[0] is StepState.DONE
    assert data.steps[1] is StepState.IN_PROGRESS
    assert data.steps[6] is StepState.BLOCKED


def test_applicant_without_an_application_starts_at_step_one(db, today):
    data = home.applicant_home(db, auth.actor_of(db, make_user(db)), today)
    assert data.current is None
    assert data.steps[0] is StepState.NOT_STARTED


def test_district_list_holds_only_that_district(db, today):
    rnd = make_round(db)
    make_application(db, make_user(db), rnd, district="2701", name="กลุ่มเมือง")
    make_application(db, make_user(db), rnd, district="2706", name="กลุ่มอรัญ")
    officer = auth.actor_of(db, make_user(db, Role.DISTRICT_OFFICER, district="2701"))
    names = [r.applicant_name for r in home.district_home(db, officer, "2701", today)]
    assert names == ["กลุ่มเมือง"]


@pytest.mark.parametrize("role", [Role.DISTRICT_OFFICER, Role.COMMITTEE])
def test_another_districts_list_is_refused(db, today, role):
    actor = auth.actor_of(db, make_user(db, role, district="2701"))
    with pytest.raises(PermissionDenied):
        home.district_home(db, actor, "2706", today)


def test_applicant_cannot_read_a_district_list(db, today):
    actor = auth.actor_of(db, make_user(db, Role.APPLICANT, district="2701"))
    with pytest.raises(PermissionDenied):
        home.district_home(db, actor, "2701", today)


def test_advisor_sees_only_applications_that_name_them(db, today):
    rnd = make_round(db)
    advisor = make_user(db, Role.ADVISOR, district=None, province=None)
    make_application(db, make_user(db), rnd, advisor=advisor, name="กลุ่มที่ปรึกษา")
    make_application(db, make_user(db), rnd, name="กลุ่มอื่น")
    rows = home.advisor_home(db, auth.actor_of(db, advisor), today)
    assert [r.applicant_name for r in rows] == ["กลุ่มที่ปรึกษา"]


def test_applicant_home_counts_open_comment_threads_from_others(db, today):
    from datetime import datetime

    from db.models import Comment

    owner = make_user(db)
    advisor = make_user(db, Role.ADVISOR, district=None, province=None)
    app = make_application(db, owner, make_round(db), advisor=advisor)
    at = datetime(2026, 11, 20)
    db.add_all(
        [
            Comment(
                application_id=app.id,
                target_kind="indicator",
                author_id=advisor.id,
                body="ลองวัดเป็นร้อยละ",
                created_at=at,
            ),
            Comment(
                application_id=app.id,
                target_kind="plan",
                author_id=advisor.id,
                body="เรื่องนี้แก้แล้ว",
                created_at=at,
                resolved_at=at,
            ),
            Comment(
                application_id=app.id,
                target_kind="plan",
                author_id=owner.id,
                body="คำถามของผู้สมัครเอง",
                created_at=at,
            ),
        ]
    )
    db.flush()
    assert home.applicant_home(db, auth.actor_of(db, owner), today).open_comments == 1


def _office(db, district, phone, address):  # type: ignore[no-untyped-def]
    db.add(
        DistrictOffice(
            district_code=district,
            province_code=district[:2],
            office_name="สำนักงานพัฒนาชุมชนอำเภออรัญประเทศ",
            phone=phone,
            address=address,
        )
    )
    db.flush()


def test_the_applicant_sees_the_contact_of_the_office_of_their_applications_district(db):
    _office(db, "2706", "0-3723-1234", "ที่ว่าการอำเภออรัญประเทศ")
    owner = make_user(db, district="2701")  # registered in Mueang, applied in Aranyaprathet
    app = make_application(db, owner, make_round(db), district="2706")
    contact = home.district_contact(db, auth.actor_of(db, owner), app.id)
    assert contact == home.OfficeContact(
        "สำนักงานพัฒนาชุมชนอำเภออรัญประเทศ", "0-3723-1234", "ที่ว่าการอำเภออรัญประเทศ"
    )


def test_before_applying_the_office_is_that_of_the_district_registered_in(db):
    _office(db, "2706", "0-3723-1234", None)
    owner = make_user(db, district="2706")
    contact = home.district_contact(db, auth.actor_of(db, owner), None)
    assert contact is not None and contact.phone == "0-3723-1234" and contact.address is None


def test_an_office_the_province_has_not_entered_has_its_name_and_no_contact(db):
    owner = make_user(db, district="2703")
    app = make_application(db, owner, make_round(db), district="2703")
    contact = home.district_contact(db, auth.actor_of(db, owner), app.id)
    assert contact == home.OfficeContact("สำนักงานพัฒนาชุมชนอำเภอตาพระยา", None, None)


def test_another_applicants_application_gives_no_contact(db):
    app = make_application(db, make_user(db), make_round(db))
    stranger = auth.actor_of(db, make_user(db))
    with pytest.raises(PermissionDenied):
        home.district_contact(db, stranger, app.id)
    advisor = auth.actor_of(db, make_user(db, Role.ADVISOR, district=None, province=None))
    with pytest.raises(PermissionDenied):
        home.district_contact(db, advisor, None)
