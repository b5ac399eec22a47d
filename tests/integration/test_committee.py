from __future__ import annotations

from datetime import date, datetime

import pytest

from core.applicant_types import ApplicantType
from core.errors import InvalidInput, PermissionDenied, StaleData, TransitionNotAllowed
from core.roles import Role
from core.workflow import Status
from services import auth, committee, development
from services.committee import ItemInput
from services.development import IndicatorForm
from tests.factories import make_chair, make_round, make_user
from tests.journey import complete_step_one

TODAY = date(2026, 11, 24)
NOW = datetime(2026, 11, 24, 3, 0)


@pytest.fixture
def review(db):
    make_round(db, fy=2570)
    owner = auth.actor_of(db, make_user(db))
    application = complete_step_one(db, owner, ApplicantType.GROUP, today=TODAY, now=NOW)
    indicator = development.save_indicator(
        db, owner, application.id, IndicatorForm("ตัวชี้วัด"), now=NOW
    )
    application.status = Status.UNDER_REVIEW  # the journey to step 7 is tested elsewhere
    db.flush()
    chair_user = make_user(db, Role.COMMITTEE, district="2701")
    make_chair(db, chair_user)
    member = auth.actor_of(db, make_user(db, Role.COMMITTEE, district="2701"))
    return owner, member, auth.actor_of(db, chair_user), application, indicator


def _evaluate(db, actor, application, indicator, **kw):
    args = (
        dict(
            items=[ItemInput(indicator.id, True, "มีบันทึกการประชุมครบ")],
            opinion="pass",
            comments="ดี",
            expected_version=None,
            now=NOW,
        )
        | kw
    )
    return committee.evaluate(db, actor, application.id, **args)


def test_each_member_records_an_evaluation_and_the_queue_shows_it(db, review):
    _, member, chair, application, indicator = review
    _evaluate(db, member, application, indicator)
    _evaluate(db, chair, application, indicator, opinion="revise")
    [row] = committee.queue(db, member, "2701")
    assert row.evaluated_by_me and row.evaluations == 2


def test_an_evaluation_must_cover_every_indicator(db, review):
    _, member, _, application, _ = review
    with pytest.raises(InvalidInput, match="ครบทุกตัวชี้วัด"):
        committee.evaluate(
            db,
            member,
            application.id,
            items=[],
            opinion="pass",
            comments=None,
            expected_version=None,
            now=NOW,
        )


def test_a_member_of_another_district_cannot_evaluate(db, review):
    _, _, _, application, indicator = review
    outsider = auth.actor_of(db, make_user(db, Role.COMMITTEE, district="2706"))
    with pytest.raises(PermissionDenied):
        _evaluate(db, outsider, application, indicator)
    with pytest.raises(PermissionDenied):
        committee.queue(db, outsider, "2701")


def test_only_the_chair_records_the_resolution(db, review):
    _, member, chair, application, _ = review
    with pytest.raises(PermissionDenied):
        committee.resolve(
            db,
            member,
            application.id,
            decision="pass",
            reasons=None,
            revision_items=None,
            meeting_on=TODAY,
            expected_version=application.version,
            now=NOW,
        )
    committee.resolve(
        db,
        chair,
        application.id,
        decision="pass",
        reasons="บรรลุตัวชี้วัด",
        revision_items=None,
        meeting_on=TODAY,
        expected_version=application.version,
        now=NOW,
    )
    assert application.status is Status.PASSED


def test_return_for_revision_needs_the_items_and_reopens_the_steps(db, review):
    owner, _, chair, application, _ = review
    with pytest.raises(InvalidInput, match="ปรับปรุงแก้ไข"):
        committee.resolve(
            db,
            chair,
            application.id,
            decision="revise",
            reasons=None,
            revision_items=" ",
            meeting_on=TODAY,
            expected_version=application.version,
            now=NOW,
        )
    committee.resolve(
        db,
        chair,
        application.id,
        decision="revise",
        reasons=None,
        revision_items="เพิ่มหลักฐานรอบที่ 3",
        meeting_on=TODAY,
        expected_version=application.version,
        now=NOW,
    )
    assert application.status is Status.REVISION_REQUESTED
    development.save_indicator(db, owner, application.id, IndicatorForm("เพิ่มหลังมติ"), now=NOW)


def test_not_pass_needs_reasons(db, review):
    _, _, chair, application, _ = review
    with pytest.raises(InvalidInput, match="เหตุผล"):
        committee.resolve(
            db,
            chair,
            application.id,
            decision="not_pass",
            reasons="",
            revision_items=None,
            meeting_on=TODAY,
            expected_version=application.version,
            now=NOW,
        )


def test_two_resolutions_from_the_same_screen_never_both_apply(db, review):
    _, _, chair, application, _ = review
    seen = application.version
    committee.resolve(
        db,
        chair,
        application.id,
        decision="pass",
        reasons=None,
        revision_items=None,
        meeting_on=TODAY,
        expected_version=seen,
        now=NOW,
    )
    with pytest.raises((StaleData, TransitionNotAllowed)):
        committee.resolve(
            db,
            chair,
            application.id,
            decision="not_pass",
            reasons="x",
            revision_items=None,
            meeting_on=TODAY,
            expected_version=seen,
            now=NOW,
        )
    assert application.status is Status.PASSED


def test_a_stale_evaluation_edit_is_refused(db, review):
    _, member, _, application, indicator = review
    first = _evaluate(db, member, application, indicator)
    seen = first.version
    _evaluate(db, member, application, indicator, opinion="revise", expected_version=seen)
    with pytest.raises(StaleData):
        _evaluate(db, member, application, indicator, opinion="not_pass", expected_version=seen)


def test_a_meeting_date_in_the_future_or_before_the_submission_is_refused(db, review):
    _, _, chair, application, _ = review
    application.to_committee_at = datetime(2026, 11, 10, 3, 0)
    db.flush()
    for meeting, message in ((date(2026, 11, 25), "อนาคต"), (date(2026, 11, 9), "ก่อนวันที่เสนอ")):
        with pytest.raises(InvalidInput, match=message):
            committee.resolve(
                db,
                chair,
                application.id,
                decision="pass",
                reasons=None,
                revision_items=None,
                meeting_on=meeting,
                expected_version=application.version,
                now=NOW,
                today=TODAY,
            )
    assert application.status is Status.UNDER_REVIEW
