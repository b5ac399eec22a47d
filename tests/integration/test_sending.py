"""Sending step 1 to the officer: what must be there first, sending again after a return, and who
is told (by the unit's name)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest
from sqlalchemy import select

from core.applicant_types import ApplicantType
from core.errors import InvalidInput
from core.roles import Role
from core.workflow import Status
from db.models import Document, Notification
from services import applications, auth, documents, on_behalf, verification
from tests.factories import make_round, make_user
from tests.journey import ID_KEY, PDF, complete_step_one, form_for

TODAY = date(2026, 11, 24)
NOW = datetime(2026, 11, 24, 3, 0)


@pytest.fixture
def people(db):
    make_round(db, fy=2570)
    owner = auth.actor_of(db, make_user(db))
    officers = [
        auth.actor_of(db, make_user(db, Role.DISTRICT_OFFICER, district="2701")) for _ in range(2)
    ]
    return owner, officers


def _titles(db, user_id: int) -> list[str]:
    return list(
        db.scalars(
            select(Notification.title)
            .where(Notification.user_id == user_id)
            .order_by(Notification.id)
        )
    )


def _returned(db, owner, officer, application, *, reject: tuple[str, ...]):
    """The officer marks `reject` wrong, the rest right, and returns the application."""
    for doc in db.scalars(select(Document).where(Document.application_id == application.id)):
        bad = doc.requirement_code in reject
        verification.review_document(
            db,
            officer,
            application.id,
            doc.id,
            accepted=not bad,
            reason="ไม่มีลายมือชื่อ" if bad else None,
            now=NOW,
        )
    verification.decide(
        db,
        officer,
        application.id,
        accept=False,
        note="แก้เอกสารที่แจ้งไว้",
        qualifications_confirmed=False,
        expected_version=application.version,
        now=NOW,
    )
    assert application.status is Status.RETURNED


def _sent_and_returned(db, owner, officer, kind=ApplicantType.GROUP, **kw):
    application = complete_step_one(db, owner, kind, today=TODAY, now=NOW)
    applications.submit(db, owner, application.id, today=TODAY, now=NOW)
    _returned(db, owner, officer, application, **kw)
    return application


def _replace(db, owner, application, code: str) -> None:
    documents.upload_requirement(
        db, owner, application.id, code, f"{code}-new.pdf", PDF + b"fixed " + code.encode(), now=NOW
    )


# ------------------------------------------------------------------ sending again after a return


def test_sending_again_is_refused_naming_each_document_still_returned(db, people):
    owner, (officer, _) = people
    application = _sent_and_returned(
        db, owner, officer, reject=("meeting_minutes", "lead_team_list")
    )
    with pytest.raises(InvalidInput) as refused:
        applications.submit(db, owner, application.id, today=TODAY, now=NOW)
    assert "บันทึกการประชุมกลุ่ม" in refused.value.message
    assert "รายชื่อทีมนำการพัฒนา" in refused.value.message
    assert "ใบสมัคร," not in refused.value.message  # the accepted form is not named
    assert application.status is Status.RETURNED

    _replace(db, owner, application, "meeting_minutes")
    with pytest.raises(InvalidInput, match="รายชื่อทีมนำการพัฒนา") as still:
        applications.submit(db, owner, application.id, today=TODAY, now=NOW)
    assert "บันทึกการประชุม" not in still.value.message
    assert application.status is Status.RETURNED


def test_sending_again_works_once_every_returned_document_is_replaced(db, people):
    owner, (officer, _) = people
    application = _sent_and_returned(db, owner, officer, reject=("meeting_minutes",))
    _replace(db, owner, application, "meeting_minutes")
    applications.submit(db, owner, application.id, today=TODAY, now=NOW)
    assert application.status is Status.SUBMITTED
    reviews = {
        d.requirement_code: (d.review_status, d.review_reason) for d in application.documents
    }
    assert reviews["meeting_minutes"] == ("pending", None)
    assert reviews["application_form"] == ("accepted", None)  # checked once, not again


def test_the_step_one_list_names_the_returned_document_only_while_it_is_the_applicants_to_fix(
    db, people
):
    owner, (officer, _) = people
    application = complete_step_one(db, owner, ApplicantType.GROUP, today=TODAY, now=NOW)
    applications.submit(db, owner, application.id, today=TODAY, now=NOW)
    minutes = next(d for d in application.documents if d.requirement_code == "meeting_minutes")
    verification.review_document(
        db, officer, application.id, minutes.id, accepted=False, reason="ไม่ชัด", now=NOW
    )
    assert applications.problems(db, application, TODAY) == []  # the officer is still checking
    verification.decide(
        db,
        officer,
        application.id,
        accept=False,
        note="แก้บันทึกการประชุม",
        qualifications_confirmed=False,
        expected_version=application.version,
        now=NOW,
    )
    [problem] = applications.problems(db, application, TODAY)
    assert "อัปโหลดไฟล์ใหม่แทน" in problem and "บันทึกการประชุมกลุ่ม" in problem


# ------------------------------------------------------------------ the area before sending


def _draft(db, owner, kind: ApplicantType, **changes):
    application = complete_step_one(db, owner, kind, today=TODAY, now=NOW)
    form = replace(form_for(kind), **changes)
    applications.update(
        db,
        owner,
        application.id,
        form,
        expected_version=application.version,
        id_key=ID_KEY,
        today=TODAY,
        now=NOW,
    )
    return application


def test_a_draft_without_a_subdistrict_saves_but_cannot_be_sent(db, people):
    owner, _ = people
    application = _draft(db, owner, ApplicantType.COMMUNITY, subdistrict_code=None)
    assert application.applicant.subdistrict_code is None  # saving the draft is allowed
    with pytest.raises(InvalidInput, match="ยังไม่ได้เลือกตำบล"):
        applications.submit(db, owner, application.id, today=TODAY, now=NOW)
    assert application.status is Status.DRAFT


@pytest.mark.parametrize("kind", [ApplicantType.LEADER, ApplicantType.GROUP])
def test_a_leader_or_a_group_without_its_village_cannot_be_sent(db, people, kind):
    owner, _ = people
    application = _draft(db, owner, kind, village_no=None, village_name="  ")
    with pytest.raises(InvalidInput, match="หมู่ที่หรือชื่อหมู่บ้าน"):
        applications.submit(db, owner, application.id, today=TODAY, now=NOW)
    assert application.status is Status.DRAFT


def test_a_network_spanning_villages_is_sent_without_one(db, people):
    owner, _ = people
    application = _draft(db, owner, ApplicantType.NETWORK, village_no=None, village_name=None)
    applications.submit(db, owner, application.id, today=TODAY, now=NOW)
    assert application.status is Status.SUBMITTED


# ------------------------------------------------------------------ who is told


def test_every_officer_of_the_district_is_told_which_unit_sent_what(db, people):
    owner, officers = people
    application = _sent_and_returned(db, owner, officers[0], reject=("meeting_minutes",))
    _replace(db, owner, application, "meeting_minutes")
    applications.submit(db, owner, application.id, today=TODAY, now=NOW)
    for officer in officers:
        assert _titles(db, officer.user_id) == [
            "ใบสมัครใหม่รอตรวจสอบ: กลุ่มทดสอบ (กลุ่ม/องค์กรชุมชน)",
            "ใบสมัครที่แก้ไขแล้วรอตรวจสอบ: กลุ่มทดสอบ (กลุ่ม/องค์กรชุมชน)",
        ]


def test_a_long_name_is_cut_to_fit_the_title_and_still_starts_with_the_unit(db, people):
    owner, (officer, _) = people
    application = _draft(db, owner, ApplicantType.GROUP, name="กลุ่ม" + "ก" * 295)
    applications.submit(db, owner, application.id, today=TODAY, now=NOW)
    [title] = _titles(db, officer.user_id)
    assert len(title) == 300 and title.endswith("…")
    assert title.startswith("ใบสมัครใหม่รอตรวจสอบ: กลุ่มกกก")


def test_the_officer_sending_for_a_paper_applicant_is_not_told_but_the_colleague_is(db, people):
    _, (officer, colleague) = people
    paper, _ = on_behalf.create_paper_applicant(
        db,
        officer,
        display_name="นางคำปุน ทองมา",
        phone="0812345678",
        privacy_informed=True,
        now=NOW,
    )
    acting = replace(officer, acting_for=paper.id)
    application = complete_step_one(db, acting, ApplicantType.GROUP, today=TODAY, now=NOW)
    applications.submit(db, acting, application.id, today=TODAY, now=NOW)
    assert application.status is Status.SUBMITTED
    assert _titles(db, officer.user_id) == []
    assert _titles(db, colleague.user_id) == ["ใบสมัครใหม่รอตรวจสอบ: กลุ่มทดสอบ (กลุ่ม/องค์กรชุมชน)"]
