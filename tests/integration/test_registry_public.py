from __future__ import annotations

import csv
import io
from datetime import date, datetime

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from core.applicant_types import ApplicantType
from core.errors import InvalidInput, PermissionDenied
from core.registry_names import normalise_name
from core.roles import Role
from db.models import AuditEvent, Certificate, RegistryEntry
from services import auth, registry_public
from tests.factories import make_application, make_round, make_user

G, L, N, C = (
    ApplicantType.GROUP,
    ApplicantType.LEADER,
    ApplicantType.NETWORK,
    ApplicantType.COMMUNITY,
)
NOW = datetime(2026, 11, 26, 3, 0)
PHONE = "089-765-4321"
MASKED = "x-xxxx-xxxxx-55-1"
HASH = "f" * 64


def entry(db, name, *, fy=2566, kind=G, sub="270101", **kw) -> RegistryEntry:  # type: ignore[no-untyped-def]
    row = RegistryEntry(
        fiscal_year=fy,
        type=kind,
        name=name,
        normalized_name=normalise_name(name),
        province_code=sub[:2],
        district_code=sub[:4],
        subdistrict_code=sub,
        village_no=kw.pop("village_no", 3),
        source=kw.pop("source", "import"),
        **kw,
    )
    db.add(row)
    db.flush()
    return row


def personal(db, name, **kw) -> RegistryEntry:  # type: ignore[no-untyped-def]
    """A row as the province's spreadsheets bring it: phone, position, coordinator, ID."""
    return entry(
        db,
        name,
        kind=L,
        contact_phone=PHONE,
        position="ผู้ใหญ่บ้านหมู่ที่สาม",
        coordinator="นางประสาน งานดี",
        national_id_hash=HASH,
        national_id_masked=MASKED,
        **kw,
    )


def names(rows) -> list[str]:  # type: ignore[no-untyped-def]
    return [r.name for r in rows]


def test_search_finds_part_of_a_name_typed_with_other_spacing_and_thai_digits(db):
    entry(db, "กลุ่มทอผ้า  บ้านหนองบัว 3")
    entry(db, "กลุ่มจักสานบ้านโคกสูง")
    rows, total = registry_public.search(db, name="ผ้า บ้านหนองบัว ๓")
    assert (names(rows), total) == (["กลุ่มทอผ้า  บ้านหนองบัว 3"], 1)
    assert rows[0].district_name == "เมืองสระแก้ว" and rows[0].subdistrict_name == "สระแก้ว"


def test_percent_and_underscore_in_the_name_searched_are_plain_characters(db):
    entry(db, "กลุ่มออมทรัพย์ 100%")
    entry(db, "กลุ่มออมทรัพย์ 1000")
    assert names(registry_public.search(db, name="100%")[0]) == ["กลุ่มออมทรัพย์ 100%"]
    assert registry_public.search(db, name="_")[1] == 0


def test_type_district_subdistrict_and_year_filters_combine(db):
    entry(db, "กลุ่มก", fy=2565, sub="270101")
    entry(db, "กลุ่มข", fy=2566, sub="270101")
    entry(db, "กลุ่มค", fy=2566, sub="270102")
    entry(db, "เครือข่ายง", fy=2566, sub="270102", kind=N)
    entry(db, "กลุ่มจ", fy=2566, sub="270601")
    assert names(registry_public.search(db, district_code="2701", fiscal_year=2566)[0]) == [
        "กลุ่มข",
        "กลุ่มค",
        "เครือข่ายง",
    ]
    assert names(registry_public.search(db, subdistrict_code="270102", type=G)[0]) == ["กลุ่มค"]
    assert names(registry_public.search(db, type=N)[0]) == ["เครือข่ายง"]
    assert registry_public.search(db, district_code="2706", fiscal_year=2565) == ([], 0)


def test_pages_of_twenty_list_newest_year_first_then_by_name_and_count_every_match(db):
    for i in range(45):
        entry(db, f"กลุ่มที่ {i:02d}", fy=2560 + i % 3)
    pages = [registry_public.search(db, page=p, page_size=20) for p in (1, 2, 3, 4)]
    assert [len(rows) for rows, _ in pages] == [20, 20, 5, 0]
    assert {total for _, total in pages} == {45}
    listed = [r for rows, _ in pages for r in rows]
    assert len({r.entry_id for r in listed}) == 45
    assert [(-r.fiscal_year, r.name) for r in listed] == sorted(
        (-r.fiscal_year, r.name) for r in listed
    )
    assert listed[0].fiscal_year == 2562


