"""Importing old spreadsheets into the registry: every rule, both file formats, all or nothing."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile

import openpyxl
import pytest
from sqlalchemy import func, select

import manage
import settings
from core.applicant_types import ApplicantType
from core.errors import InvalidInput, PermissionDenied
from core.national_id import check_digit
from core.registry_import import Outcome
from core.roles import Role
from db import migrate
from db.engine import make_engine, session_factory
from db.models import AuditEvent, RegistryEntry
from services import auth, registry_import
from services.applications import id_hash
from tests.databases import backend_id, configured_urls, fresh_database
from tests.factories import make_round, make_user

KEY = "k" * 32
TITLE = ["ทะเบียนผู้ผ่านการรับรองมาตรฐานงานชุมชน (มชช.) จังหวัดสระแก้ว"]
LEADER_HEADER = ["ลำดับ", "ปี พ.ศ.", "ชื่อ - สกุล", "ตำแหน่ง", "หมู่ที่", "ตำบล", "อำเภอ"]
GROUP_HEADER = ["ที่", "ปีงบประมาณ", "ชื่อกลุ่ม/องค์กร", "ผู้ประสานงาน", "ตำบล", "อำเภอ", "เบอร์โทร"]


def valid_id(first12: str = "310170020345") -> str:
    return first12 + str(check_digit(first12))


def bad_id() -> str:
    good = valid_id()
    return good[:-1] + str((int(good[-1]) + 1) % 10)


def xlsx(
    sheets: dict[str, list[list[object]]], merges: dict[str, list[str]] | None = None
) -> bytes:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        ws = book.create_sheet(title)
        for r in rows:
            ws.append(r)
        for block in (merges or {}).get(title, []):
            ws.merge_cells(block)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_file(rows: list[list[object]], encoding: str = "utf-8") -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode(encoding)


def run(db, data: bytes, today, now, *, name="ทะเบียน.xlsx", actor=None, **options):
    if actor is None:
        options.setdefault("province_code", "27")
    return registry_import.import_file(
        db, actor, name, data, id_key=KEY, today=today, now=now, **options
    )


def entries(db) -> dict[str, RegistryEntry]:
    return {e.name: e for e in db.scalars(select(RegistryEntry))}


def outcomes(report) -> list[tuple[str, int | None, Outcome]]:
    return [(r.sheet, r.row, r.outcome) for r in report.rows]


def leaders_sheet() -> list[list[object]]:
    return [
        TITLE,
        ["ข้อมูล ณ วันที่ 1 ตุลาคม 2568"],
        LEADER_HEADER,
        [1, 2565, "นาย สมชาย   ใจดี", "ผู้ใหญ่บ้าน", "ม.๓", "ต.สระแก้ว", "อ.เมืองสระแก้ว"],
        [2, None, "นางสมหญิง ใจงาม", "อสม.", "๔", "บ้านแก้ง", None],  # year, district merged
        [3, "๒๕๖๖", "นายวิชัย รักถิ่น", None, None, "หนองแวง", "อำเภอวัฒนานคร"],
        [None, None, None, None, None, None, None],
        [None, "รวม 3 ราย"],
    ]


def test_an_xlsx_with_title_rows_and_merged_cells_is_imported_row_by_row(db, today, now):
    data = xlsx({"ผู้นำ": leaders_sheet()}, {"ผู้นำ": ["A1:G1", "B4:B5", "G4:G5"]})
    report = run(db, data, today, now)
    assert outcomes(report) == [
        ("ผู้นำ", 4, Outcome.IMPORTED),
        ("ผู้นำ", 5, Outcome.IMPORTED),
        ("ผู้นำ", 6, Outcome.IMPORTED),
    ]
    assert report.skipped_rows == 2  # the blank row and the total row
    rows = entries(db)
    somchai, somying, wichai = rows["นาย สมชาย ใจดี"], rows["นางสมหญิง ใจงาม"], rows["นายวิชัย รักถิ่น"]
    assert (somchai.fiscal_year, somchai.district_code, somchai.subdistrict_code) == (
        2565,
        "2701",
        "270101",
    )
    assert (somchai.village_no, somchai.position, somchai.type) == (
        3,
        "ผู้ใหญ่บ้าน",
        ApplicantType.LEADER,
    )
    # The merged year and district apply to the row below too.
    assert (somying.fiscal_year, somying.district_code, somying.subdistrict_code) == (
        2565,
        "2701",
        "270102",
    )
    assert somying.village_no == 4
    assert (wichai.fiscal_year, wichai.district_code, wichai.subdistrict_code) == (
        2566,
        "2705",
        "270507",
    )
    assert {e.source for e in rows.values()} == {"import"}
    assert {e.province_code for e in rows.values()} == {"27"}
    assert somchai.normalized_name == "นาย สมชาย ใจดี"
    assert "ทะเบียน.xlsx" in somchai.source_detail and "แถวที่ 4" in somchai.source_detail


def test_every_sheet_is_read_the_sheet_name_gives_the_type_and_a_sheet_without_header_is_reported(
    db, today, now
):
    groups = [GROUP_HEADER, [1, 2567, "กลุ่มทอผ้าบ้านหนองแวง", "นางสมศรี", "หนองแวง", "โคกสูง", ""]]
    networks = [["ที่", "ปี", "ชื่อเครือข่าย", "อำเภอ"], [1, 2566, "เครือข่ายออมทรัพย์", "ตาพระยา"]]
    villages = [["ที่", "ปี", "ชื่อหมู่บ้าน", "หมู่", "อำเภอ"], [1, 2568, "บ้านหนองบัว", 5, "คลองหาด"]]
    notes = [["หมายเหตุ"], ["ไฟล์นี้รวบรวมจากอำเภอ"]]
    data = xlsx({"กลุ่ม": groups, "เครือข่าย": networks, "ชุมชน": villages, "หมายเหตุ": notes})
    report = run(db, data, today, now)
    assert report.imported == 3
    assert outcomes(report)[-1] == ("หมายเหตุ", None, Outcome.SKIPPED)
    assert "ไม่พบแถวหัวตาราง" in report.rows[-1].reason
    rows = entries(db)
    assert rows["กลุ่มทอผ้าบ้านหนองแวง"].type is ApplicantType.GROUP
    assert rows["กลุ่มทอผ้าบ้านหนองแวง"].coordinator == "นางสมศรี"
    assert rows["กลุ่มทอผ้าบ้านหนองแวง"].subdistrict_code == "270803"
    assert rows["เครือข่ายออมทรัพย์"].type is ApplicantType.NETWORK
    assert rows["บ้านหนองบัว"].type is ApplicantType.COMMUNITY
    assert rows["บ้านหนองบัว"].village_no == 5


def test_a_type_column_wins_the_sheet_name_next_and_the_given_type_last(db, today, now):
    mixed = [
        ["ที่", "ประเภท", "ปี", "ชื่อ", "อำเภอ"],
        [1, "เครือข่ายองค์กรชุมชน", 2566, "เครือข่ายป่าชุมชน", "ตาพระยา"],
        [2, None, 2566, "ชุมชนบ้านใหม่", "ตาพระยา"],
        [3, "อื่น ๆ", 2566, "ไม่รู้ประเภท", "ตาพระยา"],
    ]
    report = run(db, xlsx({"Sheet1": mixed}), today, now, default_type=ApplicantType.COMMUNITY)
    rows = entries(db)
    assert rows["เครือข่ายป่าชุมชน"].type is ApplicantType.NETWORK
    assert rows["ชุมชนบ้านใหม่"].type is ApplicantType.COMMUNITY
    assert report.rows[2].outcome is Outcome.REJECTED
    assert "ไม่รู้จักประเภท “อื่น ๆ”" in report.rows[2].reason


def test_without_a_type_anywhere_a_row_is_rejected(db, today, now):
    sheet = [["ที่", "ปี", "ชื่อ", "อำเภอ"], [1, 2566, "กลุ่มไม่บอกประเภท", "ตาพระยา"]]
    report = run(db, xlsx({"Sheet1": sheet}), today, now)
    assert report.rejected == 1
    assert "ไม่ทราบประเภท" in report.rows[0].reason
    assert entries(db) == {}


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp874", "tis-620"])
def test_a_csv_is_read_in_utf8_with_or_without_bom_and_in_thai_windows_encoding(
    db, today, now, encoding
):
    rows = [
        ["ทะเบียนกลุ่มที่ผ่าน มชช."],
        GROUP_HEADER,
        [1, "2567", "กลุ่มเลี้ยงไก่ไข่บ้านคลองทราย", "นายบุญมี", "ต.บ้านแก้ง", "อ.เมือง", "0812345678"],
        [2, "2566", "กลุ่มจักสานบ้านท่าเกษม", "", "", "เมืองสระแก้ว", ""],
    ]
    report = run(db, csv_file(rows, encoding), today, now, name="กลุ่ม.csv")
    assert report.imported == 2 and report.rejected == 0
    group = entries(db)["กลุ่มเลี้ยงไก่ไข่บ้านคลองทราย"]
    assert group.type is ApplicantType.GROUP  # from the file name, as a sheet's name
    assert (group.district_code, group.subdistrict_code) == ("2701", "270102")
    assert group.contact_phone == "081-234-5678"


def test_a_semicolon_csv_is_read_too(db, today, now):
    text = "ปี;ชื่อ-สกุล;อำเภอ\n2565;นายสมพร ดีใจ;คลองหาด\n"
    report = run(db, text.encode(), today, now, name="x.csv", default_type=ApplicantType.LEADER)
    assert report.imported == 1
    assert entries(db)["นายสมพร ดีใจ"].district_code == "2702"


def test_years_a_ce_year_is_converted_with_a_warning_and_out_of_range_years_are_rejected(
    db, today, now
):
    sheet = [
        ["ที่", "ปี", "ชื่อกลุ่ม", "อำเภอ"],
        [1, 2019, "กลุ่มปีคริสต์ศักราช", "คลองหาด"],
        [2, 2539, "กลุ่มเก่าเกินไป", "คลองหาด"],
        [3, 2571, "กลุ่มปีหน้า", "คลองหาด"],  # today is in fiscal year 2570
        [4, 2570, "กลุ่มปีนี้", "คลองหาด"],
    ]
    report = run(db, xlsx({"กลุ่ม": sheet}), today, now)
    assert [r.outcome for r in report.rows] == [
        Outcome.WARNING,
        Outcome.REJECTED,
        Outcome.REJECTED,
        Outcome.IMPORTED,
    ]
    assert "ค.ศ. 2019" in report.rows[0].reason
    assert "2540" in report.rows[1].reason and "2570" in report.rows[2].reason
    assert entries(db)["กลุ่มปีคริสต์ศักราช"].fiscal_year == 2562
    assert set(entries(db)) == {"กลุ่มปีคริสต์ศักราช", "กลุ่มปีนี้"}


def test_a_subdistrict_in_two_districts_of_the_province_needs_its_district(db, today, now):
    sheet = [
        ["ที่", "ปี", "ชื่อกลุ่ม", "ตำบล", "อำเภอ"],
        [1, 2566, "กลุ่มไม่บอกอำเภอ", "หนองแวง", None],
        [2, 2566, "กลุ่มบอกอำเภอ", "หนองแวง", "โคกสูง"],
        [3, 2566, "กลุ่มบอกแต่ตำบลที่มีที่เดียว", "บ้านแก้ง", None],
        [4, 2566, "กลุ่มไม่มีพื้นที่", None, None],
        [5, 2566, "กลุ่มอำเภออื่น", None, "บางกอกน้อย"],
    ]
    report = run(db, xlsx({"กลุ่ม": sheet}), today, now)
    assert [r.outcome for r in report.rows] == [
        Outcome.REJECTED,
        Outcome.IMPORTED,
        Outcome.IMPORTED,
        Outcome.REJECTED,
        Outcome.REJECTED,
    ]
    assert "มีในหลายอำเภอ (วัฒนานคร และ โคกสูง)" in report.rows[0].reason
    assert "ไม่พบอำเภอ “บางกอกน้อย”" in report.rows[4].reason
    assert entries(db)["กลุ่มบอกอำเภอ"].subdistrict_code == "270803"
    assert entries(db)["กลุ่มบอกแต่ตำบลที่มีที่เดียว"].district_code == "2701"


def test_a_row_of_another_province_or_without_a_name_is_rejected(db, today, now):
    sheet = [
        ["ที่", "ปี", "ชื่อกลุ่ม", "อำเภอ", "จังหวัด"],
        [1, 2566, "กลุ่มจันทบุรี", "เมือง", "จ.จันทบุรี"],
        [2, 2566, None, "คลองหาด", "สระแก้ว"],
        [3, 2566, "กลุ่มสระแก้ว", "คลองหาด", "จังหวัดสระแก้ว"],
    ]
    report = run(db, xlsx({"กลุ่ม": sheet}), today, now)
    assert [r.outcome for r in report.rows] == [
        Outcome.REJECTED,
        Outcome.REJECTED,
        Outcome.IMPORTED,
    ]
    assert "จันทบุรี" in report.rows[0].reason
    assert "ไม่มีชื่อ" in report.rows[1].reason


def test_an_id_failing_its_checksum_and_an_unknown_subdistrict_are_dropped_with_warnings(
    db, today, now
):
    sheet = [
        ["ที่", "ปี", "ชื่อ-สกุล", "ตำบล", "อำเภอ", "เลขประจำตัวประชาชน"],
        [1, 2565, "นายถูก ต้อง", "สระแก้ว", "เมืองสระแก้ว", valid_id()],
        [2, 2565, "นายผิด หลัก", "ไม่มีตำบลนี้", "เมืองสระแก้ว", bad_id()],
    ]
    report = run(db, xlsx({"ผู้นำ": sheet}), today, now)
    assert [r.outcome for r in report.rows] == [Outcome.IMPORTED, Outcome.WARNING]
    assert report.warnings == 1 and report.imported == 2
    assert "เลขประจำตัวประชาชนไม่ถูกต้อง" in report.rows[1].reason
    assert "ไม่พบตำบล “ไม่มีตำบลนี้”" in report.rows[1].reason
    right, wrong = entries(db)["นายถูก ต้อง"], entries(db)["นายผิด หลัก"]
    assert right.national_id_hash == id_hash(valid_id(), KEY)
    assert right.national_id_masked == f"x-xxxx-xxxxx-{valid_id()[10:12]}-{valid_id()[12]}"
    assert (wrong.national_id_hash, wrong.national_id_masked, wrong.subdistrict_code) == (
        None,
        None,
        None,
    )
    stored = " ".join(str(v) for e in (right, wrong) for v in vars(e).values())
    assert valid_id() not in stored and bad_id() not in stored


def test_importing_the_same_file_twice_adds_nothing_and_in_file_repeats_count_once(db, today, now):
    sheet = [
        ["ที่", "ปี", "ชื่อกลุ่ม", "อำเภอ"],
        [1, 2566, "กลุ่มออมทรัพย์บ้านเขาสามสิบ", "เขาฉกรรจ์"],
        [2, 2566, "กลุ่มออมทรัพย์บ้านเขาสามสิบ ", "อ.เขาฉกรรจ์"],  # the same unit typed again
        [3, 2567, "กลุ่มออมทรัพย์บ้านเขาสามสิบ", "เขาฉกรรจ์"],  # another year: another row
    ]
    data = xlsx({"กลุ่ม": sheet})
    first = run(db, data, today, now)
    assert [r.outcome for r in first.rows] == [
        Outcome.IMPORTED,
        Outcome.DUPLICATE,
        Outcome.IMPORTED,
    ]
    assert "ซ้ำกับแถวที่ 2" in first.rows[1].reason
    second = run(db, data, today, now)
    assert (second.imported, second.duplicates) == (0, 3)
    assert "มีในทะเบียนแล้ว" in second.rows[0].reason
    assert db.scalar(select(func.count(RegistryEntry.id))) == 2


def test_blank_rows_total_rows_and_a_header_repeated_on_a_new_page_are_skipped(db, today, now):
    header = ["ที่", "ปี", "ชื่อกลุ่ม", "อำเภอ"]
    sheet = [
        header,
        [1, 2566, "กลุ่มหน้าแรก", "คลองหาด"],
        [None, "รวมหน้า 1", None, None],
        [],
        header,
        [2, 2566, "กลุ่มหน้าสอง", "คลองหาด"],
        ["รวมทั้งสิ้น 2 กลุ่ม"],
    ]
    report = run(db, xlsx({"กลุ่ม": sheet}), today, now)
    assert outcomes(report) == [("กลุ่ม", 2, Outcome.IMPORTED), ("กลุ่ม", 6, Outcome.IMPORTED)]
    assert report.skipped_rows == 4


def test_a_dry_run_checks_every_row_and_writes_nothing(db, today, now):
    data = xlsx({"ผู้นำ": leaders_sheet()}, {"ผู้นำ": ["B4:B5", "G4:G5"]})
    report = run(db, data, today, now, dry_run=True)
    assert report.imported == 3 and report.dry_run
    assert db.scalar(select(func.count(RegistryEntry.id))) == 0
    assert db.scalar(select(func.count(AuditEvent.id))) == 0


@pytest.mark.parametrize("crash", [KeyboardInterrupt, RuntimeError])
def test_a_crash_mid_import_leaves_the_registry_as_it_was(db, today, now, crash):
    run(db, xlsx({"กลุ่ม": [["ปี", "ชื่อกลุ่ม", "อำเภอ"], [2565, "กลุ่มเดิม", "คลองหาด"]]}), today, now)
    rows = [["ปี", "ชื่อกลุ่ม", "อำเภอ"]] + [
        [2566, f"กลุ่มที่ {i}", "คลองหาด"] for i in range(registry_import.CHUNK + 10)
    ]

    def crash_after_first_chunk(fraction: float, message: str) -> None:
        if message.startswith("บันทึกแล้ว"):  # a chunk is in the database, uncommitted
            raise crash()

    with pytest.raises(crash):
        run(db, xlsx({"กลุ่ม": rows}), today, now, progress=crash_after_first_chunk)
    assert list(entries(db)) == ["กลุ่มเดิม"]
    assert db.scalar(select(func.count(AuditEvent.id))) == 1  # the first import's only


def test_progress_is_reported_from_start_to_end(db, today, now):
    rows = [["ปี", "ชื่อกลุ่ม", "อำเภอ"]] + [[2566, f"กลุ่ม {i}", "คลองหาด"] for i in range(4500)]
    seen: list[float] = []
    run(db, xlsx({"กลุ่ม": rows}), today, now, progress=lambda f, m: seen.append(f))
    assert seen[0] == 0.0 and seen[-1] == 1.0
    assert seen == sorted(seen) and len(seen) > 4


def test_the_import_is_recorded_once_with_its_counts(db, today, now):
    province = auth.actor_of(db, make_user(db, Role.PROVINCE_OFFICER, district=None))
    data = xlsx({"ผู้นำ": leaders_sheet()}, {"ผู้นำ": ["B4:B5", "G4:G5"]})
    run(db, data, today, now, actor=province)
    event = db.scalar(select(AuditEvent).where(AuditEvent.action == "registry_imported"))
    assert event.actor_id == province.user_id
    detail = json.loads(event.detail)
    assert detail.items() >= {"imported": 3, "rejected": 0, "file": "ทะเบียน.xlsx"}.items()


def test_only_a_province_officer_imports_and_only_into_their_own_province(db, today, now):
    data = xlsx({"ผู้นำ": leaders_sheet()})
    district = auth.actor_of(db, make_user(db, Role.DISTRICT_OFFICER))
    with pytest.raises(PermissionDenied):
        run(db, data, today, now, actor=district)
    other = auth.actor_of(db, make_user(db, Role.PROVINCE_OFFICER, district=None, province="22"))
    with pytest.raises(InvalidInput, match="จังหวัดของคุณ"):
        run(db, data, today, now, actor=other, province_code="27")
    province = auth.actor_of(db, make_user(db, Role.PROVINCE_OFFICER, district=None))
    assert run(db, data, today, now, actor=province, province_code="27").imported == 2
    assert db.scalar(select(RegistryEntry.province_code)) == "27"


def _broken_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("xl/workbook.xml", "<not a workbook")
    return out.getvalue()


def _plain_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("readme.txt", "hello")
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b"", "ว่างเปล่า"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "Excel รุ่นเก่า (.xls)"),
        (_plain_zip(), "ไม่ใช่ไฟล์ Excel (.xlsx)"),
        (_broken_zip(), "ไฟล์อาจเสียหาย"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "ไม่ใช่ไฟล์ Excel (.xlsx) หรือ CSV"),
        (bytes(range(128, 256)) * 4, "ไม่ใช่ไฟล์ Excel (.xlsx) หรือ CSV"),
    ],
    ids=["empty", "xls", "zip", "broken-xlsx", "png", "binary"],
)
def test_a_wrong_or_damaged_file_is_refused_in_thai_and_nothing_changes(db, today, now, data, says):
    with pytest.raises(InvalidInput, match=re.escape(says)):
        run(db, data, today, now, name="ไฟล์.xlsx")
    assert db.scalar(select(func.count(RegistryEntry.id))) == 0


def test_a_file_over_the_size_limit_is_refused_in_thai(db, today, now):
    data = csv_file([["ปี", "ชื่อกลุ่ม", "อำเภอ"]] + [[2566, "ก" * 100, "คลองหาด"]] * 200)
    with pytest.raises(InvalidInput, match="ใหญ่เกินกำหนด"):
        run(db, data, today, now, name="ใหญ่.csv", max_bytes=10_000)


def test_the_report_csv_has_thai_headers_and_never_turns_file_text_into_a_formula(db, today, now):
    sheet = [["ปี", "ชื่อกลุ่ม", "อำเภอ"], [2566, "@SUM(1)", "ไม่มีอำเภอนี้"]]
    report = run(db, xlsx({"กลุ่ม": sheet}), today, now, dry_run=True)
    data = registry_import.report_csv(registry_import.rows_for_display(report))
    assert data.startswith("\ufeff".encode())
    lines = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert lines[0] == ["แผ่นงาน", "แถวที่", "ผล", "ชื่อ", "เหตุผล / ข้อสังเกต"]
    assert lines[1][:4] == ["กลุ่ม", "2", "ไม่นำเข้า", "'@SUM(1)"]


# ---- the command line ------------------------------------------------------------------------


@pytest.mark.parametrize("server", configured_urls(), ids=backend_id)
def test_the_command_line_imports_with_a_json_last_line(server, monkeypatch, capsys, tmp_path):
    path = tmp_path / "ทะเบียน.xlsx"
    path.write_bytes(xlsx({"ผู้นำ": leaders_sheet()}, {"ผู้นำ": ["B4:B5", "G4:G5"]}))
    with fresh_database(server) as url:
        migrate.upgrade(url)
        engine = make_engine(url)
        monkeypatch.setenv("DATABASE_URL", url)
        monkeypatch.setenv("DEMO_TODAY", "2026-11-24")
        settings.get.cache_clear()
        try:
            # No round or district office yet: which province is not known.
            assert manage.main(["import-registry", str(path)]) == 2
            assert "--province" in capsys.readouterr().err
            with session_factory(engine)() as session:
                make_round(session, fy=2570, province="27")
                session.commit()

            assert manage.main(["import-registry", str(path), "--dry-run", "--json"]) == 0
            checked = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
            assert (checked["imported"], checked["rejected"]) == (3, 0)
            assert _count(engine) == 0

            assert manage.main(["import-registry", str(path), "--json"]) == 0
            last = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
            assert set(last) == {"imported", "duplicates", "rejected", "warnings", "rows"}
            assert (last["imported"], last["duplicates"]) == (3, 0)
            assert last["rows"][0] == {
                "sheet": "ผู้นำ",
                "row": 4,
                "outcome": "imported",
                "reason": "",
            }
            assert _count(engine) == 3

            assert manage.main(["import-registry", str(path), "--json", "--province", "27"]) == 0
            again = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
            assert (again["imported"], again["duplicates"]) == (0, 3)
            assert _count(engine) == 3

            out = tmp_path / "registry.csv"
            assert manage.main(["export-registry", str(out)]) == 0
            exported = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
            assert exported[0][:3] == ["fiscal_year", "type", "name"]
            assert sorted(r[2] for r in exported[1:]) == sorted(
                ["นาย สมชาย ใจดี", "นางสมหญิง ใจงาม", "นายวิชัย รักถิ่น"]
            )
        finally:
            engine.dispose()
            settings.get.cache_clear()


def test_the_command_line_refuses_a_missing_file_or_an_unknown_type(tmp_path, capsys):
    assert manage.main(["import-registry", str(tmp_path / "none.xlsx")]) == 2
    assert "ไม่พบไฟล์" in capsys.readouterr().err
    path = tmp_path / "a.csv"
    path.write_text("ปี,ชื่อ,อำเภอ\n", encoding="utf-8")
    assert manage.main(["import-registry", str(path), "--type", "สมาคม"]) == 2
    assert "ไม่รู้จักประเภท" in capsys.readouterr().err


def _count(engine) -> int:
    with engine.connect() as conn:
        return conn.scalar(select(func.count(RegistryEntry.id)))


def test_an_import_moves_the_registrys_version_on_so_every_cached_page_renews(db, today, now):
    from services import data_versions

    before = data_versions.current(db, data_versions.REGISTRY)
    run(db, xlsx({"ผู้นำ": leaders_sheet()}), today, now)
    assert data_versions.current(db, data_versions.REGISTRY) > before
