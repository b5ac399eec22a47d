"""Import old spreadsheets into the registry of certified units (ฐานข้อมูลผู้ผ่าน มชช.).

Reads .xlsx (every sheet, merged cells filled in) and .csv (UTF-8 with or without BOM, or
cp874/TIS-620 as Thai Windows saves it), cleans each row with core.registry_import, places it
in the province by DOPA code, and skips what the registry already has. All or nothing: the rows
are written and the audit event recorded in one transaction, committed once at the end; any
error or Ctrl-C on the way rolls everything back. A dry run does all the checks and writes
nothing. National IDs are kept only as a keyed hash and a masked form.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from core import national_id
from core import registry_import as rules
from core.applicant_types import ApplicantType
from core.errors import InvalidInput
from core.permission import Actor, Perm, Scope, require
from core.registry_import import OUTCOME_LABELS, Outcome, RowRejected
from core.thai import fiscal_year
from core.uploads import clean_filename
from db.models import RegistryEntry
from services import areas, audit, data_versions
from services.applications import id_hash

Progress = Callable[[float, str], None]
Sheet = tuple[str, list[list[Any]]]  # name, rows of cell values
Key = tuple[ApplicantType, str, int, str]  # as services.registry.Key

SOURCE = "import"
CHUNK = 2000
_MB = 1024 * 1024
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # Excel 97-2003 (.xls)
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+[0-9]+):([A-Z]+[0-9]+)"')


@dataclass(frozen=True)
class RowResult:
    sheet: str
    row: int | None
    outcome: Outcome
    reason: str = ""
    name: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "sheet": self.sheet,
            "row": self.row,
            "outcome": self.outcome.value,
            "reason": self.reason,
        }


@dataclass
class ImportReport:
    filename: str
    province_code: str
    dry_run: bool
    rows: list[RowResult] = field(default_factory=list)
    skipped_rows: int = 0  # blank rows, total (รวม …) rows, the header repeated on a new page

    def count(self, *outcomes: Outcome) -> int:
        return sum(1 for r in self.rows if r.outcome in outcomes)

    @property
    def imported(self) -> int:
        return self.count(Outcome.IMPORTED, Outcome.WARNING)

    @property
    def duplicates(self) -> int:
        return self.count(Outcome.DUPLICATE)

    @property
    def rejected(self) -> int:
        return self.count(Outcome.REJECTED)

    @property
    def warnings(self) -> int:
        return self.count(Outcome.WARNING)

    @property
    def sheets_skipped(self) -> int:
        return self.count(Outcome.SKIPPED)

    def summary(self) -> dict[str, Any]:
        """The command line's --json object."""
        return {
            "imported": self.imported,
            "duplicates": self.duplicates,
            "rejected": self.rejected,
            "warnings": self.warnings,
            "rows": [r.as_dict() for r in self.rows],
        }


# ---- reading files -------------------------------------------------------------------------------


def check_file(filename: str, data: bytes, *, max_bytes: int | None) -> str:
    """ "xlsx" or "csv", judged by content, or InvalidInput saying what is wrong in Thai."""
    name = clean_filename(filename)
    if not data:
        raise InvalidInput(f"ไฟล์ “{name}” ว่างเปล่า กรุณาเลือกไฟล์ใหม่")
    if max_bytes is not None and len(data) > max_bytes:
        raise InvalidInput(
            f"ไฟล์ “{name}” มีขนาด {len(data) / _MB:.1f} MB ใหญ่เกินกำหนด "
            f"(ไม่เกิน {max_bytes // _MB} MB) กรุณาแบ่งเป็นหลายไฟล์แล้วนำเข้าทีละไฟล์"
        )
    if data.startswith(_OLE_MAGIC):
        raise InvalidInput(
            f"ไฟล์ “{name}” เป็น Excel รุ่นเก่า (.xls) กรุณาเปิดใน Excel แล้วบันทึกเป็น "
            "“สมุดงาน Excel (.xlsx)” หรือ CSV แล้วนำเข้าใหม่"
        )
    if data.startswith(_ZIP_MAGIC):
        if _is_workbook(data):
            return "xlsx"
        raise InvalidInput(f"ไฟล์ “{name}” ไม่ใช่ไฟล์ Excel (.xlsx) กรุณาเลือกไฟล์ .xlsx หรือ .csv")
    if _decode(data) is None:
        raise InvalidInput(
            f"ไฟล์ “{name}” ไม่ใช่ไฟล์ Excel (.xlsx) หรือ CSV ที่อ่านได้ "
            "ระบบตรวจชนิดไฟล์จากเนื้อไฟล์ ไม่ใช่จากนามสกุล"
        )
    return "csv"


