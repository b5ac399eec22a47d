"""Linking a registration to the invitation that led to it, without asking when it is sure
(core.publicity.sure_match): when an account is made, when step 1 is saved, and when the officer
writes down an invitation after the unit registered. Each side is linked at most once."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from core.publicity import InvitedUnit, LinkMethod, Outcome, Registration, sure_pick
from core.roles import Role
from db.models import Application, Invitation, Round, User
from services import audit, registrations, rounds
from services.clock import local_day


def link_to(invitation: Invitation, user_id: int, method: LinkMethod, now: datetime) -> None:
    invitation.applicant_user_id = user_id
    invitation.link_method = method
    invitation.linked_at = now
    invitation.outcome = Outcome.APPLIED


def _linked_event(
    session: Session, invitation: Invitation, user_id: int, method: LinkMethod, now: datetime
) -> None:
    """The portal linked the pair by itself: an event without an actor."""
    audit.record(
        session,
        None,
        "invitation_linked",
        at=now,
        entity="invitation",
        entity_id=invitation.id,
        user_id=user_id,
        method=method.value,
    )


def linked_users(session: Session, user_ids: Iterable[int]) -> set[int]:
    ids = list(user_ids)
    if not ids:
        return set()
    return set(
        session.scalars(
            select(Invitation.applicant_user_id).where(Invitation.applicant_user_id.in_(ids))
        )
    )


def invited_unit(i: Invitation) -> InvitedUnit:
    return InvitedUnit(i.id, i.type, i.name, i.subdistrict_code, i.contact_name, i.phone)


def _open_invitations(session: Session, fy: int, district: str) -> list[Invitation]:
    return list(
        session.scalars(
            select(Invitation).where(
                Invitation.fiscal_year == fy,
                Invitation.district_code == district,
                Invitation.applicant_user_id.is_(None),
                Invitation.outcome != Outcome.DECLINED,
            )
        )
    )


def _try_link(
    session: Session, registration: Registration, fy: int, district: str, now: datetime
) -> Invitation | None:
    if linked_users(session, [registration.user_id]):
        return None
    waiting = _open_invitations(session, fy, district)
    picked = sure_pick([invited_unit(i) for i in waiting], registration)
    if picked is None:
        return None
    invitation_id, method = picked
    invitation = next(i for i in waiting if i.id == invitation_id)
    return (
        invitation
        if _quietly_linked(session, invitation, registration.user_id, method, now)
        else None
    )


def link_new_account(
    session: Session, user: User, *, today: date | None, now: datetime
) -> Invitation | None:
    """Called when an applicant account is made (self-registration or an officer for a paper
    applicant), inside that transaction: links it to an invitation with the same phone of the
    province's current round (`today` None: the Bangkok day of `now`)."""
    if user.role is not Role.APPLICANT or not user.district_code:
        return None
    today = today or local_day(now)
    info = rounds.current_round(session, user.district_code[:2], today)
    if info is None:
        return None
    registration = Registration(user.id, user.display_name, user.phone)
    return _try_link(session, registration, info.fiscal_year, user.district_code, now)


def link_application(
    session: Session, application: Application, *, now: datetime
) -> Invitation | None:
    """Called when step 1 is saved, inside that transaction: links the account to the invitation
    of the same unit (name, type and subdistrict) or phone, in the application's district."""
    applicant = application.applicant
    owner = session.get(User, applicant.owner_id)
    fy = session.scalar(select(Round.fiscal_year).where(Round.id == application.round_id))
    if owner is None or fy is None:
        return None
    found = Registration(
        owner.id,
        owner.display_name,
        owner.phone,
        applicant.type,
        applicant.name,
        applicant.subdistrict_code,
        applicant.phone,
    )
    return _try_link(session, found, fy, applicant.district_code, now)


def link_waiting_registration(session: Session, invitation: Invitation, now: datetime) -> None:
    """A unit may register before the officer writes the invitation down: link it now if sure."""
    unit = invited_unit(invitation)
    free = registrations.of_year(session, invitation.fiscal_year, invitation.district_code)
    linked = linked_users(session, [r.user_id for r in free])
    sure = [r for r in free if r.user_id not in linked and sure_pick([unit], r.match) is not None]
    if len(sure) != 1:
        return
    picked = sure_pick([unit], sure[0].match)
    assert picked is not None
    _quietly_linked(session, invitation, sure[0].user_id, picked[1], now)


def _quietly_linked(
    session: Session, invitation: Invitation, user_id: int, method: LinkMethod, now: datetime
) -> bool:
    """Links inside the caller's transaction (a registration, a step-1 save, an invitation) in a
    savepoint: should another link of either side land at the same moment, this one is dropped
    (the pair stays a suggestion) and the caller's own work goes on."""
    try:
        with session.begin_nested():
            link_to(invitation, user_id, method, now)
            session.flush()
    except (IntegrityError, StaleDataError):
        return False
    _linked_event(session, invitation, user_id, method, now)
    return True