def test_a_bad_page_or_an_overlong_name_is_refused_in_thai(db):
    with pytest.raises(InvalidInput, match="หน้าต้องเริ่มที่ 1"):
        registry_public.search(db, page=0)
    with pytest.raises(InvalidInput, match="หน้าละไม่เกิน"):
        registry_public.search(db, page_size=1000)
    with pytest.raises(InvalidInput, match="ยาวเกินไป"):
        registry_public.search(db, name="ก" * 201)


def test_public_rows_and_the_unit_page_carry_no_personal_data(db):
    row = personal(db, "นายสมหมาย ใจงาม")
    [found], _ = registry_public.search(db)
    shown = repr(found) + repr(registry_public.unit(db, row.id))
    for secret in (PHONE, MASKED, HASH, "ผู้ใหญ่บ้านหมู่ที่สาม", "นางประสาน"):
        assert secret not in shown


def _csv(db, **filters) -> list[list[str]]:  # type: ignore[no-untyped-def]
    data = registry_public.csv_bytes(db, **filters)
    assert data.startswith(b"\xef\xbb\xbf")  # Excel reads the Thai
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def test_the_export_has_exactly_the_public_columns_and_never_an_id_or_phone(db):
    personal(db, "นายสมหมาย ใจงาม", sub="270102", village_no=7)
    entry(db, '=HYPERLINK("http://x")', kind=G, contact_phone="0812345678")
    rows = _csv(db)
    assert tuple(rows[0]) == registry_public.CSV_COLUMNS
    leader = next(r for r in rows if r[2] == "นายสมหมาย ใจงาม")
    assert leader == [
        "2566",
        "leader",
        "นายสมหมาย ใจงาม",
        "27",
        "2701",
        "270102",
        "7",
        "เมืองสระแก้ว",
        "บ้านแก้ง",
        "import",
    ]
    text = "\n".join(",".join(r) for r in rows)
    for secret in (PHONE, "0812345678", MASKED, HASH, "ผู้ใหญ่บ้าน", "นางประสาน"):
        assert secret not in text
    assert any(r[2].startswith("'=HYPERLINK") for r in rows)  # never a formula in Excel


def test_the_export_follows_the_filters_and_writes_to_a_file(db):
    entry(db, "กลุ่มก", fy=2565)
    entry(db, "กลุ่มข", fy=2566)
    assert [r[2] for r in _csv(db, fiscal_year=2565)[1:]] == ["กลุ่มก"]
    out = io.StringIO()
    assert registry_public.export_csv(db, out) == 2
    assert out.getvalue().splitlines()[0] == ",".join(registry_public.CSV_COLUMNS)


def _province(db, province="27"):  # type: ignore[no-untyped-def]
    return auth.actor_of(db, make_user(db, Role.PROVINCE_OFFICER, district=None, province=province))


def test_the_internal_xlsx_masks_ids_lists_only_its_province_and_is_recorded(db):
    personal(db, "นายสมหมาย ใจงาม")
    entry(db, "กลุ่มในกรุงเทพ", sub="100101")
    officer = _province(db)
    data = registry_public.internal_xlsx(db, officer, now=NOW)
    sheet = load_workbook(io.BytesIO(data)).active
    cells = [[c for c in row] for row in sheet.iter_rows(values_only=True)]
    assert tuple(cells[0]) == registry_public.XLSX_HEADER
    assert len(cells) == 2
    row = dict(zip(registry_public.XLSX_HEADER, cells[1], strict=True))
    assert row["ชื่อ"] == "นายสมหมาย ใจงาม"
    assert row["เลขประจำตัวประชาชน (ปกปิดบางส่วน)"] == MASKED
    assert HASH not in repr(cells)
    event = db.scalar(select(AuditEvent).where(AuditEvent.action == "registry_internal_exported"))
    assert event is not None and event.actor_id == officer.user_id


@pytest.mark.parametrize(
    "role, province",
    [(Role.DISTRICT_OFFICER, "27"), (Role.APPLICANT, "27"), (Role.COMMITTEE, "27")],
)
def test_only_a_province_officer_downloads_the_internal_xlsx(db, role, province):
    personal(db, "นายสมหมาย ใจงาม")
    actor = auth.actor_of(db, make_user(db, role, province=province))
    with pytest.raises(PermissionDenied):
        registry_public.internal_xlsx(db, actor, now=NOW)
    assert db.scalar(select(AuditEvent.id)) is None


def test_another_provinces_officer_gets_only_their_own_province(db):
    personal(db, "นายสมหมาย ใจงาม")
    data = registry_public.internal_xlsx(db, _province(db, "10"), now=NOW)
    assert len(list(load_workbook(io.BytesIO(data)).active.iter_rows())) == 1  # the header


