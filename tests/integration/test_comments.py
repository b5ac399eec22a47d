from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import select

from core.applicant_types import ApplicantType
from core.errors import InvalidInput, NotFound, PermissionDenied
from core.roles import Role
from db.models import Advisor, Indicator, Notification
from services import auth, comments, development
from services.development import IndicatorForm
from tests.factories import make_round, make_user
from tests.journey import complete_step_one

TODAY = date(2026, 11, 24)
NOW = datetime(2026, 11, 24, 3, 0)


@pytest.fixture
def case(db):
    make_round(db, fy=2570)
    owner = auth.actor_of(db, make_user(db))
    application = complete_step_one(db, owner, ApplicantType.GROUP, today=TODAY, now=NOW)
    advisor_user = make_user(db, Role.ADVISOR, district=None, province=None)
    db.add(Advisor(application_id=application.id, name="ที่ปรึกษา", user_id=advisor_user.id))
    db.flush()
    indicator = development.save_indicator(
        db, owner, application.id, IndicatorForm("ตัวชี้วัด"), now=NOW
    )
    return owner, auth.actor_of(db, advisor_user), application, indicator


def test_advisor_comments_on_an_indicator_and_the_applicant_replies_and_resolves(db, case):
    owner, advisor, application, indicator = case
    root = comments.start_thread(
        db,
        advisor,
        application.id,
        target_kind="indicator",
        target_id=indicator.id,
        body="ลองกำหนดเป้าหมายเป็นตัวเลข",
        now=NOW,
    )
    told = set(db.scalars(select(Notification.user_id).where(Notification.kind == "comment")))
    assert owner.user_id in told
    comments.reply(db, owner, root.id, body="แก้เป็นร้อยละ 80 แล้ว", now=NOW)
    comments.resolve(db, owner, root.id, now=NOW)
    [thread] = comments.threads(
        db, owner, application.id, target_kind="indicator", target_id=indicator.id
    )
    assert [e.body for e in thread.entries] == ["ลองกำหนดเป้าหมายเป็นตัวเลข", "แก้เป็นร้อยละ 80 แล้ว"]
    assert thread.resolved
    with pytest.raises(InvalidInput, match="ปิดแล้ว"):
        comments.reply(db, advisor, root.id, body="อีกเรื่อง", now=NOW)


def test_commenting_never_changes_the_applicants_data(db, case):
    _, advisor, application, indicator = case
    comments.start_thread(
        db,
        advisor,
        application.id,
        target_kind="summary",
        target_id=None,
        body="สรุปให้เห็นตัวเลข",
        now=NOW,
    )
    assert db.get(Indicator, indicator.id).title == "ตัวชี้วัด"
    with pytest.raises(PermissionDenied):
        development.save_indicator(
            db, advisor, application.id, IndicatorForm("แก้แทน"), indicator_id=indicator.id, now=NOW
        )


def test_an_advisor_not_named_cannot_comment_or_read(db, case):
    _, _, application, indicator = case
    stranger = auth.actor_of(db, make_user(db, Role.ADVISOR, district=None, province=None))
    with pytest.raises(PermissionDenied):
        comments.start_thread(
            db,
            stranger,
            application.id,
            target_kind="indicator",
            target_id=indicator.id,
            body="แอบดู",
            now=NOW,
        )
    with pytest.raises(PermissionDenied):
        comments.threads(db, stranger, application.id)


def test_a_target_from_another_application_and_empty_text_are_refused(db, case):
    _, advisor, application, _ = case
    with pytest.raises(NotFound):
        comments.start_thread(
            db,
            advisor,
            application.id,
            target_kind="indicator",
            target_id=999_999,
            body="x",
            now=NOW,
        )
    with pytest.raises(InvalidInput, match="พิมพ์ข้อความ"):
        comments.start_thread(
            db, advisor, application.id, target_kind="summary", target_id=None, body="   ", now=NOW
        )


def test_the_district_officer_may_comment_but_another_districts_may_not(db, case):
    _, _, application, _ = case
    own = auth.actor_of(db, make_user(db, Role.DISTRICT_OFFICER, district="2701"))
    other = auth.actor_of(db, make_user(db, Role.DISTRICT_OFFICER, district="2706"))
    comments.start_thread(
        db, own, application.id, target_kind="summary", target_id=None, body="เอกสารครบแล้ว", now=NOW
    )
    with pytest.raises(PermissionDenied):
        comments.start_thread(
            db, other, application.id, target_kind="summary", target_id=None, body="x", now=NOW
        )
