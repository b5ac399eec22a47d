"""Rules for importing old spreadsheets into the registry of certified units, as a careful clerk
would read them: find the header row, know the usual Thai column names, clean each row.

A sheet's rows arrive as lists of cell values (str, int, float, date, None); merged cells are
already filled in by the reader. Each data row either becomes a `CleanRow` or raises
`RowRejected` with a Thai reason. What a row loses on the way (an ID failing its checksum, an
unknown subdistrict, a phone that is no phone) is kept in `CleanRow.warnings`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from core import national_id
from core.applicant_types import TYPE_LABELS, ApplicantType
from core.contact import normalise_optional_phone
from core.errors import DomainError, InvalidInput
from core.registry_names import normalise_name
from core.thai import to_arabic_digits

FIRST_YEAR = 2540
NAME_LIMIT = 300
HEADER_SCAN_ROWS = 30


class Col(StrEnum):
    SEQ = "seq"
    YEAR = "year"
    TYPE = "type"
    PERSON = "person"  # ชื่อ-สกุล of a leader
    TITLE = "title"  # คำนำหน้า (นาย/นาง) in a column of its own
    SURNAME = "surname"  # นามสกุล in a column of its own
    UNIT = "unit"  # name of a group, network or community
    NAME = "name"  # a bare "ชื่อ"
    VILLAGE_NO = "village_no"
    VILLAGE = "village"
    SUBDISTRICT = "subdistrict"
    DISTRICT = "district"
    PROVINCE = "province"
    NATIONAL_ID = "national_id"
    POSITION = "position"
    COORDINATOR = "coordinator"
    PHONE = "phone"


_EXACT: dict[str, Col] = {
    **dict.fromkeys(("ลำดับ", "ที่", "ลำดับที่", "no"), Col.SEQ),
    **dict.fromkeys(("ปี", "ปีงบ", "ปีงบประมาณ", "ปีพศ", "ปีที่ผ่าน"), Col.YEAR),
    **dict.fromkeys(("ประเภท", "ประเภทหน่วย", "ประเภทผู้ผ่าน"), Col.TYPE),
    **dict.fromkeys(("ชื่อสกุล", "ชื่อนามสกุล", "ชื่อผู้นำ", "ชื่อผู้นำชุมชน"), Col.PERSON),
    **dict.fromkeys(("องค์กร", "กลุ่มองค์กร", "ชื่อหมู่บ้าน"), Col.UNIT),
    "ชื่อ": Col.NAME,
    **dict.fromkeys(("คำนำหน้า", "คำนำหน้าชื่อ"), Col.TITLE),
    **dict.fromkeys(("สกุล", "นามสกุล"), Col.SURNAME),
    **dict.fromkeys(("หมู่ที่", "หมู่", "ม", "มที่"), Col.VILLAGE_NO),
    **dict.fromkeys(("บ้าน", "หมู่บ้าน"), Col.VILLAGE),
    **dict.fromkeys(("ตำบล", "ต"), Col.SUBDISTRICT),
    **dict.fromkeys(("อำเภอ", "อ"), Col.DISTRICT),
    **dict.fromkeys(("จังหวัด", "จ"), Col.PROVINCE),
    **dict.fromkeys(("ตำแหน่ง",), Col.POSITION),
    **dict.fromkeys(("ผู้ประสานงาน", "ชื่อผู้ประสานงาน"), Col.COORDINATOR),
    **dict.fromkeys(("โทร", "เบอร์โทร", "โทรศัพท์", "เบอร์ติดต่อ"), Col.PHONE),
}
# Longer spellings: a header that starts with one of these ("ปีงบประมาณที่ผ่าน", "ชื่อกลุ่ม/
# องค์กรชุมชน", "เบอร์โทรศัพท์ติดต่อ").
_PREFIXES: tuple[tuple[str, Col], ...] = (
    ("ปีงบประมาณ", Col.YEAR),
    ("ปีที่ผ่าน", Col.YEAR),
    ("ปีที่ได้รับ", Col.YEAR),
    ("ชื่อสกุล", Col.PERSON),
    ("ชื่อนามสกุล", Col.PERSON),
    ("ชื่อกลุ่ม", Col.UNIT),
    ("ชื่อองค์กร", Col.UNIT),
    ("ชื่อเครือข่าย", Col.UNIT),
    ("ชื่อชุมชน", Col.UNIT),
    ("เลขประจำตัว", Col.NATIONAL_ID),
    ("เลขบัตร", Col.NATIONAL_ID),
    ("เลขที่บัตร", Col.NATIONAL_ID),
    ("เบอร์", Col.PHONE),
    ("โทรศัพท์", Col.PHONE),
    ("หมายเลขโทร", Col.PHONE),
    ("ตำแหน่ง", Col.POSITION),
    ("ผู้ประสานงาน", Col.COORDINATOR),
)
_NAME_COLUMNS = frozenset({Col.PERSON, Col.UNIT, Col.NAME})
_HEADER_NOISE = re.compile(r"[\s.\-/()\[\]:_*•]+")
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))


class RowRejected(InvalidInput):
    """A row that cannot enter the registry; the message says why, in Thai."""


# ---- cells -------------------------------------------------------------------------------------


def text(value: object) -> str:
    """A cell as tidy text: NFC, no zero-width characters, one space between words."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    cleaned = unicodedata.normalize("NFC", str(value)).translate(_ZERO_WIDTH)
    return " ".join(cleaned.split())


