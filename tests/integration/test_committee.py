from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from core.applicant_types import ApplicantType
from core.errors import InvalidInput, PermissionDenied, StaleData, TransitionNotAllowed
from core.roles import Role
from core.workflow import Status
from db.models import CommitteeEvaluation, Notification, Resolution
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


def _both_evaluate(db, review):  # type: ignore[no-untyped-def]
    """The district has two members (the chair and one more): both must evaluate to resolve."""
    _, member, chair, application, indicator = review
    _evaluate(db, member, application, indicator)
    _evaluate(db, chair, application, indicator)


def _resolve(db, chair, application, **kw):  # type: ignore[no-untyped-def]
    args = (
        dict(
            decision="pass",
            reasons="บรรลุตัวชี้วัดทุกข้อ",
            revision_items=None,
            meeting_on=TODAY,
            expected_version=application.version,
            now=NOW,
        )
        | kw
    )
    return committee.resolve(db, chair, application.id, **args)


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
    _both_evaluate(db, review)
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
    _both_evaluate(db, review)
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
    _both_evaluate(db, review)
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
    _both_evaluate(db, review)
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
    _both_evaluate(db, review)
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


# ---- nothing preselected, and a reason for every negative judgement


def _saved(db, application) -> int:  # type: ignore[no-untyped-def]
    return db.scalar(
        select(func.count(CommitteeEvaluation.id)).where(
            CommitteeEvaluation.application_id == application.id
        )
    )


def test_an_evaluation_with_nothing_chosen_names_what_is_missing_and_saves_nothing(db, review):
    _, member, _, application, indicator = review
    with pytest.raises(InvalidInput) as refused:
        _evaluate(
            db, member, application, indicator, items=[ItemInput(indicator.id, None)], opinion=None
        )
    assert "“ตัวชี้วัด” บรรลุหรือยังไม่บรรลุ" in refused.value.message
    assert "ความเห็นโดยรวม" in refused.value.message
    with pytest.raises(InvalidInput, match="ความเห็นโดยรวม"):
        _evaluate(db, member, application, indicator, opinion=None)
    assert _saved(db, application) == 0


def test_an_indicator_not_reached_needs_the_reason(db, review):
    _, member, _, application, indicator = review
    with pytest.raises(InvalidInput, match="เหตุใดยังไม่บรรลุ"):
        _evaluate(db, member, application, indicator, items=[ItemInput(indicator.id, False, "  ")])
    assert _saved(db, application) == 0
    _evaluate(
        db, member, application, indicator, items=[ItemInput(indicator.id, False, "ยังไม่ถึงเป้า")]
    )
    assert _saved(db, application) == 1


@pytest.mark.parametrize("opinion", ["revise", "not_pass"])
def test_an_opinion_other_than_should_pass_needs_the_comments(db, review, opinion):
    _, member, _, application, indicator = review
    with pytest.raises(InvalidInput, match="ข้อเสนอแนะ"):
        _evaluate(db, member, application, indicator, opinion=opinion, comments=" ")
    assert _saved(db, application) == 0
    _evaluate(db, member, application, indicator, opinion=opinion, comments="ควรเพิ่มหลักฐาน")
    assert _saved(db, application) == 1


def test_should_pass_needs_no_comments(db, review):
    _, member, _, application, indicator = review
    _evaluate(db, member, application, indicator, opinion="pass", comments=None)
    assert _saved(db, application) == 1


def test_a_refused_edit_keeps_the_saved_evaluation(db, review):
    _, member, _, application, indicator = review
    first = _evaluate(db, member, application, indicator)
    with pytest.raises(InvalidInput):
        _evaluate(
            db,
            member,
            application,
            indicator,
            opinion="not_pass",
            comments="",
            expected_version=first.version,
        )
    db.expire_all()
    kept = committee.my_evaluation(db, member, application.id)
    assert (kept.opinion, kept.comments, kept.version) == ("pass", "ดี", first.version)


# ---- quorum: more than half of the district's active members, the chair included


def _committee_of(db, review, size: int):  # type: ignore[no-untyped-def]
    """The chair, the member of the fixture, and more members up to `size` in all."""
    _, member, chair, _, _ = review
    more = [
        auth.actor_of(db, make_user(db, Role.COMMITTEE, district="2701")) for _ in range(size - 2)
    ]
    return [chair, member, *more]


@pytest.mark.parametrize(
    ("size", "evaluated", "allowed"),
    [(2, 1, False), (2, 2, True), (3, 1, False), (3, 2, True), (4, 2, False), (4, 3, True)],
)
def test_the_chair_resolves_only_when_more_than_half_have_evaluated(
    db, review, size, evaluated, allowed
):
    _, _, chair, application, indicator = review
    members = _committee_of(db, review, size)
    for m in members[-evaluated:]:  # the chair last: members evaluate first
        _evaluate(db, m, application, indicator)
    quorum = committee.quorum(db, chair, application.id)
    assert (quorum.evaluated, quorum.members, quorum.reached) == (evaluated, size, allowed)
    if allowed:
        _resolve(db, chair, application)
        assert application.status is Status.PASSED
        return
    needed = size // 2 + 1
    with pytest.raises(
        InvalidInput, match=f"ประเมินแล้ว {evaluated} จาก {size} คน ต้องอย่างน้อย {needed} คน"
    ):
        _resolve(db, chair, application)
    assert application.status is Status.UNDER_REVIEW
    assert db.scalar(select(func.count(Resolution.id))) == 0


