"""The registry's units of a district, for its officer to invite again."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.applicant_types import ApplicantType
from core.errors import InvalidInput
from core.permission import Actor
from core.publicity import name_key
from core.registry_names import normalise_name
from db.models import Invitation, RegistryEntry
from services import areas
from services.invitations import (
    NAME_LIMIT,
    InvitationInput,
    district_of,
    invitation_year_or_latest,
    registry_entry,
)


@dataclass(frozen=True)
class PastUnit:
    """A unit of the district in the registry (one row per unit, every year it passed)."""

    entry_id: int  # its latest registry row
    type: ApplicantType
    name: str
    subdistrict_code: str | None
    area: str
    village_no: int | None
    years: list[int]
    coordinator: str | None
    contact_phone: str | None
    invited_this_year: bool


def of_district(
    session: Session,
    actor: Actor,
    *,
    type: ApplicantType | None = None,
    fiscal_year: int | None = None,
    subdistrict_code: str | None = None,
    name: str | None = None,
    today: date,
) -> list[PastUnit]:
    """The registry's units of the officer's district, one row per unit, newest first."""
    district = district_of(actor)
    e = RegistryEntry
    where = [e.province_code == district[:2], e.district_code == district]
    if type is not None:
        where.append(e.type == type)
    if subdistrict_code:
        where.append(e.subdistrict_code == subdistrict_code)
    text = " ".join((name or "").split())
    if len(text) > NAME_LIMIT:
        raise InvalidInput(f"ชื่อที่ค้นหายาวเกินไป พิมพ์ได้ไม่เกิน {NAME_LIMIT} ตัวอักษร")
    if text:
        where.append(e.normalized_name.contains(normalise_name(text), autoescape=True))
    entries = session.scalars(
        select(e).where(*where).order_by(e.fiscal_year.desc(), e.normalized_name, e.id)
    ).all()
    units: dict[tuple[ApplicantType, str], list[RegistryEntry]] = {}
    for entry in entries:
        units.setdefault((entry.type, entry.normalized_name), []).append(entry)
    if fiscal_year is not None:
        units = {k: v for k, v in units.items() if any(x.fiscal_year == fiscal_year for x in v)}
    try:
        year = invitation_year_or_latest(session, district, today)
    except InvalidInput:
        year = None
    invited = set()
    if year is not None:
        invited = {
            tuple(row)
            for row in session.execute(
                select(Invitation.type, Invitation.normalized_name).where(
                    Invitation.fiscal_year == year, Invitation.district_code == district
                )
            )
        }
    out = []
    for key, found in units.items():
        latest = found[0]
        out.append(
            PastUnit(
                entry_id=latest.id,
                type=latest.type,
                name=latest.name,
                subdistrict_code=latest.subdistrict_code,
                area=areas.area_label(latest.subdistrict_code, latest.district_code, None),
                village_no=latest.village_no,
                years=sorted({x.fiscal_year for x in found}),
                coordinator=latest.coordinator,
                contact_phone=latest.contact_phone,
                invited_this_year=(key[0], name_key(key[1])) in invited,
            )
        )
    return out


def from_past_unit(session: Session, actor: Actor, entry_id: int) -> InvitationInput:
    """An invitation form filled from a registry row of the officer's district."""
    district = district_of(actor)
    entry = registry_entry(session, district, entry_id)
    assert entry is not None
    village = f"หมู่ที่ {entry.village_no}" if entry.village_no else None
    return InvitationInput(
        type=entry.type,
        name=entry.name,
        subdistrict_code=entry.subdistrict_code,
        village=village,
        contact_name=entry.coordinator
        or (entry.name if entry.type is ApplicantType.LEADER else None),
        phone=entry.contact_phone,
        registry_entry_id=entry.id,
    )


def years_of_district(session: Session, actor: Actor) -> list[int]:
    """The fiscal years in which units of the officer's district were certified, newest first."""
    district = district_of(actor)
    return list(
        session.scalars(
            select(RegistryEntry.fiscal_year)
            .where(
                RegistryEntry.province_code == district[:2],
                RegistryEntry.district_code == district,
            )
            .distinct()
            .order_by(RegistryEntry.fiscal_year.desc())
        )
    )
