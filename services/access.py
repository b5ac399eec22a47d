"""Loading an application together with the scope the permission policy needs."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.errors import NotFound
from core.permission import Actor, Perm, Scope, require
from db.models import Advisor, Applicant, Application


def scope_of(session: Session, application: Application) -> Scope:
    applicant = application.applicant
    advisor_ids = session.scalars(
        select(Advisor.user_id).where(
            Advisor.application_id == application.id, Advisor.user_id.is_not(None)
        )
    ).all()
    return Scope(
        province_code=applicant.province_code,
        district_code=applicant.district_code,
        owner_id=applicant.owner_id,
        advisor_ids=frozenset(advisor_ids),
    )


def application_for(session: Session, actor: Actor, application_id: int, perm: Perm) -> Application:
    """The application, or NotFound/PermissionDenied; never leaks another area's data."""
    application = session.get(Application, application_id)
    if application is None:
        raise NotFound()
    require(actor, perm, scope_of(session, application))
    return application


def applicant_scope(applicant: Applicant) -> Scope:
    return Scope(
        province_code=applicant.province_code,
        district_code=applicant.district_code,
        owner_id=applicant.owner_id,
    )
