"""Every role × every action × own district / other district / assigned / not assigned.

Each case builds the same small world — province 27 with districts 2701 and 2706, one group
applying in 2701 — puts the application in the state the action needs, and calls the real
service as one actor. An actor in ALLOWED must get past the permission check; everyone else must
be refused (PermissionDenied, or NotFound where the service hides that the thing exists).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime

import pytest
from sqlalchemy.orm import Session

from core.applicant_types import ApplicantType
from core.errors import DomainError, NotFound, PermissionDenied
from core.permission import Actor
from core.roles import Role
from core.workflow import Status
from db.models import Advisor, Application, Document, RoundDistrict
from services import (
    applications,
    assessments,
    auth,
    comments,
    committee,
    development,
    documents,
    home,
    overview,
    verification,
)
from services.committee import ItemInput
from services.development import ActivityForm, IndicatorForm
from tests.factories import make_application, make_chair, make_round, make_user
from tests.journey import ID_KEY, PDF, complete_step_one, form_for

TODAY = date(2026, 11, 24)
NOW = datetime(2026, 11, 24, 3, 0)

ACTORS = (
    "owner",  # the applicant whose application it is
    "other_applicant",  # an applicant of the same district, not the owner
    "advisor_assigned",
    "advisor_other",  # advises another applicant
    "officer_own",  # district officer of 2701, not acting for anyone
    "officer_acting",  # the same officer acting on behalf of the owner
    "officer_other",  # district officer of 2706
    "member_own",  # committee member of 2701
    "chair_own",  # committee chair of 2701
    "chair_other",  # committee chair of 2706
    "province_own",  # province office 27
    "province_other",  # province office 10
)


@dataclass
class World:
    db: Session
    actors: dict[str, Actor]
    application: Application
    indicator_id: int
    document_id: int

    def refresh(self) -> None:
        self.db.refresh(self.application)


def _world(db: Session, status: Status) -> World:
    rnd = make_round(db, fy=2570)
    rnd.districts.append(RoundDistrict(district_code="2706"))
    users = {
        "owner": make_user(db, Role.APPLICANT, district=None, province=None),
        "other_applicant": make_user(db, Role.APPLICANT, district=None, province=None),
        "advisor_assigned": make_user(db, Role.ADVISOR, district=None, province=None),
        "advisor_other": make_user(db, Role.ADVISOR, district=None, province=None),
        "officer_own": make_user(db, Role.DISTRICT_OFFICER, district="2701"),
        "officer_other": make_user(db, Role.DISTRICT_OFFICER, district="2706"),
        "member_own": make_user(db, Role.COMMITTEE, district="2701"),
        "chair_own": make_user(db, Role.COMMITTEE, district="2701"),
        "chair_other": make_user(db, Role.COMMITTEE, district="2706"),
        "province_own": make_user(db, Role.PROVINCE_OFFICER, district=None, province="27"),
        "province_other": make_user(db, Role.PROVINCE_OFFICER, district=None, province="10"),
    }
    make_chair(db, users["chair_own"])
    make_chair(db, users["chair_other"])
    actors = {key: auth.actor_of(db, user) for key, user in users.items()}
    actors["officer_acting"] = replace(actors["officer_own"], acting_for=users["owner"].id)

    owner = actors["owner"]
    application = complete_step_one(db, owner, ApplicantType.GROUP, today=TODAY, now=NOW)
    indicator = development.save_indicator(
        db, owner, application.id, IndicatorForm("สมาชิกประชุมทุกเดือน"), now=NOW
    )
    db.add(
        Advisor(application_id=application.id, name="ที่ปรึกษา", user_id=users["advisor_assigned"].id)
    )
    other = make_application(db, users["other_applicant"], rnd, name="กลุ่มอื่น", district="2701")
    db.add(Advisor(application_id=other.id, name="ที่ปรึกษา", user_id=users["advisor_other"].id))
    document = db.query(Document).filter_by(application_id=application.id).first()
    document.personal = True
    application.status = status
    db.flush()
    return World(db, actors, application, indicator.id, document.id)


@dataclass(frozen=True)
class Case:
    name: str
    status: Status
    call: Callable[[World, Actor], object]
    allowed: frozenset[str]


def _a(*keys: str) -> frozenset[str]:
    unknown = set(keys) - set(ACTORS)
    assert not unknown, unknown
    return frozenset(keys)


VIEWERS = _a(
    "owner",
    "advisor_assigned",
    "officer_own",
    "officer_acting",
    "member_own",
    "chair_own",
    "province_own",
)
EDITORS = _a("owner", "officer_acting")
OFFICIALS_OF_2701 = _a("officer_own", "officer_acting", "member_own", "chair_own", "province_own")


def _update(w: World, actor: Actor) -> object:
    return applications.update(
        w.db,
        actor,
        w.application.id,
        form_for(ApplicantType.GROUP),
        expected_version=w.application.version,
        id_key=ID_KEY,
        today=TODAY,
        now=NOW,
    )


def _upload(w: World, actor: Actor) -> object:
    return documents.upload_requirement(
        w.db, actor, w.application.id, "meeting_minutes", "minutes.pdf", PDF + b"again", now=NOW
    )


def _activity(w: World, actor: Actor) -> object:
    form = ActivityForm(
        "ประชุมประจำเดือน", date(2026, 12, 1), date(2027, 11, 30), indicator_ids=(w.indicator_id,)
    )
    return development.save_activity(w.db, actor, w.application.id, form, now=NOW)


def _summary(w: World, actor: Actor) -> object:
    return assessments.save_summary(
        w.db,
        actor,
        w.application.id,
        achievements="สมาชิกเข้าร่วมมากขึ้น",
        lessons=None,
        next_steps=None,
        mark_done=False,
        expected_version=w.application.version,
        now=NOW,
    )


def _evaluate(w: World, actor: Actor) -> object:
    return committee.evaluate(
        w.db,
        actor,
        w.application.id,
        items=[ItemInput(w.indicator_id, True, "มีบันทึกการประชุม")],
        opinion="pass",
        comments=None,
        expected_version=None,
        now=NOW,
    )


def _resolve(w: World, actor: Actor) -> object:
    for member in ("member_own", "chair_own"):  # a resolution needs more than half to evaluate
        _evaluate(w, w.actors[member])
    return committee.resolve(
        w.db,
        actor,
        w.application.id,
        decision="pass",
        reasons="บรรลุตัวชี้วัดทุกข้อ",
        revision_items=None,
        meeting_on=TODAY,
        expected_version=w.application.version,
        now=NOW,
    )


def _return(w: World, actor: Actor) -> object:
    return verification.decide(
        w.db,
        actor,
        w.application.id,
        accept=False,
        note="กรุณาแนบรายชื่อสมาชิกใหม่",
        qualifications_confirmed=False,
        expected_version=w.application.version,
        now=NOW,
    )


CASES: tuple[Case, ...] = (
    Case(
        "view application",
        Status.ACCEPTED,
        lambda w, a: applications.the_application(w.db, a, w.application.id),
        VIEWERS,
    ),
    Case(
        "read indicators",
        Status.ACCEPTED,
        lambda w, a: development.indicators(w.db, a, w.application.id),
        VIEWERS,
    ),
    Case(
        "read comment threads",
        Status.ACCEPTED,
        lambda w, a: comments.threads(w.db, a, w.application.id),
        VIEWERS,
    ),
    Case(
        "open a personal document",
        Status.SUBMITTED,
        lambda w, a: documents.open_document(w.db, a, w.document_id, now=NOW),
        _a("owner", "officer_own", "officer_acting", "member_own", "chair_own", "province_own"),
    ),
    Case("update the application form", Status.DRAFT, _update, EDITORS),
    Case(
        "add a lead team member",
        Status.DRAFT,
        lambda w, a: applications.add_team_member(
            w.db, a, w.application.id, name="นางสาวบี", team_role="เหรัญญิก", contact=None, now=NOW
        ),
        EDITORS,
    ),
    Case("upload a required document", Status.DRAFT, _upload, EDITORS),
    Case(
        "send the application",
        Status.DRAFT,
        lambda w, a: applications.submit(w.db, a, w.application.id, today=TODAY, now=NOW),
        EDITORS,
    ),
    Case(
        "add an indicator",
        Status.ACCEPTED,
        lambda w, a: development.save_indicator(
            w.db, a, w.application.id, IndicatorForm("มีบัญชีรายรับรายจ่าย"), now=NOW
        ),
        EDITORS,
    ),
    Case("add a plan activity", Status.ACCEPTED, _activity, EDITORS),
    Case("write the summary", Status.ACCEPTED, _summary, EDITORS),
    Case(
        "comment on an indicator",
        Status.ACCEPTED,
        lambda w, a: comments.start_thread(
            w.db,
            a,
            w.application.id,
            target_kind="indicator",
            target_id=w.indicator_id,
            body="ควรระบุจำนวนครั้ง",
            now=NOW,
        ),
        _a("owner", "advisor_assigned", "officer_own", "officer_acting"),
    ),
    Case(
        "review a document",
        Status.SUBMITTED,
        lambda w, a: verification.review_document(
            w.db, a, w.application.id, w.document_id, accepted=True, reason=None, now=NOW
        ),
        _a("officer_own", "officer_acting"),
    ),
    Case("return the application", Status.SUBMITTED, _return, _a("officer_own", "officer_acting")),
    Case(
        "evaluate as a committee member",
        Status.UNDER_REVIEW,
        _evaluate,
        _a("member_own", "chair_own"),
    ),
    Case("resolve as the chair", Status.UNDER_REVIEW, _resolve, _a("chair_own")),
    Case(
        "district dashboard of 2701",
        Status.ACCEPTED,
        lambda w, a: home.district_home(w.db, a, "2701", TODAY),
        OFFICIALS_OF_2701,
    ),
    Case(
        "committee queue of 2701",
        Status.UNDER_REVIEW,
        lambda w, a: committee.queue(w.db, a, "2701"),
        OFFICIALS_OF_2701,
    ),
    Case(
        "province overview of 27",
        Status.ACCEPTED,
        lambda w, a: overview.counts(w.db, a, "27", 2570),
        _a("province_own"),
    ),
)


@pytest.mark.parametrize("actor_key", ACTORS)
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_permission_matrix(db: Session, case: Case, actor_key: str) -> None:
    world = _world(db, case.status)
    actor = world.actors[actor_key]
    if actor_key in case.allowed:
        try:
            case.call(world, actor)
        except (PermissionDenied, NotFound) as refused:  # pragma: no cover - the failure path
            pytest.fail(f"{actor_key} should be allowed to {case.name}, was refused: {refused!r}")
    else:
        with pytest.raises((PermissionDenied, NotFound)):
            case.call(world, actor)


def test_the_matrix_covers_every_actor_and_both_outcomes() -> None:
    """A case that allows everyone or no one would not test the policy."""
    for case in CASES:
        assert case.allowed and case.allowed != frozenset(ACTORS), case.name


def test_a_refused_write_changes_nothing(db: Session) -> None:
    world = _world(db, Status.ACCEPTED)
    before = len(development.indicators(db, world.actors["owner"], world.application.id))
    with pytest.raises(DomainError):
        development.save_indicator(
            db, world.actors["officer_other"], world.application.id, IndicatorForm("x"), now=NOW
        )
    db.rollback()
    assert len(development.indicators(db, world.actors["owner"], world.application.id)) == before
