from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import func, select

from core.applicant_types import DOCUMENTS, ApplicantType, required_documents
from core.errors import InvalidInput, NotFound, PermissionDenied, TransitionNotAllowed
from core.roles import Role
from core.uploads import MAX_BYTES
from core.workflow import Status
from db.models import (
    ActivityLog,
    Assessment,
    AuditEvent,
    Document,
    PlanActivity,
)
from services import documents, storage
from services.auth import actor_of
from services.documents import PERSONAL_NAME_HIDDEN
from tests.factories import make_application, make_round, make_user

PDF = b"%PDF-1.4\n%test\n"
PDF_2 = b"%PDF-1.4\n%second version\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR0123456789"

# Every test here runs with the bytes in the database and in an S3 bucket.
pytestmark = pytest.mark.usefixtures("document_store")


@pytest.fixture
def owner(db):
    return make_user(db, Role.APPLICANT)


@pytest.fixture
def advisor(db):
    return make_user(db, Role.ADVISOR)


@pytest.fixture
def leader_app(db, owner, advisor):
    return make_application(
        db, owner, make_round(db), kind=ApplicantType.LEADER, advisor=advisor, name="นายทดสอบ"
    )


@pytest.fixture
def group_app(db, owner):
    return make_application(db, owner, make_round(db), kind=ApplicantType.GROUP)


def _counts(db) -> tuple[int, int, int]:
    return (
        db.scalar(select(func.count(Document.id))),
        len(list(storage.for_session(db).keys())),
        db.scalar(select(func.count(AuditEvent.id))),
    )


def _rows(db, application, code):
    return db.scalars(
        select(Document).where(
            Document.application_id == application.id, Document.requirement_code == code
        )
    ).all()


def _events(db, action):
    return db.scalars(select(AuditEvent).where(AuditEvent.action == action)).all()


def _set_status(db, application, status):
    application.status = status
    db.flush()


# ---------------------------------------------------------------- upload_requirement


def test_the_owner_uploads_each_document_of_the_checklist(db, now, owner, leader_app):
    actor = actor_of(db, owner)
    for requirement in DOCUMENTS[ApplicantType.LEADER]:
        doc = documents.upload_requirement(
            db, actor, leader_app.id, requirement.code, f"{requirement.code}.pdf", PDF, now=now
        )
        assert doc.requirement_code == requirement.code
        assert doc.personal is requirement.personal
        assert doc.content_type == "application/pdf"
        assert doc.size == len(PDF)
        assert doc.sha256 == hashlib.sha256(PDF).hexdigest()
        assert doc.uploaded_by_id == owner.id
        assert doc.uploaded_at == now
        assert storage.for_session(db).get(doc.sha256) == PDF

    items = documents.checklist(db, actor, leader_app.id)
    assert [i.requirement for i in items] == list(DOCUMENTS[ApplicantType.LEADER])
    assert all(i.uploaded and i.review_status == "pending" for i in items)
    assert documents.missing_required(db, leader_app) == []

    events = _events(db, "document_uploaded")
    assert len(events) == len(DOCUMENTS[ApplicantType.LEADER])
    detail = json.loads(events[0].detail)
    assert detail["code"] == "application_form"
    assert detail["sha256"] == hashlib.sha256(PDF).hexdigest()
    assert events[0].entity == "document"
    assert events[0].application_id == leader_app.id
    assert events[0].on_behalf_of_id is None


def test_a_png_is_stored_with_its_type_and_a_clean_name(db, now, owner, leader_app):
    doc = documents.upload_requirement(
        db, actor_of(db, owner), leader_app.id, "photo", "../../me\n.png", PNG, now=now
    )
    assert doc.content_type == "image/png"
    assert doc.filename == "me.png"


def test_a_new_file_replaces_the_old_one_of_the_same_code(
    db, now, owner, group_app, document_store
):
    actor = actor_of(db, owner)
    first = documents.upload_requirement(
        db, actor, group_app.id, "application_form", "v1.pdf", PDF, now=now
    )
    first_id = first.id
    second = documents.upload_requirement(
        db, actor, group_app.id, "application_form", "v2.pdf", PDF_2, now=now
    )
    assert second.id != first_id
    rows = _rows(db, group_app, "application_form")
    assert [r.id for r in rows] == [second.id]
    assert rows[0].filename == "v2.pdf"
    # In the database the old bytes go with the row; a bucket's wait for gc-documents.
    assert document_store.exists(first.sha256) is not document_store.transactional
    assert document_store.get(second.sha256) == PDF_2
    assert json.loads(_events(db, "document_uploaded")[-1].detail)["replaced"] == [first_id]


