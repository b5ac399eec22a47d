from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest

from core.applicant_types import ApplicantType
from core.errors import NotFound, PermissionDenied
from core.roles import Role
from core.workflow import Status
from db.models import Advisor
from services import applications, auth, committee, development, documents, timeline, verification
from services.committee import ItemInput
from services.development import IndicatorForm
from tests.factories import make_chair, make_round, make_user
from tests.journey import PDF, VALID_ID, complete_step_one

TODAY = date(2026, 11, 24)
START = datetime(2026, 11, 24, 3, 0)


def _person(db, role, name, district="2701"):  # type: ignore[no-untyped-def]
    user = make_user(db, role, district=district)
    user.display_name = name
    db.flush()
    return auth.actor_of(db, user)


@pytest.fixture
def people(db):
    make_round(db, fy=2570)
    chair = make_user(db, Role.COMMITTEE)
    chair.display_name = "นายประธาน กรรมการ"
    make_chair(db, chair)
    return {
        "owner": _person(db, Role.APPLICANT, "นายสมชาย ใจดี"),
        "officer": _person(db, Role.DISTRICT_OFFICER, "นางสาวพิมพ์ใจ พัฒนากร"),
        "member": _person(db, Role.COMMITTEE, "นางกรรมการ หนึ่ง"),
        "chair": auth.actor_of(db, chair),
        "advisor": _person(db, Role.ADVISOR, "นายที่ปรึกษา", district=None),
    }


@pytest.fixture
def clock():
    minutes = itertools.count()
    return lambda: START + timedelta(minutes=next(minutes))


def _review_all(db, officer, application, clock, *, reject: str | None = None):  # type: ignore[no-untyped-def]
    for item in documents.checklist(db, officer, application.id):
        if item.document_id is None:
            continue
        bad = item.requirement.code == reject
        verification.review_document(
            db,
            officer,
            application.id,
            item.document_id,
            accepted=not bad,
            reason="ภาพไม่ชัด อ่านชื่อไม่ออก" if bad else None,
            now=clock(),
        )


@pytest.fixture
def reviewed(db, people, clock):
    """A leader's application: returned once, fixed, accepted, then returned by the committee."""
    owner, officer = people["owner"], people["officer"]
    application = complete_step_one(db, owner, ApplicantType.LEADER, today=TODAY, now=clock())
    applications.submit(db, owner, application.id, today=TODAY, now=clock())
    card = next(d for d in application.documents if d.requirement_code == "id_card")
    documents.open_document(db, officer, card.id, now=clock())
    _review_all(db, officer, application, clock, reject="photo")
    verification.decide(
        db,
        officer,
        application.id,
        accept=False,
        note="กรุณาแนบรูปถ่ายใหม่",
        qualifications_confirmed=False,
        expected_version=application.version,
        now=clock(),
    )
    documents.upload_requirement(
        db, owner, application.id, "photo", "photo.pdf", PDF + b"new photo", now=clock()
    )
    applications.submit(db, owner, application.id, today=TODAY, now=clock())
    _review_all(db, officer, application, clock)
    verification.decide(
        db,
        officer,
        application.id,
        accept=True,
        note=None,
        qualifications_confirmed=True,
        expected_version=application.version,
        now=clock(),
    )
    indicator = development.save_indicator(
        db, owner, application.id, IndicatorForm("จัดเวทีประชาคมทุกเดือน"), now=clock()
    )
    application.status = Status.UNDER_REVIEW  # a year of self-assessment is tested elsewhere
    db.flush()
    committee.evaluate(
        db,
        people["member"],
        application.id,
        items=[ItemInput(indicator.id, False, "ยังไม่มีบันทึกการประชุม")],
        opinion="not_pass",
        comments="ยังไม่เห็นบันทึกการประชุมประจำเดือน",
        expected_version=None,
        now=clock(),
    )
    committee.evaluate(  # the chair too: a resolution needs more than half of the committee
        db,
        people["chair"],
        application.id,
        items=[ItemInput(indicator.id, False, "ควรแนบบันทึกการประชุม")],
        opinion="revise",
        comments="แนบบันทึกการประชุมทุกเดือน",
        expected_version=None,
        now=clock(),
    )
    committee.resolve(
        db,
        people["chair"],
        application.id,
        decision="revise",
        reasons=None,
        revision_items="แนบบันทึกการประชุมทุกเดือน",
        meeting_on=TODAY,
        expected_version=application.version,
        now=clock(),
    )
    return application


def _milestones(entries):  # type: ignore[no-untyped-def]
    return [e.action for e in entries if e.milestone]


def test_the_steps_of_a_real_flow_appear_in_order_with_thai_labels(db, people, reviewed):
    entries = timeline.timeline(db, people["officer"], reviewed.id)
    assert _milestones(entries) == [
        "application_started",
        "application_submitted",
        "application_returned",
        "application_submitted",
        "application_accepted",
        "committee_resolved",
    ]
    assert [e.at for e in entries] == sorted(e.at for e in entries)
    assert all(e.label == timeline.ACTION_LABELS[e.action] for e in entries)
    labels = [e.label for e in entries]
    assert "ส่งใบสมัครกลับให้แก้ไข" in labels and "ตรวจเอกสาร" in labels
    submitted = next(e for e in entries if e.action == "application_submitted")
    assert (submitted.who, submitted.role_label) == ("นายสมชาย ใจดี", "ผู้สมัคร")


