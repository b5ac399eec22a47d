"""An application's timeline, read from its audit events, with a Thai line for each action."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from core.applicant_types import ApplicantType, document_requirement
from core.permission import Actor, Perm
from core.roles import ROLE_LABELS, Role
from core.thai import format_date, format_fiscal_year
from db.models import AuditEvent, Document, Indicator, PlanActivity, Resolution, Round, User
from services import access, areas
from services.committee import OPINIONS

# Every action string passed to audit.record anywhere in services/ (a unit test keeps it so).
ACTION_LABELS: dict[str, str] = {
    "registered": "ลงทะเบียนบัญชีผู้สมัคร",
    "user_created": "สร้างบัญชีผู้ใช้",
    "login": "เข้าสู่ระบบ",
    "login_failed": "เข้าสู่ระบบไม่สำเร็จ",
    "login_locked": "ระงับการเข้าสู่ระบบชั่วคราว เพราะใส่รหัสผ่านผิดหลายครั้ง",
    "login_disabled": "เข้าสู่ระบบไม่ได้ เพราะบัญชีถูกปิดใช้งาน",
    "logout": "ออกจากระบบ",
    "password_changed": "เปลี่ยนรหัสผ่าน",
    "application_started": "เริ่มกรอกใบสมัคร",
    "application_saved": "บันทึกใบสมัคร",
    "application_submitted": "ส่งใบสมัครให้พัฒนากรตรวจสอบ",
    "lead_team_added": "เพิ่มรายชื่อทีมนำการพัฒนา",
    "lead_team_removed": "ลบรายชื่อทีมนำการพัฒนา",
    "advisor_added": "เพิ่มรายชื่อที่ปรึกษา",
    "advisor_removed": "ลบรายชื่อที่ปรึกษา",
    "advisor_invited": "สร้างบัญชีผู้ใช้ให้ที่ปรึกษา",
    "document_uploaded": "แนบเอกสารประกอบใบสมัคร",
    "document_removed": "ลบเอกสารประกอบใบสมัคร",
    "evidence_uploaded": "แนบไฟล์หลักฐาน",
    "personal_document_viewed": "เปิดดูเอกสารที่มีข้อมูลส่วนบุคคล",
    "document_reviewed": "ตรวจเอกสาร",
    "application_accepted": "รับใบสมัคร (ผ่านการตรวจสอบ)",
    "application_returned": "ส่งใบสมัครกลับให้แก้ไข",
    "indicator_saved": "บันทึกตัวชี้วัด",
    "indicator_deleted": "ลบตัวชี้วัด",
    "activity_saved": "บันทึกกิจกรรมในแผนพัฒนา",
    "activity_deleted": "ลบกิจกรรมในแผนพัฒนา",
    "activity_logged": "บันทึกผลการพัฒนา",
    "assessment_saved": "บันทึกร่างการประเมินตนเอง",
    "assessment_submitted": "ส่งผลการประเมินตนเอง",
    "summary_saved": "บันทึกสรุปผลการประเมินตนเอง",
    "submitted_to_committee": "เสนอผลการประเมินตนเองต่อคณะกรรมการ มชช. อำเภอ",
    "comment_added": "แสดงความเห็น",
    "comment_replied": "ตอบความเห็น",
    "comment_resolved": "ปิดเรื่องที่แสดงความเห็น",
    "committee_evaluated": "กรรมการบันทึกผลการประเมิน",
    "committee_resolved": "คณะกรรมการ มชช. อำเภอมีมติ",
    "results_announced": "จังหวัดประกาศผลผ่าน มชช. และออกใบประกาศ",
    "audit_log_exported": "ส่งออกบันทึกการใช้งานเป็นไฟล์ CSV",
    "round_opened": "เปิดรอบการรับสมัคร",
    "round_updated": "แก้ไขรอบการรับสมัคร",
    "round_closed": "ปิดรับสมัคร",
    "round_reopened": "เปิดรับสมัครอีกครั้ง",
    "office_updated": "แก้ไขข้อมูลสำนักงานพัฒนาชุมชนอำเภอ",
    "chair_set": "กำหนดประธานคณะกรรมการ มชช. อำเภอ",
    "user_deactivated": "ปิดใช้งานบัญชีผู้ใช้",
    "user_reactivated": "เปิดใช้งานบัญชีผู้ใช้อีกครั้ง",
    "password_reset": "ตั้งรหัสผ่านใหม่ให้ผู้ใช้",
    "paper_applicant_created": "พัฒนากรเปิดบัญชีให้ผู้สมัครที่ไม่สะดวกใช้อินเทอร์เน็ต",
    "acting_started": "เริ่มกรอกข้อมูลแทนผู้สมัคร",
    "acting_stopped": "เลิกกรอกข้อมูลแทนผู้สมัคร",
    "printout_made": "สร้างไฟล์เอกสารสำหรับพิมพ์ (PDF)",
    "registry_imported": "นำเข้าทะเบียนผู้ผ่าน มชช.",
    "registry_internal_exported": "ดาวน์โหลดทะเบียนผู้ผ่าน มชช. (ฉบับภายใน มีเลขประจำตัวแบบปิดบัง)",
    "due_reminders_created": "ระบบสร้างการแจ้งเตือนกำหนดประเมินตนเอง",
    "invitation_recorded": "บันทึกการเชิญชวนสมัคร",
    "invitation_contacted": "บันทึกการติดต่อเชิญชวนครั้งใหม่",
    "invitation_outcome": "บันทึกผลการเชิญชวน",
    "invitation_linked": "จับคู่ผู้ลงทะเบียนกับการเชิญชวน",
    "invitation_unlinked": "ยกเลิกการจับคู่ผู้ลงทะเบียนกับการเชิญชวน",
    "funnel_exported": "ดาวน์โหลดตัวเลขติดตามผลการเชิญชวน (xlsx)",
}

# Where the application moved on: the timeline can show only these.
MILESTONES = frozenset(
    {
        "application_started",
        "application_submitted",
        "application_accepted",
        "application_returned",
        "submitted_to_committee",
        "committee_resolved",
        "results_announced",
    }
)
DECISION_LABELS = {"pass": "ผ่าน", "revise": "ให้ปรับปรุงแก้ไข", "not_pass": "ไม่ผ่าน"}
REVIEW_RESULTS = {"accepted": "ถูกต้อง", "rejected": "ไม่ถูกต้อง"}
OFFICIALS = frozenset({Role.DISTRICT_OFFICER, Role.COMMITTEE, Role.PROVINCE_OFFICER})
SYSTEM = "ระบบ"
_ROLES = frozenset(r.value for r in Role)
_LIMIT = 200


def action_label(action: str) -> str:
    return ACTION_LABELS.get(action, action)


# Logged for the access record (audit search), but not a step of the application's story.
NOT_IN_TIMELINE = ("printout_made",)


@dataclass(frozen=True)
class Entry:
    at: datetime  # naive UTC, as stored
    action: str
    label: str
    who: str
    role_label: str | None
    on_behalf_of: str | None
    detail: str | None
    milestone: bool


def timeline(session: Session, actor: Actor, application_id: int) -> list[Entry]:
    """Oldest first. Applicants and advisors see every decision but not how each committee
    member voted; advisors do not see who opened the applicant's personal documents."""
    application = access.application_for(session, actor, application_id, Perm.VIEW_APPLICATION)
    who, behalf = aliased(User), aliased(User)
    stmt = (
        select(AuditEvent, who, behalf)
        .outerjoin(who, AuditEvent.actor_id == who.id)
        .outerjoin(behalf, AuditEvent.on_behalf_of_id == behalf.id)
        .where(
            AuditEvent.application_id == application.id,
            AuditEvent.action.not_in(NOT_IN_TIMELINE),
        )
        .order_by(AuditEvent.at, AuditEvent.id)
    )
    rows = session.execute(stmt).all()
    if actor.role is Role.ADVISOR:
        rows = [r for r in rows if r[0].action != "personal_document_viewed"]
    kind = application.applicant.type
    texts = describe(session, [(event, kind) for event, _, _ in rows])
    return [_entry(actor, e, u, b, texts[e.id]) for e, u, b in rows]