def test_the_same_bytes_twice_keep_one_row_and_one_event(db, now, owner, group_app):
    actor = actor_of(db, owner)
    first = documents.upload_requirement(
        db, actor, group_app.id, "application_form", "form.pdf", PDF, now=now
    )
    before = _counts(db)
    again = documents.upload_requirement(
        db, actor, group_app.id, "application_form", "form (1).pdf", PDF, now=now
    )
    assert again.id == first.id
    assert _counts(db) == before
    assert len(_rows(db, group_app, "application_form")) == 1


def test_another_applicant_cannot_upload(db, now, group_app):
    stranger = make_user(db, Role.APPLICANT)
    before = _counts(db)
    with pytest.raises(PermissionDenied):
        documents.upload_requirement(
            db, actor_of(db, stranger), group_app.id, "application_form", "f.pdf", PDF, now=now
        )
    assert _counts(db) == before


def test_an_officer_of_the_district_uploads_on_behalf_of_the_owner(db, now, owner, group_app):
    officer = make_user(db, Role.DISTRICT_OFFICER, district="2701")
    acting = replace(actor_of(db, officer), acting_for=owner.id)
    doc = documents.upload_requirement(
        db, acting, group_app.id, "application_form", "f.pdf", PDF, now=now
    )
    assert doc.uploaded_by_id == officer.id
    event = _events(db, "document_uploaded")[-1]
    assert event.actor_id == officer.id
    assert event.on_behalf_of_id == owner.id


@pytest.mark.parametrize(
    ("role", "district"),
    [
        (Role.DISTRICT_OFFICER, "2702"),
        (Role.COMMITTEE, "2701"),
        (Role.ADVISOR, "2701"),
        (Role.PROVINCE_OFFICER, None),
    ],
)
def test_others_cannot_upload(db, now, group_app, role, district):
    user = make_user(db, role, district=district)
    with pytest.raises(PermissionDenied):
        documents.upload_requirement(
            db, actor_of(db, user), group_app.id, "application_form", "f.pdf", PDF, now=now
        )


def test_an_unknown_application_is_not_found(db, now, owner):
    with pytest.raises(NotFound):
        documents.upload_requirement(
            db, actor_of(db, owner), 999_999, "application_form", "f.pdf", PDF, now=now
        )


def test_upload_is_refused_once_submitted_and_allowed_again_when_returned(
    db, now, owner, group_app
):
    actor = actor_of(db, owner)
    _set_status(db, group_app, Status.SUBMITTED)
    before = _counts(db)
    with pytest.raises(TransitionNotAllowed):
        documents.upload_requirement(
            db, actor, group_app.id, "application_form", "f.pdf", PDF, now=now
        )
    assert _counts(db) == before

    _set_status(db, group_app, Status.RETURNED)
    doc = documents.upload_requirement(
        db, actor, group_app.id, "application_form", "f.pdf", PDF, now=now
    )
    assert doc.id is not None


def test_a_code_outside_the_types_list_is_refused(db, now, owner, group_app):
    before = _counts(db)
    # id_card belongs to leaders, not to groups
    for code in ("id_card", "no_such_code"):
        with pytest.raises(InvalidInput, match="ไม่อยู่ในรายการเอกสาร"):
            documents.upload_requirement(
                db, actor_of(db, owner), group_app.id, code, "f.pdf", PDF, now=now
            )
    assert _counts(db) == before


@pytest.mark.parametrize(
    ("filename", "data", "message"),
    [
        ("letter.pdf", b"plain text, not a PDF at all", "ไฟล์นี้ไม่ใช่ PDF, JPG หรือ PNG"),
        ("anim.gif", b"GIF89a" + b"\x00" * 10, "ไฟล์นี้ไม่ใช่ PDF, JPG หรือ PNG"),
        ("empty.pdf", b"", "ว่างเปล่า"),
    ],
)
def test_bad_content_is_refused_and_nothing_is_written(
    db, now, owner, group_app, filename, data, message
):
    before = _counts(db)
    with pytest.raises(InvalidInput, match=message):
        documents.upload_requirement(
            db, actor_of(db, owner), group_app.id, "application_form", filename, data, now=now
        )
    assert _counts(db) == before


def test_bad_content_does_not_remove_the_file_already_there(db, now, owner, group_app):
    actor = actor_of(db, owner)
    kept = documents.upload_requirement(
        db, actor, group_app.id, "application_form", "f.pdf", PDF, now=now
    )
    with pytest.raises(InvalidInput):
        documents.upload_requirement(
            db, actor, group_app.id, "application_form", "f.pdf", b"nope", now=now
        )
    assert [r.id for r in _rows(db, group_app, "application_form")] == [kept.id]