def _is_workbook(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "xl/workbook.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


def _decode(data: bytes) -> str | None:
    if b"\x00" in data:
        return None
    for encoding in ("utf-8-sig", "cp874"):  # cp874 is TIS-620 and a few more characters
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def read_csv(name: str, data: bytes) -> list[Sheet]:
    content = _decode(data) or ""
    try:
        dialect: Any = csv.Sniffer().sniff(content[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        rows = [list(r) for r in csv.reader(io.StringIO(content, newline=""), dialect)]
    except csv.Error:
        raise InvalidInput(f"อ่านไฟล์ CSV “{name}” ไม่ได้ ไฟล์อาจเสียหาย") from None
    return [(name.rsplit(".", 1)[0], rows)]


def read_xlsx(name: str, data: bytes) -> list[Sheet]:
    import openpyxl  # only when an import runs

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            sheets = [(ws.title, _rows(ws, archive)) for ws in book.worksheets]
        book.close()
    except InvalidInput:
        raise
    except Exception:  # openpyxl raises many kinds on a damaged file
        raise InvalidInput(
            f"เปิดไฟล์ Excel “{name}” ไม่ได้ ไฟล์อาจเสียหาย กรุณาเปิดใน Excel แล้วบันทึกใหม่"
        ) from None
    return sheets


def _rows(ws: Any, archive: zipfile.ZipFile) -> list[list[Any]]:
    if not hasattr(ws, "iter_rows"):  # a chart sheet
        return []
    ws.reset_dimensions()  # some programs write a wrong size; read what is there
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    xml = archive.read(ws._worksheet_path.lstrip("/"))  # read-only mode does not keep merges
    for first, last in _MERGE.findall(xml):
        _fill(rows, _cell_at(first.decode()), _cell_at(last.decode()))
    return rows


def _cell_at(ref: str) -> tuple[int, int]:
    from openpyxl.utils.cell import coordinate_to_tuple

    return coordinate_to_tuple(ref)  # (row, column), from 1


def _fill(rows: list[list[Any]], first: tuple[int, int], last: tuple[int, int]) -> None:
    """A merged block: its top-left value applies to every cell of the block."""
    (top, left), (bottom, right) = first, last
    if top > len(rows):
        return
    source = rows[top - 1]
    value = source[left - 1] if left <= len(source) else None
    for index in range(top - 1, min(bottom, len(rows))):
        row = rows[index]
        row.extend([None] * (right - len(row)))
        row[left - 1 : right] = [value] * (right - left + 1)


def read_sheets(filename: str, data: bytes, *, max_bytes: int | None) -> list[Sheet]:
    kind = check_file(filename, data, max_bytes=max_bytes)
    name = clean_filename(filename)
    return read_xlsx(name, data) if kind == "xlsx" else read_csv(name, data)


# ---- checking rows -------------------------------------------------------------------------------


def _existing_keys(session: Session, province: str) -> set[Key]:
    stmt = select(
        RegistryEntry.type,
        RegistryEntry.normalized_name,
        RegistryEntry.fiscal_year,
        RegistryEntry.district_code,
    ).where(RegistryEntry.province_code == province)
    return {tuple(r) for r in session.execute(stmt)}  # type: ignore[misc]


@dataclass
class _Checker:
    index: rules.AreaIndex
    province: str
    current_fy: int
    default_type: ApplicantType | None
    existing: set[Key]
    id_key: str
    filename: str
    seen: dict[Key, str] = field(default_factory=dict)
    entries: list[dict[str, Any]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.place = lru_cache(maxsize=4096)(self._place)

    def _place(self, district: str, subdistrict: str) -> rules.Place | str:
        try:
            return rules.place(district, subdistrict, self.index)
        except RowRejected as error:
            return error.message

    def row(
        self,
        sheet: str,
        number: int,
        cells: Sequence[Any],
        found: dict[rules.Col, int],
        kind: ApplicantType | None,
    ) -> RowResult:
        try:
            clean = rules.clean_row(
                cells,
                found,
                current_fy=self.current_fy,
                sheet_type=kind,
                default_type=self.default_type,
            )
            if rules.other_province(clean.province, self.index):
                raise RowRejected(f"อยู่จังหวัด “{rules.text(clean.province)}” ไม่ใช่จังหวัดนี้")
            spot = self.place(rules.text(clean.district), rules.text(clean.subdistrict))
            if isinstance(spot, str):
                raise RowRejected(spot)
        except RowRejected as error:
            name = rules.best_name(cells, found)
            return RowResult(sheet, number, Outcome.REJECTED, error.message, name)
        return self._keep(sheet, number, clean, spot)

    def _keep(self, sheet: str, number: int, clean: rules.CleanRow, spot: rules.Place) -> RowResult:
        key = (clean.type, clean.normalized_name, clean.fiscal_year, spot.district_code)
        if key in self.existing:
            reason = "มีในทะเบียนแล้ว (ประเภท ชื่อ ปีงบประมาณ และอำเภอเดียวกัน)"
            return RowResult(sheet, number, Outcome.DUPLICATE, reason, clean.name)
        if key in self.seen:
            reason = f"ซ้ำกับ{self.seen[key]}ในไฟล์นี้"
            return RowResult(sheet, number, Outcome.DUPLICATE, reason, clean.name)
        self.seen[key] = f"แถวที่ {number} แผ่นงาน “{sheet}”"
        self.entries.append(self._entry(sheet, number, clean, spot))
        warnings = [*clean.warnings, *([spot.warning] if spot.warning else [])]
        outcome = Outcome.WARNING if warnings else Outcome.IMPORTED
        return RowResult(sheet, number, outcome, "; ".join(warnings), clean.name)

    def _entry(
        self, sheet: str, number: int, clean: rules.CleanRow, spot: rules.Place
    ) -> dict[str, Any]:
        digits = clean.national_id
        return {
            "fiscal_year": clean.fiscal_year,
            "type": clean.type,
            "name": clean.name,
            "normalized_name": clean.normalized_name,
            "province_code": self.province,
            "district_code": spot.district_code,
            "subdistrict_code": spot.subdistrict_code,
            "village_no": clean.village_no,
            "position": clean.position,
            "coordinator": clean.coordinator,
            "contact_phone": clean.phone,
            "national_id_hash": id_hash(digits, self.id_key) if digits else None,
            "national_id_masked": national_id.mask(digits) if digits else None,
            "source": SOURCE,
            "source_detail": f"{self.filename} · {sheet} · แถวที่ {number}"[:1000],
        }


def _sheet_rows(sheets: list[Sheet]) -> int:
    return sum(len(rows) for _, rows in sheets) or 1


def _check(
    checker: _Checker, sheets: list[Sheet], report: ImportReport, progress: Progress
) -> None:
    total, done = _sheet_rows(sheets), 0
    for name, rows in sheets:
        header = rules.find_header(rows)
        done += len(rows)
        if header is None:
            reason = "ไม่พบแถวหัวตาราง (เช่น ชื่อ ปี อำเภอ) จึงข้ามทั้งแผ่นงาน"
            report.rows.append(RowResult(name, None, Outcome.SKIPPED, reason))
            continue
        start, found = header
        kind = rules.parse_type(name)
        for number, cells in enumerate(rows[start + 1 :], start=start + 2):
            if cells == rows[start] or rules.is_blank(cells) or rules.is_total(cells, found):
                report.skipped_rows += 1
            else:
                report.rows.append(checker.row(name, number, cells, found, kind))
            if number % CHUNK == 0:
                checked = done - len(rows) + number
                progress(0.7 * checked / total, f"ตรวจแล้ว {checked:,} แถว")


def _write(
    session: Session, entries: list[dict[str, Any]], now: datetime, progress: Progress
) -> None:
    for start in range(0, len(entries), CHUNK):
        chunk = [e | {"created_at": now} for e in entries[start : start + CHUNK]]
        session.execute(insert(RegistryEntry), chunk)
        written = start + len(chunk)
        progress(0.7 + 0.3 * written / len(entries), f"บันทึกแล้ว {written:,} แถว")
    data_versions.bump(session, data_versions.REGISTRY)


def _province(actor: Actor | None, province_code: str | None) -> str:
    """The officer's own province; the command line (no actor) acts as the system for one."""
    if actor is not None:
        require(actor, Perm.MANAGE_REGISTRY, Scope(province_code=actor.province_code or ""))
        if province_code not in (None, actor.province_code):
            raise InvalidInput("นำเข้าได้เฉพาะทะเบียนของจังหวัดของคุณ")
        return actor.province_code or ""
    if province_code not in areas.provinces():
        raise InvalidInput(f"ไม่พบรหัสจังหวัด “{province_code or ''}”")
    return province_code or ""


def _no_progress(fraction: float, message: str) -> None:
    return None


def import_file(
    session: Session,
    actor: Actor | None,
    filename: str,
    data: bytes,
    *,
    id_key: str,
    today: date,
    now: datetime,
    province_code: str | None = None,
    default_type: ApplicantType | None = None,
    dry_run: bool = False,
    max_bytes: int | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """Check every row and, unless a dry run, write the new ones: all of them or none."""
    province = _province(actor, province_code)
    report_progress = progress or _no_progress
    name = clean_filename(filename)
    report = ImportReport(filename=name, province_code=province, dry_run=dry_run)
    report_progress(0.0, "กำลังอ่านไฟล์")
    sheets = read_sheets(filename, data, max_bytes=max_bytes)
    index = rules.AreaIndex.build(
        areas.province_name(province), areas.districts(province), areas.subdistricts
    )
    checker = _Checker(
        index=index,
        province=province,
        current_fy=fiscal_year(today),
        default_type=default_type,
        existing=_existing_keys(session, province),
        id_key=id_key,
        filename=name,
    )
    _check(checker, sheets, report, report_progress)
    if not dry_run:
        _save(session, actor, checker.entries, report, now, report_progress)
    report_progress(1.0, "เสร็จแล้ว")
    return report


def _save(
    session: Session,
    actor: Actor | None,
    entries: list[dict[str, Any]],
    report: ImportReport,
    now: datetime,
    progress: Progress,
) -> None:
    try:
        _write(session, entries, now, progress)
        audit.record(
            session,
            actor,
            "registry_imported",
            at=now,
            entity="registry",
            file=report.filename,
            province=report.province_code,
            imported=report.imported,
            duplicates=report.duplicates,
            rejected=report.rejected,
            warnings=report.warnings,
        )
        session.commit()
    except IntegrityError:
        session.rollback()
        raise InvalidInput(
            "มีการนำเข้าข้อมูลเดียวกันพร้อมกันจากที่อื่น ยังไม่ได้บันทึกแถวใดเลย กรุณาลองอีกครั้ง"
        ) from None
    except BaseException:  # also Ctrl-C: nothing of this import stays
        session.rollback()
        raise


# ---- report file ---------------------------------------------------------------------------------

CSV_HEADER = ("แผ่นงาน", "แถวที่", "ผล", "ชื่อ", "เหตุผล / ข้อสังเกต")


def _cell(value: object) -> str:
    """Text from the file never becomes a spreadsheet formula."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def report_rows(rows: Iterable[dict[str, Any]]) -> Iterator[tuple[str, ...]]:
    for r in rows:
        row = "" if r["row"] is None else str(r["row"])
        label = OUTCOME_LABELS[Outcome(r["outcome"])]
        yield (r["sheet"], row, label, r.get("name", ""), r["reason"])


def report_csv(rows: Iterable[dict[str, Any]]) -> bytes:
    """The per-row report as CSV that Excel opens in Thai (UTF-8 with BOM)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER)
    for row in report_rows(rows):
        writer.writerow(_cell(v) for v in row)
    return out.getvalue().encode("utf-8-sig")


def rows_for_display(report: ImportReport) -> list[dict[str, Any]]:
    """Plain dicts (safe in session state): the JSON row and the unit's name."""
    return [r.as_dict() | {"name": r.name} for r in report.rows]
