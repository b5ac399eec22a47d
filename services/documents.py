"""Uploaded files: the step-1 document checklist and evidence for step 4 (log) and 5 (assessment).

Every use case checks permission and the application's state, then checks the file, and only
then writes; it commits once at the end, so a refused upload leaves nothing behind. The bytes go
through services.storage only (keyed by their SHA-256, checked again on every read).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from core import uploads
from core.applicant_types import DOCUMENTS, DocumentRequirement, missing_documents
from core.errors import InvalidInput, NotFound, TransitionNotAllowed
from core.permission import Actor, Perm, can, require
from core.workflow import Section, require_editable
from db.models import ActivityLog, Application, Assessment, Document, PlanActivity
from services import access, audit, storage

PERSONAL_NAME_HIDDEN = "ไฟล์ข้อมูลส่วนบุคคล"
RETURNED = "rejected"  # the officer's review_status for a document the applicant must replace


@dataclass(frozen=True)
class ChecklistItem:
    requirement: DocumentRequirement
    document_id: int | None
    filename: str | None
    size: int | None
    uploaded_at: datetime | None
    review_status: str | None
    review_reason: str | None = None

    @property
    def uploaded(self) -> bool:
        return self.document_id is not None


# ---------------------------------------------------------------- helpers


def _editable_application(
    session: Session, actor: Actor, application_id: int, section: Section
) -> Application:
    application = access.application_for(session, actor, application_id, Perm.EDIT_APPLICATION)
    require_editable(application.status, section)
    return application


def _lock(session: Session, application: Application, section: Section) -> None:
    """Serialise uploads to one application (a double click), then re-check its state."""
    session.refresh(application, with_for_update=True)
    require_editable(application.status, section)


def _requirement(application: Application, code: str) -> DocumentRequirement:
    for requirement in DOCUMENTS[application.applicant.type]:
        if requirement.code == code:
            return requirement
    raise InvalidInput("เอกสารนี้ไม่อยู่ในรายการเอกสารของผู้สมัครประเภทนี้")


def _on_behalf_of(actor: Actor, application: Application) -> int | None:
    owner_id = application.applicant.owner_id
    return owner_id if actor.user_id != owner_id else None


def _requirement_documents(session: Session, application_id: int, code: str) -> list[Document]:
    return list(
        session.scalars(
            select(Document)
            .where(Document.application_id == application_id, Document.requirement_code == code)
            .order_by(Document.uploaded_at.desc(), Document.id.desc())
        )
    )


def _new_document(
    session: Session,
    actor: Actor,
    application: Application,
    filename: str,
    data: bytes,
    content_type: str,
    *,
    now: datetime,
    **target: object,
) -> Document:
    # A bucket put is not undone if this transaction fails: the object then has no document,
    # harmless (its name is its hash) and removed by `manage.py gc-documents`.
    key = storage.for_session(session).put(data, content_type)
    return Document(
        application_id=application.id,
        filename=uploads.clean_filename(filename),
        content_type=content_type,
        size=len(data),
        sha256=key,
        uploaded_by_id=actor.user_id,
        uploaded_at=now,
        **target,
    )


def _delete_documents(session: Session, old: list[Document]) -> None:
    for document in old:
        session.delete(document)
    storage.for_session(session).release(document.sha256 for document in old)


# ---------------------------------------------------------------- checklist documents


def upload_requirement(
    session: Session,
    actor: Actor,
    application_id: int,
    requirement_code: str,
    filename: str,
    data: bytes,
    *,
    now: datetime,
) -> Document:
    """Upload (or replace) the one file for a checklist item; the same bytes again is a no-op."""
    application = _editable_application(session, actor, application_id, Section.APPLICATION)
    requirement = _requirement(application, requirement_code)
    content_type = uploads.check_upload(filename, data)
    digest = storage.key_of(data)
    _lock(session, application, Section.APPLICATION)

    existing = _requirement_documents(session, application.id, requirement.code)
    if len(existing) == 1 and existing[0].sha256 == digest:
        if existing[0].review_status == RETURNED:
            raise InvalidInput(
                f"ไฟล์นี้เป็นไฟล์เดิมที่พัฒนากรส่งกลับ กรุณาแก้ไขแล้วอัปโหลดไฟล์ใหม่แทน: {requirement.label}"
            )
        return existing[0]
    # The replacement is a new row: its review starts again at "not checked", with no reason.
    document = _new_document(
        session,
        actor,
        application,
        filename,
        data,
        content_type,
        now=now,
        requirement_code=requirement.code,
        personal=requirement.personal,
    )
    session.add(document)
    session.flush()  # the new row first, so it never takes the id of the one it replaces
    _delete_documents(session, existing)
    audit.record(
        session,
        actor,
        "document_uploaded",
        at=now,
        application_id=application.id,
        entity="document",
        entity_id=document.id,
        on_behalf_of_id=_on_behalf_of(actor, application),
        code=requirement.code,
        sha256=digest,
        size=len(data),
        **({"replaced": [old.id for old in existing]} if existing else {}),
    )
    session.commit()
    session.expire(application, ["documents"])  # the loaded list may still hold the old file
    return document


def remove_requirement(
    session: Session, actor: Actor, application_id: int, requirement_code: str, *, now: datetime
) -> None:
    application = _editable_application(session, actor, application_id, Section.APPLICATION)
    requirement = _requirement(application, requirement_code)
    _lock(session, application, Section.APPLICATION)
    existing = _requirement_documents(session, application.id, requirement.code)
    if not existing:
        raise NotFound(f"ยังไม่มีไฟล์ “{requirement.label}” ให้ลบ")
    _delete_documents(session, existing)
    audit.record(
        session,
        actor,
        "document_removed",
        at=now,
        application_id=application.id,
        entity="document",
        entity_id=existing[0].id,
        on_behalf_of_id=_on_behalf_of(actor, application),
        code=requirement.code,
        sha256=existing[0].sha256,
    )
    session.commit()
    session.expire(application, ["documents"])


# ---------------------------------------------------------------- evidence (steps 4 and 5)


def _evidence_target(
    session: Session,
    application: Application,
    activity_log_id: int | None,
    assessment_id: int | None,
) -> dict[str, int]:
    if activity_log_id is not None:
        found = session.scalar(
            select(ActivityLog.id)
            .join(PlanActivity, ActivityLog.activity_id == PlanActivity.id)
            .where(ActivityLog.id == activity_log_id, PlanActivity.application_id == application.id)
        )
        if found is None:
            raise NotFound("ไม่พบบันทึกกิจกรรมนี้ในใบสมัคร")
        return {"activity_log_id": activity_log_id}
    assessment = session.get(Assessment, assessment_id, populate_existing=True)
    if assessment is None or assessment.application_id != application.id:
        raise NotFound("ไม่พบการประเมินรอบนี้ในใบสมัคร")
    if assessment.submitted_at is not None:
        raise TransitionNotAllowed("การประเมินรอบนี้ส่งแล้ว แก้ไขไม่ได้")
    return {"assessment_id": assessment.id}


def _same_evidence(
    session: Session, application_id: int, digest: str, target: dict[str, int]
) -> Document | None:
    query = select(Document).where(
        Document.application_id == application_id, Document.sha256 == digest
    )
    for column, value in target.items():
        query = query.where(getattr(Document, column) == value)
    return session.scalars(query.limit(1)).first()


def upload_evidence(
    session: Session,
    actor: Actor,
    application_id: int,
    filename: str,
    data: bytes,
    *,
    activity_log_id: int | None = None,
    assessment_id: int | None = None,
    now: datetime,
) -> Document:
    """Attach a file to an activity-log entry or to an unsubmitted assessment round."""
    if (activity_log_id is None) == (assessment_id is None):
        raise InvalidInput("กรุณาเลือกบันทึกกิจกรรมหรือรอบการประเมินอย่างใดอย่างหนึ่ง")
    section = Section.ACTIVITY_LOG if activity_log_id is not None else Section.ASSESSMENT
    application = _editable_application(session, actor, application_id, section)
    target = _evidence_target(session, application, activity_log_id, assessment_id)
    content_type = uploads.check_upload(filename, data)
    digest = storage.key_of(data)
    _lock(session, application, section)
    target = _evidence_target(session, application, activity_log_id, assessment_id)

    same = _same_evidence(session, application.id, digest, target)
    if same is not None:
        return same
    document = _new_document(
        session, actor, application, filename, data, content_type, now=now, **target
    )
    session.add(document)
    session.flush()
    audit.record(
        session,
        actor,
        "evidence_uploaded",
        at=now,
        application_id=application.id,
        entity="document",
        entity_id=document.id,
        on_behalf_of_id=_on_behalf_of(actor, application),
        sha256=digest,
        size=len(data),
        **target,
    )
    session.commit()
    return document


# ---------------------------------------------------------------- reading


def checklist(session: Session, actor: Actor, application_id: int) -> list[ChecklistItem]:
    """The type's documents in order, each with its uploaded file (if any)."""
    application = access.application_for(session, actor, application_id, Perm.VIEW_APPLICATION)
    sees_personal = can(actor, Perm.VIEW_PERSONAL_DOCUMENT, access.scope_of(session, application))
    items = []
    for requirement in DOCUMENTS[application.applicant.type]:
        found = _requirement_documents(session, application.id, requirement.code)
        document = found[0] if found else None
        items.append(_item(requirement, document, sees_personal))
    return items