def test_an_oversize_file_is_refused_and_nothing_is_written(db, now, owner, group_app):
    data = b"%PDF-" + b"0" * (10 * 1024 * 1024 - 4)
    assert len(data) == MAX_BYTES + 1
    before = _counts(db)
    with pytest.raises(InvalidInput, match="ใหญ่เกินกำหนด"):
        documents.upload_requirement(
            db, actor_of(db, owner), group_app.id, "application_form", "big.pdf", data, now=now
        )
    assert _counts(db) == before


# ---------------------------------------------------------------- remove_requirement


def test_the_owner_removes_a_document(db, now, owner, group_app, document_store):
    actor = actor_of(db, owner)
    doc = documents.upload_requirement(
        db, actor, group_app.id, "meeting_minutes", "m.pdf", PDF, now=now
    )
    doc_id = doc.id
    documents.remove_requirement(db, actor, group_app.id, "meeting_minutes", now=now)
    assert _rows(db, group_app, "meeting_minutes") == []
    assert document_store.exists(doc.sha256) is not document_store.transactional
    event = _events(db, "document_removed")[-1]
    assert event.entity_id == doc_id
    assert json.loads(event.detail)["code"] == "meeting_minutes"


def test_removing_what_is_not_there_is_not_found(db, now, owner, group_app):
    with pytest.raises(NotFound, match="ยังไม่มีไฟล์"):
        documents.remove_requirement(
            db, actor_of(db, owner), group_app.id, "meeting_minutes", now=now
        )


def test_remove_checks_permission_and_state(db, now, owner, group_app):
    actor = actor_of(db, owner)
    documents.upload_requirement(db, actor, group_app.id, "meeting_minutes", "m.pdf", PDF, now=now)
    stranger = make_user(db, Role.APPLICANT)
    with pytest.raises(PermissionDenied):
        documents.remove_requirement(
            db, actor_of(db, stranger), group_app.id, "meeting_minutes", now=now
        )
    _set_status(db, group_app, Status.SUBMITTED)
    with pytest.raises(TransitionNotAllowed):
        documents.remove_requirement(db, actor, group_app.id, "meeting_minutes", now=now)
    assert len(_rows(db, group_app, "meeting_minutes")) == 1


# ---------------------------------------------------------------- checklist and missing


def test_missing_required_lists_the_leaders_id_card_and_others(db, now, owner, leader_app):
    required = required_documents(ApplicantType.LEADER)
    assert documents.missing_required(db, leader_app) == list(required)
    documents.upload_requirement(
        db, actor_of(db, owner), leader_app.id, "application_form", "f.pdf", PDF, now=now
    )
    missing = [r.code for r in documents.missing_required(db, leader_app)]
    assert missing == ["photo", "house_registration", "id_card"]
    assert "advisor_list" not in missing  # optional


def test_checklist_follows_the_types_order_and_shows_what_is_missing(db, now, owner, group_app):
    actor = actor_of(db, owner)
    documents.upload_requirement(db, actor, group_app.id, "lead_team_list", "t.png", PNG, now=now)
    items = documents.checklist(db, actor, group_app.id)
    assert [i.requirement.code for i in items] == [d.code for d in DOCUMENTS[ApplicantType.GROUP]]
    by_code = {i.requirement.code: i for i in items}
    team = by_code["lead_team_list"]
    assert (team.filename, team.size, team.uploaded_at) == ("t.png", len(PNG), now)
    form = by_code["application_form"]
    assert not form.uploaded
    assert (form.document_id, form.filename, form.size, form.review_status) == (
        None,
        None,
        None,
        None,
    )


def test_checklist_hides_personal_file_names_from_who_may_not_open_them(
    db, now, owner, advisor, leader_app
):
    documents.upload_requirement(
        db, actor_of(db, owner), leader_app.id, "id_card", "บัตร นายสมชาย.jpg", PDF, now=now
    )
    mine = {
        i.requirement.code: i for i in documents.checklist(db, actor_of(db, owner), leader_app.id)
    }
    theirs = {
        i.requirement.code: i for i in documents.checklist(db, actor_of(db, advisor), leader_app.id)
    }
    assert mine["id_card"].filename == "บัตร นายสมชาย.jpg"
    assert theirs["id_card"].filename == PERSONAL_NAME_HIDDEN
    assert theirs["id_card"].uploaded


