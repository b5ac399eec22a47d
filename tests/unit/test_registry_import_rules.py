"""How the registry importer reads a spreadsheet row, as a careful clerk would."""

from __future__ import annotations

import re
from datetime import date

import pytest

from core import registry_import as rules
from core.applicant_types import ApplicantType
from core.national_id import check_digit
from core.registry_import import AreaIndex, Col, RowRejected

FY = 2570
DISTRICTS = {"2701": "เมืองสระแก้ว", "2705": "วัฒนานคร", "2708": "โคกสูง"}
SUBDISTRICTS = {
    "2701": {"270101": "สระแก้ว", "270102": "บ้านแก้ง"},
    "2705": {"270501": "วัฒนานคร", "270507": "หนองแวง"},
    "2708": {"270801": "โคกสูง", "270803": "หนองแวง"},
}
INDEX = AreaIndex.build("สระแก้ว", DISTRICTS, SUBDISTRICTS.__getitem__)
HEADER = ["ลำดับ", "ปี พ.ศ.", "ชื่อ - สกุล", "ชื่อกลุ่ม/องค์กร", "หมู่ที่", "ตำบล", "อำเภอ"]
COLUMNS = rules.header_map(HEADER)


def valid_id(first12: str = "110170020345") -> str:
    return first12 + str(check_digit(first12))


def row(**values: object) -> list[object]:
    cells: list[object] = [None] * len(HEADER)
    for col, value in values.items():
        cells[COLUMNS[Col(col)]] = value
    return cells


@pytest.mark.parametrize(
    ("header", "col"),
    [
        ("ลำดับ", Col.SEQ),
        ("ที่", Col.SEQ),
        ("ปี", Col.YEAR),
        ("ปีงบประมาณ", Col.YEAR),
        ("ปี พ.ศ.", Col.YEAR),
        ("ปีที่ผ่าน", Col.YEAR),
        ("ปีงบประมาณ\nที่ผ่านการรับรอง", Col.YEAR),
        ("ประเภท", Col.TYPE),
        ("ชื่อ - สกุล", Col.PERSON),
        ("ชื่อ-สกุล", Col.PERSON),
        ("ชื่อ  สกุล", Col.PERSON),
        ("ชื่อกลุ่ม/องค์กร", Col.UNIT),
        ("องค์กร", Col.UNIT),
        ("ชื่อกลุ่ม", Col.UNIT),
        ("ชื่อเครือข่าย", Col.UNIT),
        ("ชื่อชุมชน", Col.UNIT),
        ("ชื่อหมู่บ้าน", Col.UNIT),
        ("หมู่ที่", Col.VILLAGE_NO),
        ("หมู่", Col.VILLAGE_NO),
        ("บ้าน", Col.VILLAGE),
        ("หมู่บ้าน", Col.VILLAGE),
        (" ตำบล ", Col.SUBDISTRICT),
        ("อำเภอ", Col.DISTRICT),
        ("จังหวัด", Col.PROVINCE),
        ("เลขประจำตัวประชาชน", Col.NATIONAL_ID),
        ("เลขประจำตัว\nประชาชน", Col.NATIONAL_ID),
        ("เลขบัตรประชาชน", Col.NATIONAL_ID),
        ("ตำแหน่ง", Col.POSITION),
        ("ผู้ประสานงาน", Col.COORDINATOR),
        ("เบอร์โทร", Col.PHONE),
        ("โทรศัพท์", Col.PHONE),
        ("เบอร์โทรศัพท์", Col.PHONE),
    ],
)
def test_the_usual_thai_column_names_and_their_variants_are_known(header, col):
    assert rules.column_of(header) is col


def test_an_unknown_or_empty_header_means_nothing():
    assert rules.column_of("หมายเหตุ") is None
    assert rules.column_of("ที่อยู่") is None
    assert rules.column_of(None) is None


def test_the_header_row_is_found_below_the_title_rows():
    rows = [
        ["ทะเบียนผู้ผ่านการรับรอง มชช. จังหวัดสระแก้ว", None, None],
        ["ข้อมูล ณ วันที่ 1 ตุลาคม 2568"],
        [],
        ["ที่", "ชื่อ-สกุล", "ปีงบประมาณ", "อำเภอ"],
        [1, "นายสมชาย ใจดี", 2565, "เมืองสระแก้ว"],
    ]
    index, columns = rules.find_header(rows)
    assert index == 3
    assert columns == {Col.SEQ: 0, Col.PERSON: 1, Col.YEAR: 2, Col.DISTRICT: 3}


def test_a_sheet_without_a_recognisable_header_has_none():
    assert rules.find_header([["หมายเหตุ"], ["ไฟล์นี้ส่งจากอำเภอ"], ["ชื่อ"]]) is None
    assert rules.find_header([]) is None


