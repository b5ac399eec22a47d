"""Every state change and every look at personal data leaves an audit event."""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy.orm import Session

from core.permission import Actor
from db.models import AuditEvent


def record(
    session: Session,
    actor: Actor | None,
    action: str,
    *,
    at: datetime,
    application_id: int | None = None,
    entity: str | None = None,
    entity_id: int | None = None,
    on_behalf_of_id: int | None = None,
    **detail: object,
) -> None:
    """While an officer fills in for an applicant, every event names that applicant too."""
    if on_behalf_of_id is None and actor is not None:
        on_behalf_of_id = actor.acting_for
    session.add(
        AuditEvent(
            at=at,
            actor_id=actor.user_id if actor else None,
            on_behalf_of_id=on_behalf_of_id,
            action=action,
            application_id=application_id,
            entity=entity,
            entity_id=entity_id,
            detail=json.dumps(detail, ensure_ascii=False, default=str) if detail else None,
        )
    )
