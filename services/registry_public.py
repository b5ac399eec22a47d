"""The registry of certified units as the public sees it, and as the province keeps it.

Public (no login): search, a unit's own page, the CSV export and the counts for the charts
carry only name, type, area and fiscal year, never an ID number, a phone number, a position or
a coordinator. The province officer also downloads an internal workbook with masked IDs.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TextIO

from openpyxl import Workbook
from sqlalchemy import ColumnElement, Select, func, or_, select
from sqlalchemy.orm import Session

from core.applicant_types import TYPE_LABELS, ApplicantType
from core.errors import InvalidInput, PermissionDenied
from core.permission import Actor, Perm, Scope, require
from core.registry_names import normalise_name
from db.models import Certificate, RegistryEntry, Round
from services import access, areas, audit
from services.counting import capped_count

MAX_PAGE_SIZE = 100
# The public search counts its matches up to here ("มากกว่า 1,000"): past it a visitor narrows the
# search, and the charts below give the exact counts (computed once per search and kept). Counting
# a common word to 10,000 over a million units took 40-90 ms on PostgreSQL; to 1,000, about 12.
COUNT_CAP = 1_000
MAX_NAME = 200
CSV_COLUMNS = (
    "fiscal_year",
    "type",
    "name",
    "province_code",
    "district_code",
    "subdistrict_code",
    "village_no",
    "district_name",
    "subdistrict_name",
    "source",
)
SOURCE_LABELS = {"portal": "ผ่านระบบ มชช. ออนไลน์", "import": "นำเข้าจากทะเบียนเดิม"}


@dataclass(frozen=True)
class Filters:
    name: str | None = None  # part of the name, compared as normalised names
    type: ApplicantType | None = None
    district_code: str | None = None
    subdistrict_code: str | None = None
    fiscal_year: int | None = None


@dataclass(frozen=True)
class PublicRow:
    entry_id: int  # the registry row, for the link to the unit's page (not a person's ID)
    fiscal_year: int
    type: ApplicantType
    type_label: str
    name: str
    district_name: str
    subdistrict_name: str | None
    village_no: int | None


@dataclass(frozen=True)
class PublicUnit:
    name: str
    type_label: str
    area: str
    years: list[int]  # every fiscal year the same unit was certified, oldest first
    certificates: list[tuple[int, str]]  # (fiscal year, certificate number) from the portal


@dataclass(frozen=True)
class Counts:
    by_year: dict[int, int]
    by_type: dict[ApplicantType, int]
    by_district: dict[str, int]  # district code → units


def _check(filters: Filters) -> Filters:
    name = " ".join((filters.name or "").split())
    if len(name) > MAX_NAME:
        raise InvalidInput(f"ชื่อที่ค้นหายาวเกินไป พิมพ์ได้ไม่เกิน {MAX_NAME} ตัวอักษร")
    if filters.type is not None and not isinstance(filters.type, ApplicantType):
        raise InvalidInput("กรุณาเลือกประเภทจากรายการ")
    return Filters(
        name or None,
        filters.type,
        filters.district_code or None,
        filters.subdistrict_code or None,
        filters.fiscal_year,
    )


def _where(filters: Filters) -> list[ColumnElement[bool]]:
    """District and subdistrict codes begin with their province's: the area index serves both."""
    f, e = _check(filters), RegistryEntry
    found: list[ColumnElement[bool]] = []
    if f.name:
        found.append(e.normalized_name.contains(normalise_name(f.name), autoescape=True))
    if f.type is not None:
        found.append(e.type == f.type)
    area = f.subdistrict_code or f.district_code
    if area:
        found += [e.province_code == area[:2], e.district_code == (f.district_code or area[:4])]
    if f.subdistrict_code:
        found.append(e.subdistrict_code == f.subdistrict_code)
    if f.fiscal_year is not None:
        found.append(e.fiscal_year == f.fiscal_year)
    return found


def _row(e) -> PublicRow:  # type: ignore[no-untyped-def] - a row of _public_columns()
    return PublicRow(
        entry_id=e.id,
        fiscal_year=e.fiscal_year,
        type=e.type,
        type_label=TYPE_LABELS[e.type],
        name=e.name,
        district_name=areas.district_name(e.district_code),
        subdistrict_name=areas.subdistrict_name(e.subdistrict_code) if e.subdistrict_code else None,
        village_no=e.village_no,
    )