@pytest.mark.parametrize(
    ("value", "year", "warned"),
    [
        (2565, 2565, False),
        (2565.0, 2565, False),
        ("๒๕๖๕", 2565, False),
        ("ปีงบประมาณ 2565", 2565, False),
        ("พ.ศ. ๒๕๖๘", 2568, False),
        (2019, 2562, True),
        ("2019", 2562, True),
        ("65", 2565, True),
        (date(2021, 5, 1), 2564, True),
        (2570, 2570, False),
        (2540, 2540, False),
    ],
)
def test_years_are_read_as_buddhist_era_fiscal_years(value, year, warned):
    got, warning = rules.parse_year(value, FY)
    assert got == year
    assert bool(warning) is warned


def test_a_ce_year_is_converted_with_a_warning_that_says_so():
    _, warning = rules.parse_year(2019, FY)
    assert "ค.ศ. 2019" in warning and "2562" in warning


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        (2539, "เก่ากว่าปี 2540"),
        (2571, "เลยปีงบประมาณปัจจุบัน (2570)"),
        (1990, "เก่ากว่าปี 2540"),  # CE 1990 is BE 2533
        (None, "ไม่มีปีงบประมาณ"),
        ("", "ไม่มีปีงบประมาณ"),
        ("2564-2565", "อ่านปีงบประมาณ"),
        ("ไม่ทราบ", "อ่านปีงบประมาณ"),
        (123, "อ่านปีงบประมาณ"),
    ],
)
def test_a_missing_unreadable_or_out_of_range_year_is_rejected(value, reason):
    with pytest.raises(RowRejected, match=re.escape(reason)):
        rules.parse_year(value, FY)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("ผู้นำชุมชน", ApplicantType.LEADER),
        ("ผู้นำ", ApplicantType.LEADER),
        ("กลุ่ม/องค์กรชุมชน", ApplicantType.GROUP),
        ("กลุ่ม", ApplicantType.GROUP),
        ("เครือข่ายองค์กรชุมชน", ApplicantType.NETWORK),
        ("เครือข่าย", ApplicantType.NETWORK),
        ("ชุมชน", ApplicantType.COMMUNITY),
        ("หมู่บ้าน", ApplicantType.COMMUNITY),
        ("network", ApplicantType.NETWORK),
        ("ผู้นำ 2565", ApplicantType.LEADER),
        ("Sheet1", None),
        ("", None),
    ],
)
def test_a_type_is_read_from_its_usual_names(text, kind):
    assert rules.parse_type(text) is kind


def test_the_type_column_wins_over_the_sheet_name_which_wins_over_the_given_type():
    columns = rules.header_map(["ประเภท", "ชื่อ"])
    leader, group = ApplicantType.LEADER, ApplicantType.GROUP
    assert rules.row_type(["เครือข่าย", "x"], columns, leader, group) is ApplicantType.NETWORK
    assert rules.row_type([None, "x"], columns, leader, group) is leader
    assert rules.row_type([None, "x"], columns, None, group) is group


def test_an_unknown_type_or_no_type_at_all_is_rejected():
    columns = rules.header_map(["ประเภท", "ชื่อ"])
    with pytest.raises(RowRejected, match="ไม่รู้จักประเภท “อื่น ๆ”"):
        rules.row_type(["อื่น ๆ", "x"], columns, ApplicantType.GROUP, None)
    with pytest.raises(RowRejected, match="ไม่ทราบประเภท"):
        rules.row_type([None, "x"], columns, None, None)


@pytest.mark.parametrize(
    ("district", "subdistrict", "district_code", "subdistrict_code"),
    [
        ("อ.เมืองสระแก้ว", "ต.สระแก้ว", "2701", "270101"),
        ("อำเภอ เมืองสระแก้ว", "ตำบล บ้านแก้ง", "2701", "270102"),
        ("อ. เมือง", "บ้าน แก้ง", "2701", "270102"),
        ("  วัฒนานคร ", "  หนองแวง", "2705", "270507"),
        ("โคกสูง", "หนองแวง", "2708", "270803"),
        ("โคกสูง", None, "2708", None),
        (None, "บ้านแก้ง", "2701", "270102"),  # one district has it: the district follows
    ],
)
def test_areas_are_matched_to_dopa_codes_without_prefixes_and_stray_spaces(
    district, subdistrict, district_code, subdistrict_code
):
    spot = rules.place(district, subdistrict, INDEX)
    assert (spot.district_code, spot.subdistrict_code, spot.warning) == (
        district_code,
        subdistrict_code,
        None,
    )


def test_a_subdistrict_name_in_several_districts_needs_its_district():
    with pytest.raises(RowRejected, match=r"มีในหลายอำเภอ \(วัฒนานคร และ โคกสูง\)"):
        rules.place(None, "หนองแวง", INDEX)


def test_a_row_with_no_placeable_district_is_rejected():
    with pytest.raises(RowRejected, match=r"ไม่พบอำเภอ “อ\.บางกอกน้อย”"):
        rules.place("อ.บางกอกน้อย", "สระแก้ว", INDEX)
    with pytest.raises(RowRejected, match="ไม่มีอำเภอ"):
        rules.place(None, None, INDEX)
    with pytest.raises(RowRejected, match="ไม่พบตำบล “ศิริราช”"):
        rules.place("", "ศิริราช", INDEX)