def is_blank(cells: Sequence[object]) -> bool:
    return not any(text(c) for c in cells)


def _squeeze(value: object) -> str:
    return _HEADER_NOISE.sub("", to_arabic_digits(text(value))).casefold()


# ---- header ------------------------------------------------------------------------------------


def column_of(header: object) -> Col | None:
    key = _squeeze(header)
    if not key:
        return None
    if key in _EXACT:
        return _EXACT[key]
    return next((col for prefix, col in _PREFIXES if key.startswith(prefix)), None)


def header_map(cells: Sequence[object]) -> dict[Col, int]:
    """Column positions by meaning; of two columns with the same meaning the first counts."""
    found: dict[Col, int] = {}
    for index, cell in enumerate(cells):
        col = column_of(cell)
        if col is not None and col not in found:
            found[col] = index
    return found


def _looks_like_header(found: Mapping[Col, int]) -> bool:
    others = set(found) - _NAME_COLUMNS - {Col.SEQ}
    return bool(_NAME_COLUMNS & set(found)) and bool(others)


def find_header(rows: Sequence[Sequence[object]]) -> tuple[int, dict[Col, int]] | None:
    """The header row (index into rows) below any title rows, and its columns; None if none."""
    for index, cells in enumerate(rows[:HEADER_SCAN_ROWS]):
        found = header_map(cells)
        if _looks_like_header(found):
            return index, found
    return None


# ---- types, years, villages ---------------------------------------------------------------------


def parse_type(value: object) -> ApplicantType | None:
    """A type written any usual way ("ผู้นำชุมชน", "กลุ่ม/องค์กรชุมชน", "network"), or a sheet
    named after one ("ผู้นำ 2565"); None when it names none."""
    key = _squeeze(value)
    if not key:
        return None
    for kind in ApplicantType:
        if key == kind.value:
            return kind
    # Order matters: "ผู้นำชุมชน" and "เครือข่ายองค์กรชุมชน" contain the later words.
    for word, kind in (
        ("ผู้นำ", ApplicantType.LEADER),
        ("เครือข่าย", ApplicantType.NETWORK),
        ("กลุ่ม", ApplicantType.GROUP),
        ("องค์กร", ApplicantType.GROUP),
        ("ชุมชน", ApplicantType.COMMUNITY),
        ("หมู่บ้าน", ApplicantType.COMMUNITY),
    ):
        if word in key:
            return kind
    return None


_ONE_NUMBER = re.compile(r"^\D*?(\d+)\D*$")


def _one_number(value: object) -> str | None:
    match = _ONE_NUMBER.match(to_arabic_digits(text(value)).replace(",", ""))
    return match.group(1) if match else None