def _item(
    requirement: DocumentRequirement, document: Document | None, sees_personal: bool
) -> ChecklistItem:
    if document is None:
        return ChecklistItem(requirement, None, None, None, None, None)
    # A personal file's name often carries a person's name; hide it from who may not open it.
    hidden = document.personal and not sees_personal
    return ChecklistItem(
        requirement=requirement,
        document_id=document.id,
        filename=PERSONAL_NAME_HIDDEN if hidden else document.filename,
        size=document.size,
        uploaded_at=document.uploaded_at,
        review_status=document.review_status,
        review_reason=document.review_reason,
    )


def open_document(
    session: Session, actor: Actor, document_id: int, *, now: datetime
) -> tuple[str, str, bytes]:
    """(file name, content type, bytes); every opening of a personal document is logged."""
    document = session.get(Document, document_id)
    if document is None:
        raise NotFound("ไม่พบไฟล์นี้")
    application = document.application
    perm = Perm.VIEW_PERSONAL_DOCUMENT if document.personal else Perm.VIEW_APPLICATION
    require(actor, perm, access.scope_of(session, application))
    data = storage.for_session(session).get(document.sha256)  # refuses bytes of another hash
    result = (document.filename, document.content_type, data)
    if document.personal:
        audit.record(
            session,
            actor,
            "personal_document_viewed",
            at=now,
            application_id=application.id,
            entity="document",
            entity_id=document.id,
            code=document.requirement_code,
        )
        session.commit()
    return result