def _leader_application(db, owner):  # type: ignore[no-untyped-def]
    application = make_application(db, owner, make_round(db, fy=2570), kind=L, name="นายสมชาย ใจดี")
    application.applicant.national_id_hash = HASH
    db.flush()
    return application


def test_a_leader_was_certified_before_by_national_id_not_by_name(db):
    owner = make_user(db)
    application = _leader_application(db, owner)
    personal(db, "นายสมชาย (ชื่อเดิม) ใจดี", fy=2565, sub="270601")  # same ID, elsewhere
    entry(db, "นายสมชาย ใจดี", kind=L, fy=2566, national_id_hash="0" * 64)  # a namesake
    past = registry_public.certified_before(db, auth.actor_of(db, owner), application.id)
    assert [(p.fiscal_year, p.district_name) for p in past] == [(2565, "อรัญประเทศ")]


def test_a_group_was_certified_before_by_normalised_name_in_the_same_district(db):
    owner = make_user(db)
    application = make_application(db, owner, make_round(db, fy=2570), name="กลุ่มทอผ้า บ้านหนองบัว")
    entry(db, "กลุ่มทอผ้า  บ้านหนองบัว", fy=2564)
    entry(db, "กลุ่มทอผ้า บ้านหนองบัว", fy=2565, sub="270601")  # another district
    entry(db, "กลุ่มทอผ้า บ้านหนองบัว", fy=2570, application_id=application.id)  # this one
    officer = auth.actor_of(db, make_user(db, Role.DISTRICT_OFFICER, district="2701"))
    for actor in (auth.actor_of(db, owner), officer):
        past = registry_public.certified_before(db, actor, application.id)
        assert [p.fiscal_year for p in past] == [2564]


def test_certified_before_is_only_for_those_who_may_see_the_application(db):
    application = make_application(db, make_user(db), make_round(db, fy=2570))
    stranger = auth.actor_of(db, make_user(db))
    with pytest.raises(PermissionDenied):
        registry_public.certified_before(db, stranger, application.id)


def test_counts_by_year_type_and_district_follow_the_filters(db):
    entry(db, "กลุ่มก", fy=2565)
    entry(db, "กลุ่มข", fy=2566)
    entry(db, "เครือข่ายค", fy=2566, kind=N, sub="270601")
    entry(db, "ชุมชนง", fy=2566, kind=C, sub="270601")
    every = registry_public.counts(db)
    assert every.by_year == {2565: 1, 2566: 3}
    assert every.by_type == {G: 2, N: 1, C: 1}
    assert every.by_district == {"2701": 2, "2706": 2}
    this_year = registry_public.counts(db, fiscal_year=2566, district_code="2706")
    assert (this_year.by_year, this_year.by_type) == ({2566: 2}, {N: 1, C: 1})
    assert registry_public.fiscal_years(db) == [2566, 2565]


def test_a_units_page_lists_its_years_and_the_certificate_from_the_portal(db):
    owner = make_user(db)
    application = make_application(db, owner, make_round(db, fy=2570), name="กลุ่มจักสาน")
    certificate = Certificate(
        application_id=application.id,
        number="สก 1/2570",
        verification_code="W3WHA33V2C",
        announced_on=date(2027, 6, 1),
        issued_by_id=owner.id,
        sequence=1,
    )
    db.add(certificate)
    db.flush()
    old = entry(db, "กลุ่มจักสาน", fy=2566)
    new = entry(db, "กลุ่มจักสาน ", fy=2570, source="portal", certificate_id=certificate.id)
    entry(db, "กลุ่มจักสาน", fy=2567, sub="270601")  # a namesake in another district
    page = registry_public.unit(db, old.id)
    assert page.years == [2566, 2570]
    assert page.certificates == [(2570, "สก 1/2570")]
    assert page.area == "ต.สระแก้ว อ.เมืองสระแก้ว จ.สระแก้ว"
    assert registry_public.unit_of_certificate(db, " w3wha33v2c ") == new.id
    assert registry_public.unit(db, 999_999) is None
    assert registry_public.unit_of_certificate(db, "NOPE") is None


def test_a_search_counts_no_further_than_the_cap_and_says_more_than(db, monkeypatch):
    from core.thai import format_count

    for n in range(7):
        entry(db, f"กลุ่มนับ {n}")
    assert registry_public.search(db, name="กลุ่มนับ")[1] == 7
    monkeypatch.setattr(registry_public, "COUNT_CAP", 5)
    rows, total = registry_public.search(db, name="กลุ่มนับ", page_size=3)
    assert (len(rows), total) == (3, 6)  # six means "more than five"
    assert format_count(total, 5) == "มากกว่า 5" and format_count(5, 5) == "5"
