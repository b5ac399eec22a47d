"""The province keeps each district office's contact and names the chair of its committee.

Rules decided here (see tests/integration/test_province_admin.py):
- A district without an office row still has an office: its default name and no contact; the
  row is written the first time the province saves a contact or a chair.
- The chair is an active COMMITTEE account of that district, or nobody.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.contact import normalise_optional_phone
from core.errors import InvalidInput
from core.permission import Actor, Perm, Scope, require
from core.roles import Role
from db.models import DistrictOffice, User
from services import areas, audit, data_versions, notifications


@dataclass(frozen=True)
class OfficeInfo:
    district_code: str
    office_name: str
    phone: str | None
    address: str | None
    chair_user_id: int | None


def default_name(district_code: str) -> str:
    return f"สำนักงานพัฒนาชุมชนอำเภอ{areas.district_name(district_code)}"


@dataclass(frozen=True)
class PublicContact:
    """What the public page shows of a district office taking part in a round."""

    district_name: str
    office_name: str
    phone: str | None
    address: str | None


def public_contacts(session: Session, district_codes: Iterable[str]) -> list[PublicContact]:
    """The offices of these districts, as the province entered them (public information: whom
    to ask and where to apply), in the order given; an office not entered yet by its name."""
    codes = list(district_codes)
    found = {
        o.district_code: o
        for o in session.scalars(
            select(DistrictOffice).where(DistrictOffice.district_code.in_(codes))
        )
    }
    contacts = []
    for code in codes:
        office = found.get(code)
        contacts.append(
            PublicContact(
                district_name=areas.district_name(code),
                office_name=office.office_name if office else default_name(code),
                phone=office.phone if office else None,
                address=office.address if office else None,
            )
        )
    return contacts


def managed_district(actor: Actor, district_code: str) -> str:
    """A district of the province officer's own province, else PermissionDenied/InvalidInput."""
    require(actor, Perm.MANAGE_USERS, Scope(province_code=(district_code or "")[:2]))
    areas.check_area(actor.province_code or "", district_code, None)
    return district_code


def optional_phone(phone: str | None) -> str | None:
    """An office or staff phone: empty allowed, else checked and written one way."""
    return normalise_optional_phone(phone)


def _office_row(session: Session, district_code: str) -> DistrictOffice:
    office = session.get(DistrictOffice, district_code)
    if office is None:
        office = DistrictOffice(
            district_code=district_code,
            province_code=district_code[:2],
            office_name=default_name(district_code),
        )
        session.add(office)
    return office


def _info(office: DistrictOffice) -> OfficeInfo:
    return OfficeInfo(
        office.district_code, office.office_name, office.phone, office.address, office.chair_user_id
    )


def office_info(session: Session, district_code: str) -> OfficeInfo:
    """No permission check: for services that checked the actor's right to this district."""
    office = session.get(DistrictOffice, district_code)
    if office is None:
        return OfficeInfo(district_code, default_name(district_code), None, None, None)
    return _info(office)


def office_of(session: Session, actor: Actor, district_code: str) -> OfficeInfo:
    return office_info(session, managed_district(actor, district_code))


def update_office(
    session: Session,
    actor: Actor,
    district_code: str,
    *,
    office_name: str,
    phone: str | None,
    address: str | None,
    now: datetime,
) -> OfficeInfo:
    district = managed_district(actor, district_code)
    name = " ".join((office_name or "").split())
    if len(name) < 3:
        raise InvalidInput("กรุณากรอกชื่อสำนักงาน")
    if len(name) > 200:
        raise InvalidInput("ชื่อสำนักงานยาวเกิน 200 ตัวอักษร")
    phone = optional_phone(phone)
    address = (address or "").strip() or None
    office = _office_row(session, district)
    if (office.office_name, office.phone, office.address) == (name, phone, address):
        return _info(office)
    office.office_name, office.phone, office.address = name, phone, address
    audit.record(
        session,
        actor,
        "office_updated",
        at=now,
        entity="district_office",
        entity_id=int(district),
        district_code=district,
    )
    data_versions.bump(session, data_versions.ROUNDS)  # the public page lists contacts
    session.commit()
    return _info(office)


def set_chair(
    session: Session, actor: Actor, district_code: str, chair_id: int | None, *, now: datetime
) -> OfficeInfo:
    """`chair_id` None leaves the district without a chair. Takes effect on the chair's next page
    run (services.auth.actor_of reads the office on every run)."""
    district = managed_district(actor, district_code)
    if chair_id is not None:
        member = session.get(User, chair_id)
        if member is None or member.role is not Role.COMMITTEE or member.district_code != district:
            raise InvalidInput("ประธานต้องเป็นกรรมการ มชช. ของอำเภอนี้")
        if not member.active:
            raise InvalidInput("บัญชีนี้ถูกปิดใช้งานแล้ว จึงเป็นประธานไม่ได้")
    office = _office_row(session, district)
    if office.chair_user_id == chair_id:
        return _info(office)
    previous, office.chair_user_id = office.chair_user_id, chair_id
    audit.record(
        session,
        actor,
        "chair_set",
        at=now,
        entity="district_office",
        entity_id=int(district),
        district_code=district,
        chair_id=chair_id,
        previous_chair_id=previous,
    )
    if chair_id is not None:
        notifications.notify(
            session,
            [chair_id],
            kind="chair_appointed",
            title=f"คุณได้รับมอบหมายเป็นประธานคณะกรรมการ มชช. อำเภอ{areas.district_name(district)}",
            body="ประธานเป็นผู้บันทึกมติของคณะกรรมการในหน้าพิจารณา",
            now=now,
        )
    session.commit()
    return _info(office)