def _public_columns() -> Select:  # type: ignore[type-arg]
    e = RegistryEntry
    return select(
        e.id, e.fiscal_year, e.type, e.name, e.district_code, e.subdistrict_code, e.village_no
    )


def search(
    session: Session,
    *,
    name: str | None = None,
    type: ApplicantType | None = None,
    district_code: str | None = None,
    subdistrict_code: str | None = None,
    fiscal_year: int | None = None,
    page: int = 1,
    page_size: int = 20,
) -> tuple[list[PublicRow], int]:
    """One page of certified units, newest year first then by name, and how many match
    (counted up to COUNT_CAP: a larger answer is COUNT_CAP + 1, "more than")."""
    if page < 1 or not 1 <= page_size <= MAX_PAGE_SIZE:
        raise InvalidInput(f"หน้าต้องเริ่มที่ 1 และแสดงได้หน้าละไม่เกิน {MAX_PAGE_SIZE} รายการ")
    where = _where(Filters(name, type, district_code, subdistrict_code, fiscal_year))
    e = RegistryEntry
    total = capped_count(session, select(e.id).where(*where), COUNT_CAP)
    stmt = (
        _public_columns()
        .where(*where)
        .order_by(e.fiscal_year.desc(), e.normalized_name, e.id)
        .limit(page_size)
        .offset((page - 1) * page_size)
    )
    return [_row(r) for r in session.execute(stmt)], total  # type: ignore[arg-type]


def unit(session: Session, entry_id: int) -> PublicUnit | None:
    """A unit's public page: every year the same unit (type, name, district) was certified."""
    entry = session.get(RegistryEntry, entry_id)
    if entry is None:
        return None
    e = RegistryEntry
    same = session.execute(
        select(e.fiscal_year, Certificate.number)
        .outerjoin(Certificate, e.certificate_id == Certificate.id)
        .where(
            e.type == entry.type,
            e.normalized_name == entry.normalized_name,
            e.district_code == entry.district_code,
        )
        .order_by(e.fiscal_year)
    ).all()
    return PublicUnit(
        name=entry.name,
        type_label=TYPE_LABELS[entry.type],
        area=areas.area_label(entry.subdistrict_code, entry.district_code, entry.province_code),
        years=sorted({fy for fy, _ in same}),
        certificates=[(fy, number) for fy, number in same if number],
    )


def unit_of_certificate(session: Session, verification_code: str) -> int | None:
    """The registry row of the certificate with this code, for the link to the unit's page."""
    cleaned = "".join(verification_code.split()).upper()[:40]
    return session.scalar(
        select(RegistryEntry.id)
        .join(Certificate, RegistryEntry.certificate_id == Certificate.id)
        .where(Certificate.verification_code == cleaned)
    )