def test_every_decision_carries_its_reason(db, people, reviewed):
    entries = timeline.timeline(db, people["officer"], reviewed.id)
    detail = {e.action: e.detail for e in entries}
    assert detail["application_returned"] == "กรุณาแนบรูปถ่ายใหม่"
    assert "มติ: ให้ปรับปรุงแก้ไข" in detail["committee_resolved"]
    assert "แนบบันทึกการประชุมทุกเดือน" in detail["committee_resolved"]
    rejected = [e for e in entries if e.action == "document_reviewed" and "ไม่ถูกต้อง" in e.detail]
    assert len(rejected) == 1  # the photo, since replaced: its file (and reason) is gone
    replaced = [e.detail for e in entries if e.action == "document_uploaded"]
    assert "รูปถ่าย 1 รูป (แทนไฟล์เดิม)" in replaced
    resolved = next(e for e in entries if e.action == "committee_resolved")
    assert resolved.who == "นายประธาน กรรมการ"


def test_no_detail_ever_shows_the_national_id(db, people, reviewed):
    for viewer in ("owner", "officer", "chair"):
        for e in timeline.timeline(db, people[viewer], reviewed.id):
            assert VALID_ID not in f"{e.detail} {e.who} {e.on_behalf_of}"


def test_the_applicant_sees_the_resolution_but_not_how_each_member_voted(db, people, reviewed):
    entries = timeline.timeline(db, people["owner"], reviewed.id)
    evaluated = next(e for e in entries if e.action == "committee_evaluated")
    assert evaluated.who == "คณะกรรมการ มชช. อำเภอ"
    assert evaluated.detail is None
    assert "committee_resolved" in _milestones(entries)
    officials = timeline.timeline(db, people["chair"], reviewed.id)
    evaluated = next(e for e in officials if e.action == "committee_evaluated")
    assert (evaluated.who, evaluated.detail) == ("นางกรรมการ หนึ่ง", "ความเห็น: ไม่ควรผ่าน")


def test_the_applicant_sees_who_opened_their_personal_documents_an_advisor_does_not(
    db, people, reviewed
):
    viewed = [
        e
        for e in timeline.timeline(db, people["owner"], reviewed.id)
        if e.action == "personal_document_viewed"
    ]
    assert [(e.who, e.detail) for e in viewed] == [("นางสาวพิมพ์ใจ พัฒนากร", "สำเนาบัตรประชาชน")]
    db.add(Advisor(application_id=reviewed.id, name="ที่ปรึกษา", user_id=people["advisor"].user_id))
    db.flush()
    advisor_view = timeline.timeline(db, people["advisor"], reviewed.id)
    assert advisor_view and "personal_document_viewed" not in {e.action for e in advisor_view}


def test_an_officer_of_another_district_and_a_stranger_are_refused(db, people, reviewed):
    elsewhere = _person(db, Role.DISTRICT_OFFICER, "นายอื่น", district="2706")
    stranger = _person(db, Role.APPLICANT, "นางสาวคนอื่น")
    for outsider in (elsewhere, stranger):
        with pytest.raises(PermissionDenied):
            timeline.timeline(db, outsider, reviewed.id)
    with pytest.raises(NotFound):
        timeline.timeline(db, people["officer"], 999_999)


def test_work_an_officer_does_for_the_applicant_names_the_applicant(db, people, clock):
    owner, officer = people["owner"], people["officer"]
    application = complete_step_one(db, owner, ApplicantType.GROUP, today=TODAY, now=clock())
    filling_in = replace(officer, acting_for=owner.user_id)  # "กรอกแทนผู้สมัคร"
    documents.upload_requirement(
        db, filling_in, application.id, "advisor_list", "advisors.pdf", PDF + b"list", now=clock()
    )
    [entry] = [
        e
        for e in timeline.timeline(db, owner, application.id)
        if e.action == "document_uploaded" and e.who == "นางสาวพิมพ์ใจ พัฒนากร"
    ]
    assert entry.on_behalf_of == "นายสมชาย ใจดี"
    assert entry.role_label == "พัฒนากร (สำนักงานพัฒนาชุมชนอำเภอ)"
    assert entry.detail.startswith("รายชื่อคณะที่ปรึกษา")


def test_a_document_review_shows_the_document_and_the_reason_the_applicant_was_given(
    db, people, clock
):
    owner, officer = people["owner"], people["officer"]
    application = complete_step_one(db, owner, ApplicantType.LEADER, today=TODAY, now=clock())
    applications.submit(db, owner, application.id, today=TODAY, now=clock())
    _review_all(db, officer, application, clock, reject="house_registration")
    details = [
        e.detail
        for e in timeline.timeline(db, owner, application.id)
        if e.action == "document_reviewed"
    ]
    assert "สำเนาทะเบียนบ้าน · ผลตรวจ: ไม่ถูกต้อง — ภาพไม่ชัด อ่านชื่อไม่ออก" in details
    assert "สำเนาบัตรประชาชน · ผลตรวจ: ถูกต้อง" in details


def test_the_chair_reads_each_members_evaluation_under_the_members_name(db, people, reviewed):
    evaluations = committee.evaluations_with_names(db, people["chair"], reviewed.id)
    by_name = {e.member_name: e for e in evaluations}
    assert set(by_name) == {"นางกรรมการ หนึ่ง", "นายประธาน กรรมการ"}
    evaluation = by_name["นางกรรมการ หนึ่ง"]
    assert evaluation.opinion_label == "ไม่ควรผ่าน"
    [item] = evaluation.items.values()
    assert (item.reached, item.how) == (False, "ยังไม่มีบันทึกการประชุม")
    with pytest.raises(PermissionDenied):
        committee.evaluations_with_names(db, people["owner"], reviewed.id)
    elsewhere = _person(db, Role.COMMITTEE, "กรรมการอำเภออื่น", district="2706")
    with pytest.raises(PermissionDenied):
        committee.evaluations_with_names(db, elsewhere, reviewed.id)
