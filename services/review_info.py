"""What the applicant sees of the committee's decisions."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.permission import Actor, Perm
from db.models import Resolution
from services import access

DECISION_LABELS = {"pass": "ผ่าน", "revise": "ให้ปรับปรุงแก้ไข", "not_pass": "ไม่ผ่าน"}


@dataclass(frozen=True)
class ResolutionView:
    decision_label: str
    reasons: str | None
    revision_items: str | None


def resolutions(session: Session, actor: Actor, application_id: int) -> list[ResolutionView]:
    access.application_for(session, actor, application_id, Perm.VIEW_APPLICATION)
    rows = session.scalars(
        select(Resolution)
        .where(Resolution.application_id == application_id)
        .order_by(Resolution.decided_at.desc())
    )
    return [
        ResolutionView(DECISION_LABELS.get(r.decision, r.decision), r.reasons, r.revision_items)
        for r in rows
    ]