def _cell(value: object) -> str:
    """Typed text never becomes a spreadsheet formula."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def export_csv(session: Session, out: TextIO, **filters: object) -> int:
    """Writes the matching units as CSV (CSV_COLUMNS, no BOM: open `out` as "utf-8-sig" for
    Excel) and returns how many rows were written."""
    e = RegistryEntry
    stmt = (
        select(e.fiscal_year, e.type, e.name, e.province_code, e.district_code)
        .add_columns(e.subdistrict_code, e.village_no, e.source)
        .where(*_where(Filters(**filters)))  # type: ignore[arg-type]
        .order_by(e.fiscal_year.desc(), e.normalized_name, e.id)
        .execution_options(yield_per=5000)
    )
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    written = 0
    for fy, type_, name, province, district, sub, village, source in session.execute(stmt):
        sub_name = areas.subdistrict_name(sub) if sub else ""
        district_name = areas.district_name(district)
        codes = [province, district, sub or "", village or ""]
        writer.writerow([fy, type_.value, _cell(name), *codes, district_name, sub_name, source])
        written += 1
    return written


def csv_bytes(session: Session, **filters: object) -> bytes:
    """The export as a download: UTF-8 with a BOM so that Excel shows the Thai."""
    out = io.StringIO()
    export_csv(session, out, **filters)
    return out.getvalue().encode("utf-8-sig")


def _count(session: Session, column, where: list[ColumnElement[bool]]) -> dict:  # type: ignore[no-untyped-def]
    rows = session.execute(
        select(column, func.count(RegistryEntry.id)).where(*where).group_by(column).order_by(column)
    )
    return {key: n for key, n in rows}


def counts(session: Session, **filters: object) -> Counts:
    """Certified units of the filtered list by fiscal year, by type and by district."""
    where = _where(Filters(**filters))  # type: ignore[arg-type]
    by_type = _count(session, RegistryEntry.type, where)
    return Counts(
        by_year=_count(session, RegistryEntry.fiscal_year, where),
        by_type={t: by_type[t] for t in ApplicantType if t in by_type},
        by_district=_count(session, RegistryEntry.district_code, where),
    )


def fiscal_years(session: Session) -> list[int]:
    """The years the registry holds, newest first, for the year filter."""
    years = select(RegistryEntry.fiscal_year).distinct().order_by(RegistryEntry.fiscal_year.desc())
    return list(session.scalars(years))


def provinces(session: Session) -> list[str]:
    """The provinces the registry holds units of, for the district filter."""
    return list(session.scalars(select(RegistryEntry.province_code).distinct()))


XLSX_HEADER = (
    "ปีงบประมาณ",
    "ประเภท",
    "ชื่อ",
    "ตำแหน่ง",
    "ผู้ประสานงาน",
    "หมู่ที่",
    "ตำบล",
    "อำเภอ",
    "เลขประจำตัวประชาชน (ปกปิดบางส่วน)",
    "โทรศัพท์",
    "ที่มา",
    "เลขที่ใบประกาศ",
)


def _province(actor: Actor) -> str:
    if not actor.province_code:
        raise PermissionDenied()
    require(actor, Perm.MANAGE_REGISTRY, Scope(province_code=actor.province_code))
    return actor.province_code


def _xlsx_rows(session: Session, province: str) -> Iterable[list[object]]:
    e = RegistryEntry
    stmt = (
        select(e, Certificate.number)
        .outerjoin(Certificate, e.certificate_id == Certificate.id)
        .where(e.province_code == province)
        .order_by(e.fiscal_year.desc(), e.district_code, e.normalized_name, e.id)
        .execution_options(yield_per=2000)
    )
    for entry, number in session.execute(stmt):
        yield [
            entry.fiscal_year,
            TYPE_LABELS[entry.type],
            _cell(entry.name),
            _cell(entry.position),
            _cell(entry.coordinator),
            entry.village_no,
            areas.subdistrict_name(entry.subdistrict_code) if entry.subdistrict_code else "",
            areas.district_name(entry.district_code),
            entry.national_id_masked or "",  # only the masked form is ever stored in full view
            _cell(entry.contact_phone),
            SOURCE_LABELS.get(entry.source, entry.source),
            number or "",
        ]


def internal_xlsx(session: Session, actor: Actor, *, now: datetime) -> bytes:
    """The province's own registry with positions, coordinators, phones and masked IDs.
    The download is recorded: personal data leaves the portal in the file."""
    province = _province(actor)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("ทะเบียนผู้ผ่าน มชช.")
    sheet.append(list(XLSX_HEADER))
    rows = 0
    for row in _xlsx_rows(session, province):
        sheet.append(row)
        rows += 1
    out = io.BytesIO()
    book.save(out)
    audit.record(session, actor, "registry_internal_exported", at=now, rows=rows)
    session.commit()
    return out.getvalue()


@dataclass(frozen=True)
class PastEntry:
    fiscal_year: int
    type_label: str
    name: str
    district_name: str


def certified_before(session: Session, actor: Actor, application_id: int) -> list[PastEntry]:
    """Earlier registry rows of the applying unit: a leader by national ID, any other unit by
    normalised name and district. Whoever may view the application may ask."""
    application = access.application_for(session, actor, application_id, Perm.VIEW_APPLICATION)
    a, e = application.applicant, RegistryEntry
    year = session.get(Round, application.round_id).fiscal_year
    if a.type is ApplicantType.LEADER and a.national_id_hash:
        same: ColumnElement[bool] = e.national_id_hash == a.national_id_hash
    else:
        same = (e.normalized_name == normalise_name(a.name)) & (e.district_code == a.district_code)
    found = session.scalars(
        select(e)
        .where(same, e.fiscal_year <= year)
        .where(or_(e.application_id.is_(None), e.application_id != application.id))
        .order_by(e.fiscal_year, e.id)
    ).all()
    return [
        PastEntry(r.fiscal_year, TYPE_LABELS[r.type], r.name, areas.district_name(r.district_code))
        for r in found
    ]
