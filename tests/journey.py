"""Helpers that walk an applicant through the steps with the services (used by several tests)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from core.applicant_types import ApplicantType
from core.permission import Actor
from services import applications, assessments, development, documents
from services.applications import ApplicationForm
from services.assessments import ScoreInput
from services.development import ActivityForm, IndicatorForm

PDF = b"%PDF-1.4\n% test document\n"
ID_KEY = "test-national-id-key-" + "x" * 20
VALID_ID = "1101700230708"


def form_for(kind: ApplicantType, district: str = "2701") -> ApplicationForm:
    common = dict(
        kind=kind,
        district_code=district,
        subdistrict_code=f"{district}01",
        village_no=3,
        village_name="บ้านหนองบัว",
        phone="0812345678",
    )
    if kind is ApplicantType.LEADER:
        return ApplicationForm(
            name="นายทดสอบ ใจดี",
            national_id=VALID_ID,
            position="ผู้ใหญ่บ้าน",
            position_formal=True,
            domiciled_since=date(2015, 1, 1),
            activities_record="จัดเวทีประชาคมทุกปี",
            **common,
        )
    if kind is ApplicantType.COMMUNITY:
        return ApplicationForm(
            name="ชุมชนทดสอบ",
            territory_villages="หมู่ 1 และหมู่ 2",
            boundary_description="ทิศเหนือจรดคลอง",
            households=120,
            resolution_date=date(2026, 10, 10),
            **common,
        )
    return ApplicationForm(
        name="กลุ่มทดสอบ",
        founded_on=date(2019, 1, 1),
        member_count=20,
        resolution_date=date(2026, 10, 10),
        **common,
    )


def complete_step_one(db, actor: Actor, kind: ApplicantType, *, today: date, now: datetime):  # type: ignore[no-untyped-def]
    application = applications.start(db, actor, form_for(kind), id_key=ID_KEY, today=today, now=now)
    if kind is not ApplicantType.LEADER:
        applications.add_team_member(
            db, actor, application.id, name="นายเอก", team_role="ประธาน", contact="081", now=now
        )
    for requirement in documents.missing_required(db, application):
        documents.upload_requirement(
            db,
            actor,
            application.id,
            requirement.code,
            f"{requirement.code}.pdf",
            PDF + requirement.code.encode(),
            now=now,
        )
    return application


def plan_with_two_indicators(db, actor: Actor, application_id: int, start: date, now: datetime):  # type: ignore[no-untyped-def]
    a = development.save_indicator(
        db, actor, application_id, IndicatorForm("สมาชิกประชุมทุกเดือน", target="ร้อยละ 80"), now=now
    )
    b = development.save_indicator(
        db, actor, application_id, IndicatorForm("มีบัญชีรายรับรายจ่าย", target="ทุกเดือน"), now=now
    )
    activity = development.save_activity(
        db,
        actor,
        application_id,
        ActivityForm(
            "ประชุมและทำบัญชี", start, start + timedelta(days=360), indicator_ids=(a.id, b.id)
        ),
        now=now,
    )
    return a, b, activity


def assess(
    db,
    actor: Actor,
    application_id: int,
    number: int,
    indicator_ids,
    *,
    today,
    now,  # type: ignore[no-untyped-def]
    submit: bool = True,
):
    scores = [
        ScoreInput(i, 25.0 * number, min(5, number + 1), f"รอบ {number}") for i in indicator_ids
    ]
    return assessments.save_round(
        db,
        actor,
        application_id,
        number,
        scores=scores,
        reflection="ได้เรียนรู้การทำงานเป็นทีม",
        submit=submit,
        expected_version=None,
        today=today,
        now=now,
    )
