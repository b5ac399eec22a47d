"""The one permission policy: role × area × relation to the thing acted on."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from core.errors import PermissionDenied
from core.roles import Role


class Perm(StrEnum):
    VIEW_APPLICATION = "view_application"
    EDIT_APPLICATION = "edit_application"  # the applicant's own content, or an officer on behalf
    VIEW_PERSONAL_DOCUMENT = "view_personal_document"
    COMMENT = "comment"
    VERIFY_APPLICATION = "verify_application"
    ASSIGN_ADVISOR = "assign_advisor"
    EVALUATE = "evaluate"
    RESOLVE = "resolve"
    VIEW_AREA = "view_area"  # lists and counts of a district or province
    ANNOUNCE = "announce"
    MANAGE_ROUND = "manage_round"
    MANAGE_USERS = "manage_users"
    VIEW_AUDIT = "view_audit"
    MANAGE_REGISTRY = "manage_registry"
    INVITE = "invite"  # record invitations to apply, link them to registrations


class Rel(StrEnum):
    OWNER = "owner"
    ADVISOR = "advisor"
    DISTRICT = "district"  # the actor's district is the thing's district
    PROVINCE = "province"  # the actor's province is the thing's province
    CHAIR = "chair"  # committee chair of the thing's district


@dataclass(frozen=True)
class Actor:
    user_id: int
    role: Role
    province_code: str | None = None
    district_code: str | None = None
    is_chair: bool = False
    # A district officer filling in for an applicant without internet: that applicant's user id.
    acting_for: int | None = None


@dataclass(frozen=True)
class Scope:
    """Where a thing sits and who is tied to it; district_code None means province-wide."""

    province_code: str
    district_code: str | None = None
    owner_id: int | None = None
    advisor_ids: frozenset[int] = field(default_factory=frozenset)


A, AD, DO, CM, PO = (
    Role.APPLICANT,
    Role.ADVISOR,
    Role.DISTRICT_OFFICER,
    Role.COMMITTEE,
    Role.PROVINCE_OFFICER,
)

POLICY: dict[Perm, frozenset[tuple[Role, Rel]]] = {
    Perm.VIEW_APPLICATION: frozenset(
        {
            (A, Rel.OWNER),
            (AD, Rel.ADVISOR),
            (DO, Rel.DISTRICT),
            (CM, Rel.DISTRICT),
            (PO, Rel.PROVINCE),
        }
    ),
    Perm.EDIT_APPLICATION: frozenset({(A, Rel.OWNER), (DO, Rel.DISTRICT)}),
    Perm.VIEW_PERSONAL_DOCUMENT: frozenset(
        {(A, Rel.OWNER), (DO, Rel.DISTRICT), (CM, Rel.DISTRICT), (PO, Rel.PROVINCE)}
    ),
    Perm.COMMENT: frozenset({(A, Rel.OWNER), (AD, Rel.ADVISOR), (DO, Rel.DISTRICT)}),
    Perm.VERIFY_APPLICATION: frozenset({(DO, Rel.DISTRICT)}),
    Perm.ASSIGN_ADVISOR: frozenset({(DO, Rel.DISTRICT)}),
    Perm.EVALUATE: frozenset({(CM, Rel.DISTRICT)}),
    Perm.RESOLVE: frozenset({(CM, Rel.CHAIR)}),
    Perm.VIEW_AREA: frozenset({(DO, Rel.DISTRICT), (CM, Rel.DISTRICT), (PO, Rel.PROVINCE)}),
    Perm.ANNOUNCE: frozenset({(PO, Rel.PROVINCE)}),
    Perm.MANAGE_ROUND: frozenset({(PO, Rel.PROVINCE)}),
    Perm.MANAGE_USERS: frozenset({(PO, Rel.PROVINCE)}),
    Perm.VIEW_AUDIT: frozenset({(PO, Rel.PROVINCE)}),
    Perm.MANAGE_REGISTRY: frozenset({(PO, Rel.PROVINCE)}),
    Perm.INVITE: frozenset({(DO, Rel.DISTRICT)}),
}


def relations(actor: Actor, scope: Scope) -> frozenset[Rel]:
    found: set[Rel] = set()
    if scope.owner_id is not None and actor.user_id == scope.owner_id:
        found.add(Rel.OWNER)
    if actor.user_id in scope.advisor_ids:
        found.add(Rel.ADVISOR)
    same_province = actor.province_code is not None and actor.province_code == scope.province_code
    if same_province:
        found.add(Rel.PROVINCE)
    if (
        same_province
        and scope.district_code is not None
        and actor.district_code == scope.district_code
    ):
        found.add(Rel.DISTRICT)
        if actor.is_chair:
            found.add(Rel.CHAIR)
    return frozenset(found)


def acting_allowed(actor: Actor, scope: Scope) -> bool:
    """Acting for someone is only for district officers, and only on that person's own things."""
    if actor.acting_for is None:
        return True
    if actor.role is not Role.DISTRICT_OFFICER:
        return False
    return scope.owner_id is None or scope.owner_id == actor.acting_for


def can(actor: Actor, perm: Perm, scope: Scope) -> bool:
    if not acting_allowed(actor, scope):
        return False
    allowed = POLICY[perm]
    return any((actor.role, rel) in allowed for rel in relations(actor, scope))


def require(actor: Actor, perm: Perm, scope: Scope) -> None:
    if not can(actor, perm, scope):
        raise PermissionDenied()


def require_acting_role(actor: Actor) -> None:
    if actor.acting_for is not None and actor.role is not Role.DISTRICT_OFFICER:
        raise PermissionDenied("เฉพาะพัฒนากรเท่านั้นที่กรอกข้อมูลแทนผู้สมัครได้")


def owner_id_of(actor: Actor) -> int:
    """Whose applicant file the actor works on: their own, or the one they are filling in for."""
    require_acting_role(actor)
    return actor.acting_for if actor.acting_for is not None else actor.user_id


def workflow_role(actor: Actor) -> Role:
    """The role the workflow table sees: an officer acting for an applicant acts as one."""
    require_acting_role(actor)
    return Role.APPLICANT if actor.acting_for is not None else actor.role