def test_an_unknown_subdistrict_in_a_known_district_is_dropped_with_a_warning():
    spot = rules.place("วัฒนานคร", "ต.ไม่มีจริง", INDEX)
    assert (spot.district_code, spot.subdistrict_code) == ("2705", None)
    assert "ไม่พบตำบล “ต.ไม่มีจริง”" in spot.warning


def test_another_province_is_noticed():
    assert rules.other_province("จ.จันทบุรี", INDEX)
    assert not rules.other_province("จังหวัดสระแก้ว", INDEX)
    assert not rules.other_province(None, INDEX)


def test_blank_and_total_rows_are_told_apart_from_data_rows():
    assert rules.is_blank([None, "", "  ", "\u200b"])
    assert not rules.is_blank([None, "x"])
    assert rules.is_total([None, "รวม", None, None, None, None, 15], COLUMNS)
    assert rules.is_total(["รวมทั้งสิ้น 25 ราย"], COLUMNS)
    assert rules.is_total(["ยอดรวม", 2565], COLUMNS)
    data_row = row(seq=1, year=2565, unit="รวมใจพัฒนา", district="วัฒนานคร")
    assert not rules.is_total(data_row, COLUMNS)
    name_first = rules.header_map(["ชื่อกลุ่ม", "ปี", "อำเภอ"])
    assert not rules.is_total(["รวมใจพัฒนา", 2565, "วัฒนานคร"], name_first)


def test_a_leader_row_is_cleaned_thai_digits_stray_spaces_and_all():
    clean = rules.clean_row(
        row(year="๒๕๖๕", person="  นาย สมชาย   ใจดี ", village_no="ม.๓", district="อ.วัฒนานคร"),
        COLUMNS,
        current_fy=FY,
        sheet_type=ApplicantType.LEADER,
    )
    assert clean.type is ApplicantType.LEADER
    assert clean.name == "นาย สมชาย ใจดี"
    assert (clean.fiscal_year, clean.village_no, clean.warnings) == (2565, 3, [])


def test_a_group_row_takes_the_group_name_not_a_person():
    clean = rules.clean_row(
        row(year=2566, person="นางสมศรี", unit="กลุ่มทอผ้าบ้านหนองแวง", district="โคกสูง"),
        COLUMNS,
        current_fy=FY,
        default_type=ApplicantType.GROUP,
    )
    assert clean.name == "กลุ่มทอผ้าบ้านหนองแวง"


def test_a_row_without_a_name_is_rejected():
    with pytest.raises(RowRejected, match="ไม่มีชื่อกลุ่ม/องค์กรชุมชน"):
        rules.clean_row(
            row(year=2566, unit="-", district="โคกสูง"),
            COLUMNS,
            current_fy=FY,
            sheet_type=ApplicantType.GROUP,
        )


def test_a_national_id_failing_its_checksum_is_dropped_with_a_warning():
    good = valid_id()
    bad = good[:-1] + str((int(good[-1]) + 1) % 10)
    typed = f"{good[0]}-{good[1:5]}-{good[5:10]}-{good[10:12]}-{good[12]}"
    assert rules.parse_national_id(typed) == (good, None)
    digits, warning = rules.parse_national_id(bad)
    assert digits is None
    assert "เลขประจำตัวประชาชนไม่ถูกต้อง" in warning


def test_a_leader_keeps_the_id_and_a_group_never_does():
    columns = rules.header_map(["ปี", "ชื่อ", "อำเภอ", "เลขบัตรประชาชน"])
    cells = [2565, "นายสมชาย ใจดี", "โคกสูง", valid_id()]
    leader = rules.clean_row(cells, columns, current_fy=FY, sheet_type=ApplicantType.LEADER)
    group = rules.clean_row(cells, columns, current_fy=FY, sheet_type=ApplicantType.GROUP)
    assert leader.national_id == valid_id()
    assert group.national_id is None


@pytest.mark.parametrize(
    ("value", "phone", "warned"),
    [
        (812345678, "081-234-5678", False),  # Excel dropped the leading 0
        ("081 234 5678", "081-234-5678", False),
        ("๐๘๑๒๓๔๕๖๗๘", "081-234-5678", False),
        ("-", None, False),
        ("ไม่มี", None, True),
    ],
)
def test_phones_are_tidied_or_dropped_with_a_warning(value, phone, warned):
    got, warning = rules.parse_phone(value)
    assert got == phone
    assert bool(warning) is warned


def test_a_bad_village_number_is_dropped_with_a_warning():
    assert rules.parse_village_no("หมู่ที่ 12") == (12, None)
    number, warning = rules.parse_village_no("ไม่ระบุ")
    assert number is None and "หมู่ที่ “ไม่ระบุ”" in warning


def test_a_name_split_over_title_first_name_and_surname_columns_is_put_together():
    columns = rules.header_map(["ปี", "คำนำหน้า", "ชื่อ", "นามสกุล", "อำเภอ"])
    clean = rules.clean_row(
        [2565, "นาง", "สมศรี", "มีสุข", "โคกสูง"],
        columns,
        current_fy=FY,
        sheet_type=ApplicantType.LEADER,
    )
    assert clean.name == "นางสมศรี มีสุข"
