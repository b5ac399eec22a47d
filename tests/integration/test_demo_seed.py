from __future__ import annotations

from sqlalchemy import func, select

from core.workflow import Status
from db.models import (
    Applicant,
    Application,
    Assessment,
    DistrictOffice,
    Indicator,
    PlanActivity,
    Round,
    User,
)
from services import auth, committee, demo


def test_demo_fills_an_empty_database_with_every_role_and_several_states(db, today, now):
    assert demo.is_empty(db)
    demo.seed(db, password="demo-password-1", today=today, now=now)
    usernames = set(db.scalars(select(User.username)))
    assert {u.username for u in demo.DEMO_USERS} == usernames
    statuses = set(db.scalars(select(Application.status)))
    assert {Status.DRAFT, Status.SUBMITTED, Status.ACCEPTED, Status.UNDER_REVIEW} <= statuses
    assert db.scalar(select(func.count(DistrictOffice.district_code))) == 9
    assert db.scalar(select(func.count(Round.id))) == 2
    assert not demo.is_empty(db)


def test_demo_accounts_log_in_with_the_demo_password(db, today, now):
    demo.seed(db, password="demo-password-1", today=today, now=now)
    user = auth.authenticate(
        db, "committee-muang", "demo-password-1", now=now, policy=auth.Lockout()
    )
    assert auth.actor_of(db, user).is_chair


def _unit(db, name: str) -> Application:  # type: ignore[no-untyped-def]
    return db.scalar(select(Application).join(Applicant).where(Applicant.name == name))


def test_the_community_under_review_has_its_own_three_indicators_with_plan_and_results(
    db, today, now
):
    demo.seed(db, password="demo-password-1", today=today, now=now)
    community = _unit(db, "ชุมชนบ้านท่าเกษม")
    group = _unit(db, "กลุ่มทอผ้าบ้านหนองบัว")
    assert community.status is Status.UNDER_REVIEW
    own = db.scalars(select(Indicator).where(Indicator.application_id == community.id)).all()
    assert len(own) == 3
    titles = {i.title for i in own}
    group_titles = set(
        db.scalars(select(Indicator.title).where(Indicator.application_id == group.id))
    )
    assert not titles & group_titles
    assert "ครัวเรือนทำบัญชีครัวเรือน" in titles
    activities = db.scalars(
        select(PlanActivity).where(PlanActivity.application_id == community.id)
    ).all()
    assert {i.id for a in activities for i in a.indicators} == {i.id for i in own}
    assessments = db.scalars(
        select(Assessment).where(Assessment.application_id == community.id)
    ).all()
    assert len(assessments) == 4
    assert all({s.indicator_id for s in a.scores} == {i.id for i in own} for a in assessments)


def test_the_muang_committee_is_two_active_members_and_the_passed_unit_had_both(db, today, now):
    demo.seed(db, password="demo-password-1", today=today, now=now)
    chair = auth.actor_of(db, auth.find_user(db, "committee-muang"))
    savings = _unit(db, "กลุ่มออมทรัพย์เพื่อการผลิตบ้านโคกสูง")
    assert savings.status is Status.PASSED
    assert committee.quorum(db, chair, savings.id).members == 2
    waiting = _unit(db, "ชุมชนบ้านท่าเกษม")
    quorum = committee.quorum(db, chair, waiting.id)
    assert (quorum.evaluated, quorum.members, quorum.needed) == (0, 2, 2)
    decided = committee.decided(db, chair, savings.id)
    assert decided is not None and decided.decision == "pass"
    assert decided.decided_by == "นายสุรชัย ประธานกรรมการ"


def test_demo_invitations_show_each_outcome_a_link_and_a_pair_to_confirm(db, today, now):
    from core.publicity import LinkMethod, Outcome, Stage
    from services import funnel, invitations

    demo.seed(db, password="demo-password-1", today=today, now=now)
    officer = auth.actor_of(db, db.scalar(select(User).where(User.username == "officer-muang")))
    _, rows = invitations.invitations(db, officer, today=today)
    by_name = {r.name: r for r in rows}
    assert by_name["กลุ่มทอผ้าบ้านหนองบัว"].link_method is LinkMethod.PHONE
    assert by_name["กลุ่มทอผ้าไหมบ้านแก้ง"].outcome is Outcome.DECLINED
    assert by_name["กลุ่มสมุนไพรบ้านศาลาลำดวน"].outcome is Outcome.NO_ANSWER
    assert [s.person_name for s in by_name["สมชาย ใจดี"].suggestions] == ["นายสมชาย ใจดี"]
    f = funnel.funnel(db, officer, province_code="27", fiscal_year=2570, district_code="2701")
    # this year's registrations are this year's applications (leader, group), not the accounts
    # of last year's units
    assert (f.total(Stage.INVITED), f.total(Stage.REGISTERED)) == (4, 2)


def test_the_passed_demo_units_timeline_tells_the_opinions_and_the_decision(db, today, now):
    from services import timeline

    demo.seed(db, password="demo-password-1", today=today, now=now)
    officer = auth.actor_of(db, db.scalar(select(User).where(User.username == "officer-muang")))
    savings = _unit(db, "กลุ่มออมทรัพย์เพื่อการผลิตบ้านโคกสูง")
    details = [e.detail for e in timeline.timeline(db, officer, savings.id)]
    assert details.count("ความเห็น: ควรผ่าน") == 2
    assert any(d and d.startswith("มติ: ผ่าน (ประชุมวันที่") for d in details)