def missing_required(session: Session, application: Application) -> list[DocumentRequirement]:
    """Required checklist documents not uploaded yet (used when the application is submitted)."""
    codes = set(
        session.scalars(
            select(Document.requirement_code).where(
                Document.application_id == application.id,
                Document.requirement_code.is_not(None),
            )
        )
    )
    return missing_documents(application.applicant.type, codes)


def returned(session: Session, application: Application) -> list[DocumentRequirement]:
    """Checklist documents the officer marked wrong and the applicant has not replaced yet."""
    codes = set(
        session.scalars(
            select(Document.requirement_code).where(
                Document.application_id == application.id,
                Document.requirement_code.is_not(None),
                Document.review_status == RETURNED,
            )
        )
    )
    return [d for d in DOCUMENTS[application.applicant.type] if d.code in codes]


def evidence_for(
    session: Session,
    actor: Actor,
    application_id: int,
    *,
    activity_log_id: int | None = None,
    assessment_id: int | None = None,
) -> list[Document]:
    """Evidence files of one log entry or one assessment round, oldest first."""
    access.application_for(session, actor, application_id, Perm.VIEW_APPLICATION)
    stmt = select(Document).where(Document.application_id == application_id)
    if activity_log_id is not None:
        stmt = stmt.where(Document.activity_log_id == activity_log_id)
    else:
        stmt = stmt.where(Document.assessment_id == assessment_id)
    return list(session.scalars(stmt.order_by(Document.uploaded_at, Document.id)))