def parse_year(value: object, current_fy: int) -> tuple[int, str | None]:
    """(fiscal year BE, warning or None); RowRejected when absent, unreadable or out of range."""
    if isinstance(value, datetime | date):
        return _be_in_range(value.year + 543, current_fy), (
            f"ช่องปีเป็นวันที่ ใช้ปี พ.ศ. {value.year + 543}"
        )
    if not text(value):
        raise RowRejected("ไม่มีปีงบประมาณ")
    digits = _one_number(value)
    if digits is None or len(digits) not in (2, 4):
        raise RowRejected(f"อ่านปีงบประมาณ “{text(value)}” ไม่ได้")
    number, warning = int(digits), None
    if len(digits) == 2:
        number, warning = 2500 + number, f"ปี “{text(value)}” ถือเป็น พ.ศ. {2500 + number}"
    elif 1900 <= number < 2400:
        warning = f"ปี ค.ศ. {number} แปลงเป็น พ.ศ. {number + 543}"
        number += 543
    return _be_in_range(number, current_fy), warning


def _be_in_range(year: int, current_fy: int) -> int:
    if year < FIRST_YEAR:
        raise RowRejected(f"ปี {year} เก่ากว่าปี {FIRST_YEAR} ที่เริ่มมีการรับรอง มชช.")
    if year > current_fy:
        raise RowRejected(f"ปี {year} เลยปีงบประมาณปัจจุบัน ({current_fy})")
    return year


def parse_village_no(value: object) -> tuple[int | None, str | None]:
    if not text(value):
        return None, None
    digits = _one_number(value)
    if digits is not None and 1 <= int(digits) <= 99:
        return int(digits), None
    return None, f"หมู่ที่ “{text(value)}” อ่านไม่ได้ จึงไม่ได้บันทึกหมู่ที่"


def parse_phone(value: object) -> tuple[str | None, str | None]:
    raw = text(value)
    if not raw or raw == "-":
        return None, None
    if raw.isdigit() and len(raw) == 9 and raw[0] in "689":
        raw = "0" + raw  # a mobile number kept as a number in Excel loses its leading 0
    try:
        return normalise_optional_phone(raw), None
    except DomainError:
        return None, "เบอร์โทรศัพท์ไม่ถูกต้อง จึงไม่ได้บันทึกเบอร์โทรศัพท์"


def parse_national_id(value: object) -> tuple[str | None, str | None]:
    raw = text(value)
    if not raw or raw == "-":
        return None, None
    digits = national_id.normalize(raw)
    if national_id.is_valid(digits):
        return digits, None
    return None, "เลขประจำตัวประชาชนไม่ถูกต้อง (ตรวจหลักสุดท้ายไม่ผ่าน) จึงไม่ได้บันทึกเลขนี้"


# ---- areas ---------------------------------------------------------------------------------------

_DISTRICT_PREFIXES = ("อำเภอ", "อ.", "อ ", "เขต")
_SUBDISTRICT_PREFIXES = ("ตำบล", "ต.", "ต ", "แขวง")
_PROVINCE_PREFIXES = ("จังหวัด", "จ.", "จ ")
MUEANG = "เมือง"


def area_key(value: object, prefixes: Sequence[str]) -> str:
    """An area name without "อ."/"อำเภอ"/"ต."/"ตำบล" and without any space, for matching."""
    name = text(value)
    for prefix in prefixes:
        if name.startswith(prefix):
            name = name[len(prefix) :]
            break
    return normalise_name(name).replace(" ", "")