def test_the_quorum_counts_only_active_members_of_the_district(db, review):
    _, member, chair, application, indicator = review
    gone = make_user(db, Role.COMMITTEE, district="2701")
    _evaluate(db, auth.actor_of(db, gone), application, indicator)
    gone.active = False  # left the committee after evaluating
    make_user(db, Role.COMMITTEE, district="2706")  # another district's member
    make_user(db, Role.DISTRICT_OFFICER, district="2701")
    db.flush()
    _evaluate(db, member, application, indicator)
    quorum = committee.quorum(db, chair, application.id)
    assert (quorum.evaluated, quorum.members, quorum.needed) == (1, 2, 2)
    with pytest.raises(InvalidInput, match="ประเมินแล้ว 1 จาก 2 คน ต้องอย่างน้อย 2 คน"):
        _resolve(db, chair, application)


def test_after_a_revision_only_evaluations_saved_since_the_last_resolution_count(db, review):
    _, member, chair, application, indicator = review
    _both_evaluate(db, review)
    _resolve(db, chair, application, decision="revise", revision_items="เพิ่มหลักฐาน", reasons=None)
    application.status = Status.UNDER_REVIEW  # the applicant revised and sent it again
    db.flush()
    assert committee.quorum(db, chair, application.id).evaluated == 0
    # the queue says the same: nobody has evaluated the revised unit yet, so it waits for all
    [row] = [r for r in committee.queue(db, member, "2701") if r.application_id == application.id]
    assert (row.evaluations, row.evaluated_by_me) == (0, False)
    later = NOW + timedelta(days=30)
    _evaluate(db, member, application, indicator, now=later)
    assert committee.quorum(db, chair, application.id).evaluated == 1
    [row] = [r for r in committee.queue(db, member, "2701") if r.application_id == application.id]
    assert (row.evaluations, row.evaluated_by_me) == (1, True)
    _evaluate(db, chair, application, indicator, now=later)
    _resolve(db, chair, application, now=later + timedelta(hours=1))
    assert application.status is Status.PASSED


def test_checking_a_resolution_writes_nothing(db, review):
    _, _, chair, application, _ = review
    _both_evaluate(db, review)
    checked = committee.check_resolution(
        db,
        chair,
        application.id,
        decision="not_pass",
        reasons=" ขาดหลักฐาน ",
        revision_items="",
        meeting_on=TODAY,
        today=TODAY,
    )
    assert (checked.decision, checked.reasons, checked.revision_items) == (
        "not_pass",
        "ขาดหลักฐาน",
        None,
    )
    assert application.status is Status.UNDER_REVIEW
    assert db.scalar(select(func.count(Resolution.id))) == 0
    with pytest.raises(InvalidInput, match="กรุณาเลือกมติ"):
        committee.check_resolution(
            db,
            chair,
            application.id,
            decision=None,
            reasons=None,
            revision_items=None,
            meeting_on=None,
        )


# ---- who is told


def _titles(db, user_id: int) -> list[str]:
    return list(db.scalars(select(Notification.title).where(Notification.user_id == user_id)))


@pytest.fixture
def province_staff(db):  # type: ignore[no-untyped-def]
    here = make_user(db, Role.PROVINCE_OFFICER, district=None)
    away = make_user(db, Role.PROVINCE_OFFICER, district=None, province="10")
    retired = make_user(db, Role.PROVINCE_OFFICER, district=None)
    retired.active = False
    db.flush()
    return here, away, retired


def test_a_pass_tells_the_province_officers_of_the_applicants_province(db, review, province_staff):
    owner, _, chair, application, _ = review
    here, away, retired = province_staff
    _both_evaluate(db, review)
    _resolve(db, chair, application)
    name = application.applicant.name
    [told] = _titles(db, here.id)
    assert told.startswith(f"รอประกาศผล: {name}")
    assert _titles(db, away.id) == [] and _titles(db, retired.id) == []
    assert _titles(db, owner.user_id) == [f"คณะกรรมการมีมติ: ผ่าน · {name}"]


@pytest.mark.parametrize(
    ("decision", "text"),
    [("revise", {"revision_items": "เพิ่มหลักฐาน"}), ("not_pass", {"reasons": "ไม่มีหลักฐาน"})],
)
def test_the_province_is_not_told_of_other_decisions(db, review, province_staff, decision, text):
    owner, _, chair, application, _ = review
    here, _, _ = province_staff
    _both_evaluate(db, review)
    _resolve(db, chair, application, decision=decision, **({"reasons": None} | text))
    assert _titles(db, here.id) == []
    [told] = _titles(db, owner.user_id)
    assert application.applicant.name in told


# ---- what the review page shows of a decided unit


def test_the_decided_unit_shows_its_latest_resolution(db, review):
    _, member, chair, application, _ = review
    assert committee.decided(db, member, application.id) is None
    _both_evaluate(db, review)
    _resolve(db, chair, application, meeting_on=date(2026, 11, 20))
    chair_name = "ผู้ใช้ทดสอบ"
    shown = committee.decided(db, member, application.id)
    assert shown == committee.Decided(
        "pass", "ผ่าน", "บรรลุตัวชี้วัดทุกข้อ", None, date(2026, 11, 20), chair_name, NOW
    )


def test_a_member_of_another_district_sees_no_decision(db, review):
    _, _, _, application, _ = review
    outsider = auth.actor_of(db, make_user(db, Role.COMMITTEE, district="2706"))
    with pytest.raises(PermissionDenied):
        committee.decided(db, outsider, application.id)
    with pytest.raises(PermissionDenied):
        committee.quorum(db, outsider, application.id)
