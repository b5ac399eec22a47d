"""The registry of certified units (ฐานข้อมูลผู้ผ่าน มชช.): one row per unit and fiscal year.

A unit is known by its type, normalised name, fiscal year and district. An announcement
(services.announce, which checks the permission and commits) links the unit's row to its
application and certificate: a row imported earlier for the same unit is linked and only filled
in where it has nothing; a row of the same key tied to another application is a clash.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.applicant_types import TYPE_LABELS, ApplicantType
from core.errors import InvalidInput
from core.registry_names import normalise_name
from db.models import Applicant, Application, Certificate, RegistryEntry, Round, User
from services import areas, data_versions

Key = tuple[ApplicantType, str, int, str]  # type, normalised name, fiscal year, district


def key_of(applicant: Applicant, rnd: Round) -> Key:
    return (
        applicant.type,
        normalise_name(applicant.name),
        rnd.fiscal_year,
        applicant.district_code,
    )


def _clash(applicant: Applicant) -> str:
    return (
        f"{applicant.name}: ทะเบียนผู้ผ่าน มชช. ปีนี้มี{TYPE_LABELS[applicant.type]}ชื่อเดียวกัน"
        f"ในอำเภอ{areas.district_name(applicant.district_code)}ของผู้สมัครรายอื่นอยู่แล้ว "
        "กรุณาตรวจสอบชื่อกับอำเภอก่อนประกาศผล"
    )


def _entry(session: Session, key: Key) -> RegistryEntry | None:
    type_, normalized, fy, district = key
    return session.scalar(
        select(RegistryEntry).where(
            RegistryEntry.type == type_,
            RegistryEntry.normalized_name == normalized,
            RegistryEntry.fiscal_year == fy,
            RegistryEntry.district_code == district,
        )
    )


def existing_entries(
    session: Session, applications: list[Application], rounds: dict[int, Round]
) -> dict[Key, RegistryEntry]:
    """Rows already in the registry for these units (imported earlier), refusing true clashes."""
    seen: set[Key] = set()
    found: dict[Key, RegistryEntry] = {}
    for application in applications:
        key = key_of(application.applicant, rounds[application.round_id])
        if key in seen:
            raise InvalidInput(_clash(application.applicant))
        seen.add(key)
        entry = _entry(session, key)
        if entry is not None:
            if entry.application_id not in (None, application.id):
                raise InvalidInput(_clash(application.applicant))
            found[key] = entry
    return found


def enter(
    session: Session,
    application: Application,
    certificate: Certificate,
    rnd: Round,
    existing: dict[Key, RegistryEntry],
) -> RegistryEntry:
    a = application.applicant
    entry = existing.get(key_of(a, rnd))
    if entry is None:
        entry = RegistryEntry(
            fiscal_year=rnd.fiscal_year,
            type=a.type,
            name=a.name,
            normalized_name=normalise_name(a.name),
            province_code=a.province_code,
            district_code=a.district_code,
            source="portal",
        )
        session.add(entry)
    data_versions.bump(session, data_versions.REGISTRY)  # every process's registry pages renew
    leader = a.type is ApplicantType.LEADER
    owner = session.get(User, a.owner_id)
    # An imported row keeps what it had; the portal fills only what it lacks.
    entry.subdistrict_code = entry.subdistrict_code or a.subdistrict_code
    entry.village_no = entry.village_no or a.village_no
    entry.position = entry.position or (a.position if leader else None)
    entry.coordinator = entry.coordinator or (
        None if leader or owner is None else owner.display_name
    )
    entry.contact_phone = entry.contact_phone or a.phone
    entry.national_id_hash = entry.national_id_hash or (a.national_id_hash if leader else None)
    entry.national_id_masked = entry.national_id_masked or (
        a.national_id_masked if leader else None
    )
    entry.application_id, entry.certificate_id = application.id, certificate.id
    return entry