def _by_key(options: Mapping[str, str]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for code, name in options.items():
        found.setdefault(area_key(name, ()), []).append(code)
    return found


@dataclass(frozen=True)
class AreaIndex:
    """A province's districts and subdistricts by matching key, built once per import."""

    province_key: str
    district_names: Mapping[str, str]
    districts: dict[str, list[str]]
    subdistricts: dict[str, dict[str, list[str]]]  # by district code

    @classmethod
    def build(
        cls,
        province_name: str,
        districts: Mapping[str, str],
        subdistricts_of: Callable[[str], Mapping[str, str]],
    ) -> AreaIndex:
        by_district = {code: _by_key(subdistricts_of(code)) for code in districts}
        return cls(area_key(province_name, ()), districts, _by_key(districts), by_district)

    def district_codes(self, key: str) -> list[str]:
        found = self.districts.get(key, [])
        if not found and key == MUEANG:  # a bare "เมือง" is the province's Mueang district
            found = [c for c, n in self.district_names.items() if n.startswith(MUEANG)]
        return found


@dataclass(frozen=True)
class Place:
    district_code: str
    subdistrict_code: str | None
    warning: str | None = None


def place(district: object, subdistrict: object, index: AreaIndex) -> Place:
    """District and subdistrict codes within the province, or RowRejected."""
    district_key = area_key(district, _DISTRICT_PREFIXES)
    sub_key = area_key(subdistrict, _SUBDISTRICT_PREFIXES)
    if district_key:
        found = index.district_codes(district_key)
        if not found:
            raise RowRejected(f"ไม่พบอำเภอ “{text(district)}” ในจังหวัดนี้")
        subs = index.subdistricts[found[0]].get(sub_key, []) if sub_key else []
        if sub_key and not subs:
            warning = f"ไม่พบตำบล “{text(subdistrict)}” ในอำเภอนี้ จึงไม่ได้บันทึกตำบล"
            return Place(found[0], None, warning)
        return Place(found[0], subs[0] if subs else None)
    if not sub_key:
        raise RowRejected("ไม่มีอำเภอ จึงระบุพื้นที่ไม่ได้")
    matches = [(d, s) for d, subs in index.subdistricts.items() for s in subs.get(sub_key, [])]
    if not matches:
        raise RowRejected(f"ไม่มีอำเภอ และไม่พบตำบล “{text(subdistrict)}” ในจังหวัดนี้")
    if len(matches) > 1:
        names = " และ ".join(index.district_names[d] for d, _ in matches)
        raise RowRejected(f"ตำบล “{text(subdistrict)}” มีในหลายอำเภอ ({names}) กรุณาระบุอำเภอในไฟล์")
    return Place(*matches[0])


def other_province(value: object, index: AreaIndex) -> bool:
    key = area_key(value, _PROVINCE_PREFIXES)
    return bool(key) and key != index.province_key


# ---- rows ----------------------------------------------------------------------------------------

_TOTAL = re.compile(r"^(ยอด)?รวม|^total", re.IGNORECASE)


def is_total(cells: Sequence[object], found: Mapping[Col, int]) -> bool:
    """A "รวม …" line: its first filled cell starts with รวม, and is not a unit's name (a group
    may be called "รวมใจพัฒนา": a name with a year is a unit)."""
    first = next((i for i, c in enumerate(cells) if text(c)), None)
    if first is None or not _TOTAL.match(text(cells[first])):
        return False
    names = {found[c] for c in _NAME_COLUMNS if c in found}
    return first not in names or not text(cell(cells, found, Col.YEAR))


def cell(cells: Sequence[object], found: Mapping[Col, int], col: Col) -> object:
    index = found.get(col)
    return cells[index] if index is not None and index < len(cells) else None


@dataclass
class CleanRow:
    type: ApplicantType
    name: str
    fiscal_year: int
    district: object
    subdistrict: object
    province: object
    village_no: int | None = None
    position: str | None = None
    coordinator: str | None = None
    phone: str | None = None
    national_id: str | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def normalized_name(self) -> str:
        return normalise_name(self.name)


def row_type(
    cells: Sequence[object],
    found: Mapping[Col, int],
    sheet_type: ApplicantType | None,
    default_type: ApplicantType | None,
) -> ApplicantType:
    """From the type column, else the sheet's name, else the one given for the whole file."""
    written = text(cell(cells, found, Col.TYPE))
    if written:
        kind = parse_type(written)
        if kind is None:
            raise RowRejected(f"ไม่รู้จักประเภท “{written}”")
        return kind
    if sheet_type or default_type:
        return sheet_type or default_type  # type: ignore[return-value]
    raise RowRejected("ไม่ทราบประเภท (ไม่มีช่องประเภท ชื่อแผ่นงานไม่บอก และไม่ได้เลือกประเภท)")


def _person(cells: Sequence[object], found: Mapping[Col, int]) -> str:
    """ชื่อ-สกุล, or put together from คำนำหน้า, ชื่อ and นามสกุล in columns of their own."""
    first = text(cell(cells, found, Col.PERSON))
    if Col.SURNAME not in found or first:
        return first
    title, bare, surname = (text(cell(cells, found, c)) for c in (Col.TITLE, Col.NAME, Col.SURNAME))
    if not bare:
        return ""
    return " ".join(part for part in (title + bare, surname) if part)


def _name(cells: Sequence[object], found: Mapping[Col, int], kind: ApplicantType) -> str:
    unit, bare = (text(cell(cells, found, c)) for c in (Col.UNIT, Col.NAME))
    person = _person(cells, found)
    first = (person, unit) if kind is ApplicantType.LEADER else (unit, person)
    village = text(cell(cells, found, Col.VILLAGE)) if kind is ApplicantType.COMMUNITY else ""
    name = next((n for n in (*first, bare, village) if n and n != "-"), "")
    if not name:
        raise RowRejected(f"ไม่มีชื่อ{TYPE_LABELS[kind]}")
    if len(name) > NAME_LIMIT:
        raise RowRejected(f"ชื่อยาวเกิน {NAME_LIMIT} ตัวอักษร")
    return name


def best_name(cells: Sequence[object], found: Mapping[Col, int]) -> str:
    """Whatever name a row has, for the report of a rejected row."""
    names = (text(cell(cells, found, c)) for c in (Col.UNIT, Col.PERSON, Col.NAME))
    return next((n for n in names if n), "")[:NAME_LIMIT]


def _optional(value: object, limit: int = 200) -> str | None:
    cleaned = text(value)
    return cleaned[:limit] if cleaned and cleaned != "-" else None


def clean_row(
    cells: Sequence[object],
    found: Mapping[Col, int],
    *,
    current_fy: int,
    sheet_type: ApplicantType | None = None,
    default_type: ApplicantType | None = None,
) -> CleanRow:
    kind = row_type(cells, found, sheet_type, default_type)
    name = _name(cells, found, kind)
    year, year_warning = parse_year(cell(cells, found, Col.YEAR), current_fy)
    village_no, village_warning = parse_village_no(cell(cells, found, Col.VILLAGE_NO))
    phone, phone_warning = parse_phone(cell(cells, found, Col.PHONE))
    digits, id_warning = parse_national_id(cell(cells, found, Col.NATIONAL_ID))
    leader = kind is ApplicantType.LEADER
    return CleanRow(
        type=kind,
        name=name,
        fiscal_year=year,
        district=cell(cells, found, Col.DISTRICT),
        subdistrict=cell(cells, found, Col.SUBDISTRICT),
        province=cell(cells, found, Col.PROVINCE),
        village_no=village_no,
        position=_optional(cell(cells, found, Col.POSITION)) if leader else None,
        coordinator=None if leader else _optional(cell(cells, found, Col.COORDINATOR)),
        phone=phone,
        national_id=digits if leader else None,
        warnings=[
            w
            for w in (year_warning, village_warning, phone_warning, id_warning if leader else None)
            if w
        ],
    )


# ---- outcomes ------------------------------------------------------------------------------------


class Outcome(StrEnum):
    IMPORTED = "imported"
    WARNING = "imported_with_warning"
    DUPLICATE = "duplicate"
    REJECTED = "rejected"
    SKIPPED = "skipped"  # a sheet without a header row


OUTCOME_LABELS: dict[Outcome, str] = {
    Outcome.IMPORTED: "นำเข้า",
    Outcome.WARNING: "นำเข้า (มีข้อสังเกต)",
    Outcome.DUPLICATE: "ซ้ำ ไม่นำเข้า",
    Outcome.REJECTED: "ไม่นำเข้า",
    Outcome.SKIPPED: "ข้ามทั้งแผ่นงาน",
}
