"""The district officer's check of an application: documents one by one, then accept or return."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from core.applicant_types import required_documents
from core.errors import InvalidInput, NotFound, StaleData
from core.permission import Actor, Perm
from core.workflow import Action, Status, transition
from db.models import Application, Document
from services import access, audit, notifications

REVIEW_STATES = {"accepted": "ถูกต้อง", "rejected": "ไม่ถูกต้อง", "pending": "รอตรวจ"}


def _checked(session: Session, actor: Actor, application_id: int) -> Application:
    return access.application_for(session, actor, application_id, Perm.VERIFY_APPLICATION)


def review_document(
    session: Session,
    actor: Actor,
    application_id: int,
    document_id: int,
    *,
    accepted: bool,
    reason: str | None,
    now: datetime,
    expected_version: int | None = None,
) -> Document:
    """Marks one document right or wrong. With `expected_version` (the application as the
    officer's screen showed it) a mark from a stale screen is refused; each mark bumps the version,
    so a decision taken in another tab on the older marks is refused too."""
    application = _checked(session, actor, application_id)
    if expected_version is not None and application.version != expected_version:
        raise StaleData()
    if application.status is not Status.SUBMITTED:
        raise InvalidInput("ตรวจเอกสารได้เฉพาะใบสมัครที่ส่งมาแล้วและรอตรวจสอบ")
    document = session.get(Document, document_id)
    if document is None or document.application_id != application.id:
        raise NotFound()
    text = (reason or "").strip()
    if not accepted and not text:
        raise InvalidInput("กรุณาระบุเหตุผลที่เอกสารไม่ถูกต้อง ผู้สมัครจะเห็นข้อความนี้")
    document.review_status = "accepted" if accepted else "rejected"
    document.review_reason = None if accepted else text  # an accepted file keeps no old complaint
    document.reviewed_by_id = actor.user_id
    application.updated_at = now
    flag_modified(application, "updated_at")  # bumps the version even if the clock has not moved
    session.flush()  # a lost race with the other tab surfaces here as StaleData
    audit.record(
        session,
        actor,
        "document_reviewed",
        at=now,
        application_id=application.id,
        entity="document",
        entity_id=document.id,
        result=document.review_status,
        code=document.requirement_code,
        reason=document.review_reason,
    )
    session.commit()
    return document


def decide(
    session: Session,
    actor: Actor,
    application_id: int,
    *,
    accept: bool,
    note: str | None,
    qualifications_confirmed: bool,
    expected_version: int,
    now: datetime,
) -> Application:
    application = _checked(session, actor, application_id)
    if application.version != expected_version:
        raise StaleData()
    action = Action.ACCEPT_APPLICATION if accept else Action.RETURN_FOR_CORRECTION
    target = transition(application.status, action, actor.role)
    text = (note or "").strip()
    if accept:
        _require_clean(application, qualifications_confirmed)
    elif not text:
        raise InvalidInput("กรุณาระบุสิ่งที่ต้องแก้ไข ผู้สมัครจะเห็นข้อความนี้")
    application.status, application.officer_note = target, text or None
    application.qualifications_confirmed = qualifications_confirmed and accept
    if accept:
        application.accepted_at = now
    audit.record(
        session,
        actor,
        "application_accepted" if accept else "application_returned",
        at=now,
        application_id=application.id,
        note=text,
    )
    notifications.notify(
        session,
        [application.applicant.owner_id],
        kind="accepted" if accept else "returned",
        title="ใบสมัครผ่านการตรวจสอบแล้ว" if accept else "พัฒนากรส่งใบสมัครกลับให้แก้ไข",
        body=text or None,
        application_id=application.id,
        now=now,
    )
    session.commit()
    return application


def _require_clean(application: Application, qualifications_confirmed: bool) -> None:
    if not qualifications_confirmed:
        raise InvalidInput("กรุณายืนยันว่าผู้สมัครมีคุณสมบัติครบก่อนรับใบสมัคร")
    reviewed = {
        d.requirement_code: d.review_status for d in application.documents if d.requirement_code
    }
    if "rejected" in reviewed.values():
        raise InvalidInput("ยังมีเอกสารที่ไม่ถูกต้อง ส่งกลับให้ผู้สมัครแก้ไขแทนการรับใบสมัคร")
    unchecked = [
        r.label
        for r in required_documents(application.applicant.type)
        if reviewed.get(r.code) != "accepted"
    ]
    if unchecked:
        raise InvalidInput("กรุณาตรวจและบันทึกว่าเอกสารถูกต้องก่อนรับใบสมัคร: " + ", ".join(unchecked))
