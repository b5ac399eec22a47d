from __future__ import annotations

import contextlib
from datetime import date, datetime

import pytest
from sqlalchemy import select

from core.applicant_types import ApplicantType
from core.errors import InvalidInput, PermissionDenied, StaleData, TransitionNotAllowed
from core.roles import Role
from core.workflow import Status
from db.models import Document, Notification
from services import applications, auth, verification
from tests.factories import make_round, make_user
from tests.journey import complete_step_one

TODAY = date(2026, 11, 24)
NOW = datetime(2026, 11, 24, 3, 0)


@pytest.fixture
def sent(db):
    make_round(db, fy=2570)
    owner = auth.actor_of(db, make_user(db))
    application = complete_step_one(db, owner, ApplicantType.GROUP, today=TODAY, now=NOW)
    applications.submit(db, owner, application.id, today=TODAY, now=NOW)
    officer = auth.actor_of(db, make_user(db, Role.DISTRICT_OFFICER, district="2701"))
    return owner, officer, application


def _review_all(db, officer, application):
    for doc in db.scalars(select(Document).where(Document.application_id == application.id)):
        verification.review_document(
            db, officer, application.id, doc.id, accepted=True, reason=None, now=NOW
        )


def _decide(db, officer, application, review=True, **kw):
    if review and kw.get("accept", True):
        with contextlib.suppress(PermissionDenied):
            _review_all(db, officer, application)  # an outsider's decision must fail itself
    args = (
        dict(
            accept=True,
            note=None,
            qualifications_confirmed=True,
            expected_version=application.version,
            now=NOW,
        )
        | kw
    )
    return verification.decide(db, officer, application.id, **args)


def test_accepting_before_every_required_document_is_checked_is_refused(db, sent):
    _, officer, application = sent
    with pytest.raises(InvalidInput, match="ตรวจและบันทึกว่าเอกสารถูกต้อง"):
        _decide(db, officer, application, review=False)
    assert application.status is Status.SUBMITTED


def test_officer_accepts_after_confirming_qualifications_and_the_applicant_is_told(db, sent):
    owner, officer, application = sent
    _decide(db, officer, application)
    assert application.status is Status.ACCEPTED
    kinds = set(db.scalars(select(Notification.kind).where(Notification.user_id == owner.user_id)))
    assert "accepted" in kinds


def test_accepting_without_confirming_qualifications_is_refused(db, sent):
    _, officer, application = sent
    with pytest.raises(InvalidInput, match="คุณสมบัติ"):
        _decide(db, officer, application, qualifications_confirmed=False)
    assert application.status is Status.SUBMITTED


def test_returning_needs_a_note_the_applicant_sees(db, sent):
    _, officer, application = sent
    with pytest.raises(InvalidInput, match="สิ่งที่ต้องแก้ไข"):
        _decide(db, officer, application, accept=False)
    _decide(db, officer, application, accept=False, note="แนบบันทึกการประชุมฉบับที่มีลายมือชื่อ")
    assert application.status is Status.RETURNED
    assert application.officer_note == "แนบบันทึกการประชุมฉบับที่มีลายมือชื่อ"


def test_a_rejected_document_blocks_acceptance_and_shows_its_reason(db, sent):
    _, officer, application = sent
    doc = db.scalars(select(Document).where(Document.application_id == application.id)).first()
    with pytest.raises(InvalidInput, match="เหตุผล"):
        verification.review_document(
            db, officer, application.id, doc.id, accepted=False, reason=" ", now=NOW
        )
    verification.review_document(
        db, officer, application.id, doc.id, accepted=False, reason="ไฟล์อ่านไม่ออก", now=NOW
    )
    with pytest.raises(InvalidInput, match="ไม่ถูกต้อง"):
        _decide(db, officer, application, review=False)


def test_officer_of_another_district_cannot_verify(db, sent):
    _, _, application = sent
    other = auth.actor_of(db, make_user(db, Role.DISTRICT_OFFICER, district="2706"))
    with pytest.raises(PermissionDenied):
        _decide(db, other, application)


def test_the_applicant_cannot_accept_their_own_application(db, sent):
    owner, _, application = sent
    with pytest.raises(PermissionDenied):
        _decide(db, owner, application)


def test_a_decision_from_a_stale_screen_is_refused(db, sent):
    _, officer, application = sent
    stale = application.version
    _decide(db, officer, application, accept=False, note="แก้ไขชื่อกลุ่ม")
    with pytest.raises((StaleData, TransitionNotAllowed)):
        _decide(db, officer, application, review=False, expected_version=stale)


def _minutes(db, application):
    return db.scalars(
        select(Document).where(
            Document.application_id == application.id,
            Document.requirement_code == "meeting_minutes",
        )
    ).one()


def test_accepting_a_document_clears_the_reason_it_was_returned_for(db, sent):
    _, officer, application = sent
    doc = _minutes(db, application)
    verification.review_document(
        db, officer, application.id, doc.id, accepted=False, reason="ไม่มีมติ", now=NOW
    )
    verification.review_document(
        db, officer, application.id, doc.id, accepted=True, reason="ไม่มีมติ", now=NOW
    )
    assert (doc.review_status, doc.review_reason) == ("accepted", None)


def test_a_document_mark_from_a_stale_screen_is_refused_and_changes_nothing(db, sent):
    _, officer, application = sent
    doc = _minutes(db, application)
    seen = application.version
    verification.review_document(
        db, officer, application.id, doc.id, accepted=False, reason="ไม่ชัด", now=NOW
    )
    with pytest.raises(StaleData):
        verification.review_document(
            db,
            officer,
            application.id,
            doc.id,
            accepted=True,
            reason=None,
            expected_version=seen,
            now=NOW,
        )
    db.expire_all()
    assert (doc.review_status, doc.review_reason) == ("rejected", "ไม่ชัด")


def test_every_document_mark_moves_the_version_so_a_decision_on_older_marks_is_refused(db, sent):
    _, officer, application = sent
    doc = _minutes(db, application)
    seen = application.version
    for accepted in (True, True):  # the same clock time twice still counts as a change
        before = application.version
        verification.review_document(
            db, officer, application.id, doc.id, accepted=accepted, reason=None, now=NOW
        )
        assert application.version == before + 1
    with pytest.raises(StaleData):
        _decide(db, officer, application, accept=False, note="แก้ไข", expected_version=seen)
    assert application.status is Status.SUBMITTED