def _entry(
    actor: Actor, event: AuditEvent, user: User | None, behalf: User | None, text: str | None
) -> Entry:
    name, role = (user.display_name, ROLE_LABELS[user.role]) if user else (SYSTEM, None)
    if event.action == "committee_evaluated" and actor.role not in OFFICIALS:
        name, role, text = ROLE_LABELS[Role.COMMITTEE], None, None  # deliberation stays inside
    return Entry(
        at=event.at,
        action=event.action,
        label=action_label(event.action),
        who=name,
        role_label=role,
        on_behalf_of=behalf.display_name if behalf else None,
        detail=text,
        milestone=event.action in MILESTONES,
    )


def _short(text: str | None) -> str | None:
    text = " ".join((text or "").split())
    return (text[: _LIMIT - 1] + "…" if len(text) > _LIMIT else text) or None


def _by_id(session: Session, model, ids: set[int]) -> dict:  # type: ignore[no-untyped-def]
    if not ids:
        return {}
    return {row.id: row for row in session.scalars(select(model).where(model.id.in_(ids)))}


def describe(
    session: Session, events: Iterable[tuple[AuditEvent, ApplicantType | None]]
) -> dict[int, str | None]:
    """A short Thai detail per event id, from a fixed list of fields: never a national ID."""
    pairs = list(events)
    wanted: dict[str, set[int]] = {}
    for event, _ in pairs:
        if event.entity and event.entity_id is not None:
            wanted.setdefault(event.entity, set()).add(event.entity_id)
    loaded = {
        entity: _by_id(session, model, wanted.get(entity, set()))
        for entity, model in (
            ("document", Document),
            ("resolution", Resolution),
            ("indicator", Indicator),
            ("activity", PlanActivity),
            ("user", User),
            ("round", Round),
        )
    }
    return {event.id: _detail(event, kind, loaded) for event, kind in pairs}