def test_checklist_needs_view_permission(db, leader_app):
    stranger = make_user(db, Role.DISTRICT_OFFICER, district="2702")
    with pytest.raises(PermissionDenied):
        documents.checklist(db, actor_of(db, stranger), leader_app.id)


# ---------------------------------------------------------------- open_document


def _id_card(db, now, owner, application):
    return documents.upload_requirement(
        db, actor_of(db, owner), application.id, "id_card", "id.pdf", PDF, now=now
    )


def test_the_committee_of_the_district_opens_an_id_card_and_it_is_logged(
    db, now, owner, leader_app
):
    doc = _id_card(db, now, owner, leader_app)
    member = make_user(db, Role.COMMITTEE, district="2701")
    assert documents.open_document(db, actor_of(db, member), doc.id, now=now) == (
        "id.pdf",
        "application/pdf",
        PDF,
    )
    events = _events(db, "personal_document_viewed")
    assert len(events) == 1
    assert (events[0].actor_id, events[0].entity, events[0].entity_id) == (
        member.id,
        "document",
        doc.id,
    )
    assert events[0].application_id == leader_app.id
    assert events[0].at == now


def test_every_opening_of_a_personal_document_is_logged_even_by_the_owner(
    db, now, owner, leader_app
):
    doc = _id_card(db, now, owner, leader_app)
    for _ in range(2):
        documents.open_document(db, actor_of(db, owner), doc.id, now=now)
    assert len(_events(db, "personal_document_viewed")) == 2


@pytest.mark.parametrize(
    ("role", "district"),
    [(Role.ADVISOR, "2701"), (Role.COMMITTEE, "2702"), (Role.APPLICANT, "2701")],
)
def test_others_may_not_open_an_id_card(db, now, owner, advisor, leader_app, role, district):
    doc = _id_card(db, now, owner, leader_app)
    user = advisor if role is Role.ADVISOR else make_user(db, role, district=district)
    with pytest.raises(PermissionDenied):
        documents.open_document(db, actor_of(db, user), doc.id, now=now)
    assert _events(db, "personal_document_viewed") == []


def test_the_advisor_opens_a_non_personal_document_without_a_pdpa_event(
    db, now, owner, advisor, leader_app
):
    doc = documents.upload_requirement(
        db, actor_of(db, owner), leader_app.id, "application_form", "f.pdf", PDF, now=now
    )
    name, content_type, data = documents.open_document(db, actor_of(db, advisor), doc.id, now=now)
    assert (name, content_type, data) == ("f.pdf", "application/pdf", PDF)
    assert _events(db, "personal_document_viewed") == []


def test_opening_an_unknown_document_is_not_found(db, now, owner):
    with pytest.raises(NotFound):
        documents.open_document(db, actor_of(db, owner), 999_999, now=now)


# ---------------------------------------------------------------- evidence


def _log(db, application, owner):
    activity = PlanActivity(
        application_id=application.id,
        title="อบรมการทำบัญชีกลุ่ม",
        starts_on=date(2026, 12, 1),
        ends_on=date(2027, 1, 31),
    )
    db.add(activity)
    db.flush()
    log = ActivityLog(
        activity_id=activity.id,
        done_on=date(2026, 12, 5),
        description="จัดอบรม 20 คน",
        created_by_id=owner.id,
    )
    db.add(log)
    db.flush()
    return log


def _assessment(db, application, *, submitted_at=None):
    assessment = Assessment(
        application_id=application.id,
        number=1,
        due_on=date(2027, 3, 1),
        submitted_at=submitted_at,
    )
    db.add(assessment)
    db.flush()
    return assessment


def test_evidence_attaches_to_an_activity_log(db, now, owner, group_app):
    log = _log(db, group_app, owner)
    _set_status(db, group_app, Status.ACCEPTED)
    doc = documents.upload_evidence(
        db, actor_of(db, owner), group_app.id, "photo.png", PNG, activity_log_id=log.id, now=now
    )
    assert (doc.activity_log_id, doc.assessment_id, doc.requirement_code) == (log.id, None, None)
    assert doc.personal is False
    event = _events(db, "evidence_uploaded")[-1]
    assert json.loads(event.detail)["activity_log_id"] == log.id


def test_the_same_evidence_twice_keeps_one_row(db, now, owner, group_app):
    log = _log(db, group_app, owner)
    actor = actor_of(db, owner)
    first = documents.upload_evidence(
        db, actor, group_app.id, "p.png", PNG, activity_log_id=log.id, now=now
    )
    before = _counts(db)
    again = documents.upload_evidence(
        db, actor, group_app.id, "p.png", PNG, activity_log_id=log.id, now=now
    )
    assert again.id == first.id
    assert _counts(db) == before


