"""Two people acting on the same thing at once: nobody's update is lost, the slower one is told.

These tests commit for real, in a database of their own, and use one session per person: the
savepoint session of the other tests would hide exactly what is tested here. Where it matters
the two writes run in two threads released together by a barrier.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date, datetime

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from core.applicant_types import ApplicantType
from core.errors import DomainError, InvalidInput, StaleData
from core.roles import Role
from core.workflow import Status
from db import migrate
from db.engine import make_engine, session_factory
from db.models import (
    Application,
    CommitteeEvaluation,
    DistrictOffice,
    Invitation,
    Resolution,
    Round,
    User,
)
from services import applications, auth, committee, development, invitations, verification
from services.committee import ItemInput
from services.development import IndicatorForm
from tests.databases import fresh_database
from tests.factories import make_chair, make_round, make_user, register
from tests.journey import ID_KEY, complete_step_one, form_for

TODAY = date(2026, 11, 24)
NOW = datetime(2026, 11, 24, 3, 0)


@pytest.fixture(scope="module")
def own_engine(database_url: str) -> Iterator[Engine]:
    server = "sqlite" if database_url.startswith("sqlite") else database_url
    with fresh_database(server) as url:
        migrate.upgrade(url)
        engine = make_engine(url)
        yield engine
        engine.dispose()


@pytest.fixture
def open_session(own_engine: Engine) -> Iterator[Callable[[], Session]]:
    factory = session_factory(own_engine)
    opened: list[Session] = []

    def open_one() -> Session:
        opened.append(factory())
        return opened[-1]

    yield open_one
    for s in opened:
        s.close()


@pytest.fixture
def scene(open_session):  # type: ignore[no-untyped-def]
    """A group of district 2701 with one indicator, two committee members and the chair."""
    with open_session() as db:
        rnd = db.scalar(select(Round).where(Round.fiscal_year == 2570))
        if rnd is None:
            make_round(db, fy=2570)
            chair = make_user(db, Role.COMMITTEE, district="2701")
            make_chair(db, chair)
            db.commit()
        owner = auth.actor_of(db, make_user(db, district=None, province=None))
        application = complete_step_one(db, owner, ApplicantType.GROUP, today=TODAY, now=NOW)
        indicator = development.save_indicator(
            db, owner, application.id, IndicatorForm("สมาชิกประชุมทุกเดือน"), now=NOW
        )
        officer_user = make_user(db, Role.DISTRICT_OFFICER, district="2701")
        members = [make_user(db, Role.COMMITTEE, district="2701") for _ in range(2)]
        chair_id = db.get(DistrictOffice, "2701").chair_user_id
        for earlier in db.scalars(  # earlier scenes' members leave: the committee is three
            select(User).where(
                User.role == Role.COMMITTEE,
                User.district_code == "2701",
                User.id.not_in([chair_id, *(m.id for m in members)]),
            )
        ):
            earlier.active = False
        db.commit()
        return {
            "owner": owner,
            "officer": auth.actor_of(db, officer_user),
            "members": [auth.actor_of(db, m) for m in members],
            "chair": auth.actor_of(db, db.get(User, chair_id)),
            "application_id": application.id,
            "indicator_id": indicator.id,
        }


def _set_status(open_session, application_id: int, status: Status) -> int:  # type: ignore[no-untyped-def]
    with open_session() as db:
        application = db.get(Application, application_id)
        application.status = status
        db.commit()
        return application.version


def _together(*actions: Callable[[], object]) -> list[object]:
    """Runs the actions in threads released at the same instant; returns result or exception."""
    barrier = threading.Barrier(len(actions))
    results: list[object] = [None] * len(actions)

    def run(i: int, action: Callable[[], object]) -> None:
        barrier.wait()
        try:
            results[i] = action()
        except Exception as error:
            results[i] = error

    threads = [threading.Thread(target=run, args=(i, a)) for i, a in enumerate(actions)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return results


def _evaluation(open_session, scene, member, opinion: str, expected_version=None):  # type: ignore[no-untyped-def]
    with open_session() as db:
        return committee.evaluate(
            db,
            member,
            scene["application_id"],
            items=[ItemInput(scene["indicator_id"], True, f"ความเห็น {opinion}")],
            opinion=opinion,
            comments=opinion,
            expected_version=expected_version,
            now=NOW,
        ).id


def test_two_members_evaluating_at_once_both_keep_their_evaluation(open_session, scene):
    _set_status(open_session, scene["application_id"], Status.UNDER_REVIEW)
    a, b = scene["members"]
    results = _together(
        lambda: _evaluation(open_session, scene, a, "pass"),
        lambda: _evaluation(open_session, scene, b, "revise"),
    )
    assert all(isinstance(r, int) for r in results), results
    with open_session() as db:
        stored = db.scalars(
            select(CommitteeEvaluation).where(
                CommitteeEvaluation.application_id == scene["application_id"]
            )
        ).all()
        assert {(e.member_id, e.opinion) for e in stored} == {
            (a.user_id, "pass"),
            (b.user_id, "revise"),
        }


def test_one_member_in_two_tabs_the_second_save_is_refused_and_the_first_kept(open_session, scene):
    _set_status(open_session, scene["application_id"], Status.UNDER_REVIEW)
    member = scene["members"][0]
    _evaluation(open_session, scene, member, "pass")
    with open_session() as db:
        seen = committee.my_evaluation(db, member, scene["application_id"]).version
    # both tabs saw `seen`; the first tab saves, then the second
    _evaluation(open_session, scene, member, "revise", expected_version=seen)
    with pytest.raises(StaleData):
        _evaluation(open_session, scene, member, "not_pass", expected_version=seen)
    with open_session() as db:
        assert committee.my_evaluation(db, member, scene["application_id"]).opinion == "revise"


def test_a_first_evaluation_sent_twice_at_once_is_stored_once(open_session, scene):
    _set_status(open_session, scene["application_id"], Status.UNDER_REVIEW)
    member = scene["members"][0]
    results = _together(
        lambda: _evaluation(open_session, scene, member, "pass"),
        lambda: _evaluation(open_session, scene, member, "pass"),
    )
    assert [r for r in results if not isinstance(r, int)] in ([], [results[0]], [results[1]])
    for r in results:
        assert isinstance(r, int | StaleData), r
    with open_session() as db:
        count = db.scalar(
            select(func.count(CommitteeEvaluation.id)).where(
                CommitteeEvaluation.application_id == scene["application_id"],
                CommitteeEvaluation.member_id == member.user_id,
            )
        )
        assert count == 1


def test_a_member_saving_after_the_chair_resolved_is_told_and_nothing_is_stored(
    open_session, scene
):
    version = _set_status(open_session, scene["application_id"], Status.UNDER_REVIEW)
    _evaluation(open_session, scene, scene["members"][0], "pass")
    _evaluation(open_session, scene, scene["chair"], "pass")  # two of three: the chair may resolve
    member = scene["members"][1]
    with open_session() as db:
        committee.resolve(
            db,
            scene["chair"],
            scene["application_id"],
            decision="revise",
            reasons=None,
            revision_items="เพิ่มหลักฐานการประชุม",
            meeting_on=TODAY,
            expected_version=version,
            now=NOW,
        )
    with pytest.raises(InvalidInput) as told:
        _evaluation(open_session, scene, member, "pass")
    assert "รอคณะกรรมการพิจารณา" in told.value.message
    with open_session() as db:
        assert db.get(Application, scene["application_id"]).status is Status.REVISION_REQUESTED


def test_the_chair_resolving_twice_at_once_records_one_resolution(open_session, scene):
    version = _set_status(open_session, scene["application_id"], Status.UNDER_REVIEW)
    _evaluation(open_session, scene, scene["members"][0], "pass")
    _evaluation(open_session, scene, scene["chair"], "pass")  # two of three: the chair may resolve

    def resolve(decision: str):  # type: ignore[no-untyped-def]
        def run() -> int:
            with open_session() as db:
                return committee.resolve(
                    db,
                    scene["chair"],
                    scene["application_id"],
                    decision=decision,
                    reasons="เหตุผล",
                    revision_items="รายการแก้ไข",
                    meeting_on=TODAY,
                    expected_version=version,
                    now=NOW,
                ).id

        return run

    results = _together(resolve("pass"), resolve("not_pass"))
    winners = [r for r in results if isinstance(r, int)]
    losers = [r for r in results if not isinstance(r, int)]
    assert len(winners) == 1 and len(losers) == 1, results
    assert isinstance(losers[0], DomainError)  # StaleData, or the status had already moved on
    with open_session() as db:
        rows = db.scalars(
            select(Resolution).where(Resolution.application_id == scene["application_id"])
        ).all()
        assert [r.id for r in rows] == winners
        expected = Status.PASSED if rows[0].decision == "pass" else Status.NOT_PASSED
        assert db.get(Application, scene["application_id"]).status is expected


def _update(open_session, actor, application_id: int, version: int, village: str):  # type: ignore[no-untyped-def]
    form = form_for(ApplicantType.GROUP)
    form.village_name = village
    with open_session() as db:
        return applications.update(
            db,
            actor,
            application_id,
            form,
            expected_version=version,
            id_key=ID_KEY,
            today=TODAY,
            now=NOW,
        ).version


def test_officer_on_behalf_and_applicant_saving_the_form_at_once_one_wins(open_session, scene):
    version = _set_status(open_session, scene["application_id"], Status.RETURNED)
    officer = replace(scene["officer"], acting_for=scene["owner"].user_id)
    results = _together(
        lambda: _update(open_session, scene["owner"], scene["application_id"], version, "บ้านเอ"),
        lambda: _update(open_session, officer, scene["application_id"], version, "บ้านบี"),
    )
    kept = [r for r in results if isinstance(r, int)]
    refused = [r for r in results if isinstance(r, StaleData)]
    assert len(kept) == 1 and len(refused) == 1, results
    with open_session() as db:
        application = db.get(Application, scene["application_id"])
        winner = "บ้านเอ" if isinstance(results[0], int) else "บ้านบี"
        assert application.applicant.village_name == winner


def test_officer_deciding_on_a_version_the_applicant_has_since_changed_is_refused(
    open_session, scene
):
    version = _set_status(open_session, scene["application_id"], Status.RETURNED)
    # the officer opened the application, the applicant corrected and re-sent it meanwhile
    _update(open_session, scene["owner"], scene["application_id"], version, "บ้านแก้ไขแล้ว")
    with open_session() as db:
        applications.submit(db, scene["owner"], scene["application_id"], today=TODAY, now=NOW)
    with pytest.raises(StaleData), open_session() as db:
        verification.decide(
            db,
            scene["officer"],
            scene["application_id"],
            accept=False,
            note="ข้อมูลไม่ครบ",
            qualifications_confirmed=False,
            expected_version=version,
            now=NOW,
        )
    with open_session() as db:
        assert db.get(Application, scene["application_id"]).status is Status.SUBMITTED


# ----------------------------------------------------------------------------- invitations


def _invitation_scene(open_session) -> tuple[object, object]:  # type: ignore[no-untyped-def]
    with open_session() as db:
        if db.scalar(select(Round).where(Round.fiscal_year == 2570)) is None:
            make_round(db, fy=2570)
        officers = [make_user(db, Role.DISTRICT_OFFICER, district="2701") for _ in range(2)]
        db.commit()
        return tuple(auth.actor_of(db, o) for o in officers)  # type: ignore[return-value]


def _invite(open_session, officer, name: str, method, phone=None):  # type: ignore[no-untyped-def]
    from services.invitations import InvitationInput

    with open_session() as db:
        data = InvitationInput(
            type=ApplicantType.GROUP, name=name, phone=phone, contacted_on=TODAY, method=method
        )
        return invitations.invite(db, officer, data, today=TODAY, now=NOW).invitation.id


def test_two_officers_inviting_the_same_unit_at_once_make_one_invitation(open_session):
    from core.publicity import ContactMethod

    first, second = _invitation_scene(open_session)
    name = f"กลุ่มพร้อมกัน {uuid.uuid4().hex[:6]}"
    results = _together(
        lambda: _invite(open_session, first, name, ContactMethod.VISIT),
        lambda: _invite(open_session, second, name, ContactMethod.PHONE),
    )
    assert all(isinstance(r, int) for r in results), results
    assert results[0] == results[1]
    with open_session() as db:
        invitation = db.get(Invitation, results[0])
        assert {c.method for c in invitation.contacts} == {ContactMethod.VISIT, ContactMethod.PHONE}


def test_two_registrations_with_the_invited_phone_at_once_both_stand_one_is_linked(open_session):
    from core.publicity import ContactMethod

    first, _ = _invitation_scene(open_session)
    phone = f"09{uuid.uuid4().int % 10**8:08d}"
    invitation_id = _invite(open_session, first, f"กลุ่มเบอร์เดียว {phone}", ContactMethod.LINE, phone)

    def sign_up(username: str) -> int:
        with open_session() as db:
            return register(
                db, username, phone, display_name="นายลงทะเบียน พร้อมกัน", now=NOW, today=TODAY
            ).id

    tag = uuid.uuid4().hex[:6]
    results = _together(lambda: sign_up(f"same-a-{tag}"), lambda: sign_up(f"same-b-{tag}"))
    assert all(isinstance(r, int) for r in results), results  # nobody's registration is lost
    with open_session() as db:
        assert db.get(Invitation, invitation_id).applicant_user_id in results