def _detail(event: AuditEvent, kind: ApplicantType | None, loaded: dict) -> str | None:  # type: ignore[no-untyped-def]
    data = json.loads(event.detail) if event.detail else {}
    found = loaded.get(event.entity or "", {}).get(event.entity_id)
    action = event.action
    if action in ("document_uploaded", "document_removed", "personal_document_viewed"):
        text = _document_name(kind, data.get("code"))
        return f"{text} (แทนไฟล์เดิม)" if data.get("replaced") else text
    if action == "document_reviewed":
        return _review(kind, data, found)
    if action in ("application_accepted", "application_returned"):
        return _short(data.get("note"))
    if action in ("assessment_saved", "assessment_submitted") and data.get("number"):
        return f"รอบที่ {data['number']}"
    if action == "summary_saved" and data.get("done"):
        return "ทำเครื่องหมายว่าสรุปผลเสร็จแล้ว"
    if action == "committee_evaluated":
        return f"ความเห็น: {OPINIONS.get(data.get('opinion'), '-')}"
    if action == "committee_resolved":
        return _resolution(data, found)
    if action == "results_announced" and data.get("number"):
        return f"ใบประกาศเลขที่ {data['number']}"
    if event.entity == "round" and found is not None:
        return format_fiscal_year(found.fiscal_year)
    if data.get("district_code"):
        return f"อำเภอ{areas.district_name(str(data['district_code']))}"
    if event.entity == "user" and found is not None and event.actor_id != found.id:
        role = ROLE_LABELS.get(Role(data["role"])) if data.get("role") in _ROLES else None
        return _short(
            f"บัญชีของ {found.display_name} ({found.username})" + (f" · {role}" if role else "")
        )
    if event.entity in ("indicator", "activity") and found is not None:
        return _short(found.title)
    return None


def _document_name(kind: ApplicantType | None, code: str | None) -> str | None:
    requirement = document_requirement(kind, code) if kind and code else None
    return _short(requirement.label) if requirement else None


def _review(kind: ApplicantType | None, data: dict, document: Document | None) -> str:
    result = data.get("result")
    text = f"ผลตรวจ: {REVIEW_RESULTS.get(result, '-')}"
    code = data.get("code") or (document.requirement_code if document is not None else None)
    name = _document_name(kind, code)
    text = f"{name} · {text}" if name else text
    # Events without their own reason: the document's current one, if it still has this result.
    reason = data.get("reason")
    if reason is None and document is not None and document.review_status == result:
        reason = document.review_reason
    return _short(f"{text} — {reason}" if reason else text) or text


def _resolution(data: dict, resolution: Resolution | None) -> str:
    decision = data.get("decision") or (resolution.decision if resolution else None)
    text = f"มติ: {DECISION_LABELS.get(decision, '-')}"
    if resolution is None:
        return text
    if resolution.meeting_on:
        text += f" (ประชุมวันที่ {format_date(resolution.meeting_on)})"
    more = resolution.revision_items if decision == "revise" else resolution.reasons
    return _short(f"{text} — {more}" if more else text) or text