def test_evidence_attaches_to_an_open_assessment(db, now, owner, group_app):
    assessment = _assessment(db, group_app)
    doc = documents.upload_evidence(
        db, actor_of(db, owner), group_app.id, "a.pdf", PDF, assessment_id=assessment.id, now=now
    )
    assert doc.assessment_id == assessment.id


def test_evidence_on_a_submitted_assessment_is_refused(db, now, owner, group_app):
    assessment = _assessment(db, group_app, submitted_at=now)
    before = _counts(db)
    with pytest.raises(TransitionNotAllowed, match="การประเมินรอบนี้ส่งแล้ว แก้ไขไม่ได้"):
        documents.upload_evidence(
            db,
            actor_of(db, owner),
            group_app.id,
            "a.pdf",
            PDF,
            assessment_id=assessment.id,
            now=now,
        )
    assert _counts(db) == before


def test_evidence_must_belong_to_the_application(db, now, owner, group_app):
    other_owner = make_user(db, Role.APPLICANT)
    other = make_application(db, other_owner, make_round(db, fy=2571), name="กลุ่มอื่น")
    log = _log(db, other, other_owner)
    assessment = _assessment(db, other)
    actor = actor_of(db, owner)
    with pytest.raises(NotFound):
        documents.upload_evidence(
            db, actor, group_app.id, "a.pdf", PDF, activity_log_id=log.id, now=now
        )
    with pytest.raises(NotFound):
        documents.upload_evidence(
            db, actor, group_app.id, "a.pdf", PDF, assessment_id=assessment.id, now=now
        )


def test_evidence_checks_permission_state_content_and_target(db, now, owner, group_app):
    log = _log(db, group_app, owner)
    actor = actor_of(db, owner)
    stranger = make_user(db, Role.APPLICANT)
    before = _counts(db)
    with pytest.raises(PermissionDenied):
        documents.upload_evidence(
            db, actor_of(db, stranger), group_app.id, "a.pdf", PDF, activity_log_id=log.id, now=now
        )
    with pytest.raises(InvalidInput, match="ไฟล์นี้ไม่ใช่"):
        documents.upload_evidence(
            db, actor, group_app.id, "a.pdf", b"text", activity_log_id=log.id, now=now
        )
    with pytest.raises(InvalidInput, match="อย่างใดอย่างหนึ่ง"):
        documents.upload_evidence(db, actor, group_app.id, "a.pdf", PDF, now=now)
    _set_status(db, group_app, Status.UNDER_REVIEW)
    with pytest.raises(TransitionNotAllowed):
        documents.upload_evidence(
            db, actor, group_app.id, "a.pdf", PDF, activity_log_id=log.id, now=now
        )
    assert _counts(db) == before


# ---------------------------------------------------------------- a document the officer returned


def _returned_document(db, now, owner, application, code):
    document = documents.upload_requirement(
        db, actor_of(db, owner), application.id, code, "a.pdf", PDF, now=now
    )
    document.review_status, document.review_reason = "rejected", "ไม่มีลายมือชื่อ"
    _set_status(db, application, Status.RETURNED)
    return document


def test_a_replacement_for_a_returned_document_starts_unchecked_with_no_reason(
    db, now, owner, group_app
):
    _returned_document(db, now, owner, group_app, "meeting_minutes")
    documents.upload_requirement(
        db, actor_of(db, owner), group_app.id, "meeting_minutes", "b.pdf", PDF_2, now=now
    )
    [item] = [
        i
        for i in documents.checklist(db, actor_of(db, owner), group_app.id)
        if i.requirement.code == "meeting_minutes"
    ]
    assert (item.filename, item.review_status, item.review_reason) == ("b.pdf", "pending", None)
    assert documents.returned(db, group_app) == []


def test_the_same_file_again_for_a_returned_document_is_refused_and_it_stays_returned(
    db, now, owner, group_app
):
    document = _returned_document(db, now, owner, group_app, "meeting_minutes")
    before = _counts(db)
    with pytest.raises(InvalidInput, match="ไฟล์เดิมที่พัฒนากรส่งกลับ"):
        documents.upload_requirement(
            db, actor_of(db, owner), group_app.id, "meeting_minutes", "a.pdf", PDF, now=now
        )
    assert _counts(db) == before
    assert (document.review_status, document.review_reason) == ("rejected", "ไม่มีลายมือชื่อ")
    assert [d.code for d in documents.returned(db, group_app)] == ["meeting_minutes"]
