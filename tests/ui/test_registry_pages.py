"""The public registry pages on the demo's thirty imported units (services/demo_registry.py),
and the registry on the application's step 1 and on a checked certificate."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import select
from streamlit.testing.v1 import AppTest

import settings
from core.applicant_types import ApplicantType
from core.registry_names import normalise_name
from core.roles import Role
from core.thai import fiscal_year
from db import migrate
from db.engine import make_engine, session_factory
from db.models import Certificate, RegistryEntry, User
from services import demo_registry
from services.clock import Clock
from tests.databases import configured_urls, fresh_database
from tests.factories import make_application, make_round, make_user
from tests.ui.conftest import ROOT, log_in, new_app, portal_db, texts

LIST, UNIT, CERTIFICATE = "views/registry.py", "views/registry_unit.py", "views/certificate.py"


def page(path: str, *, user: str | None = None, query: dict[str, str] | None = None) -> AppTest:
    """The page on its own (the menu is ui/navigation.py's business), signed in as `user`."""
    at = AppTest.from_file(str(ROOT / path), default_timeout=60)
    at.query_params.update(query or {})
    if user is not None:
        with portal_db() as db:
            at.session_state["user_id"] = db.scalar(select(User.id).where(User.username == user))
        at.session_state["login_epoch"] = time.time()
    return at.run()


def _entry_id(name: str) -> int:
    with portal_db() as db:
        return db.scalar(
            select(RegistryEntry.id)
            .where(RegistryEntry.name == name)
            .order_by(RegistryEntry.fiscal_year)
        )


def _rows(at: AppTest) -> list[str]:
    listing = next(m.value for m in at.markdown if m.value.startswith("- **["))
    return [line for line in listing.splitlines() if line.startswith("- ")]


def test_the_public_list_shows_twenty_units_with_links_and_pages_through_the_rest():
    at = page(LIST)
    assert not at.exception
    body = texts(at)
    assert f"พบ **{len(demo_registry.UNITS)}** หน่วย" in body
    rows = _rows(at)
    assert len(rows) == 20
    assert all("](registry-unit?id=" in row for row in rows)
    assert "หน้า 1 จาก 2" in body
    at.button(key="registry_next").click().run()
    assert len(_rows(at)) == len(demo_registry.UNITS) - 20
    assert "หน้า 2 จาก 2" in texts(at)
    assert at.button(key="registry_next").disabled
    assert "ผู้ใหญ่บ้าน" not in texts(at) and "555-01" not in texts(at)


def test_filters_narrow_the_list_and_start_again_at_page_one():
    at = page(LIST)
    at.button(key="registry_next").click().run()
    at.selectbox(key="registry_type").set_value(ApplicantType.COMMUNITY).run()
    communities = [u for u in demo_registry.UNITS if u[1] is ApplicantType.COMMUNITY]
    assert f"พบ **{len(communities)}** หน่วย" in texts(at)
    assert "หน้า 1 จาก 1" in texts(at)
    at.text_input(key="registry_name").input("ท่าเกษม").run()
    [row] = _rows(at)
    assert "ชุมชนบ้านท่าเกษม" in row and "ชุมชน" in row
    at.text_input(key="registry_name").input("ไม่มีชื่อนี้แน่นอน").run()
    assert "ไม่พบหน่วยที่ตรงกับที่ค้นหา" in texts(at)


def test_district_and_subdistrict_filters_list_only_that_area():
    at = page(LIST)
    at.selectbox(key="registry_district").set_value("2701").run()
    in_muang = [u for u in demo_registry.UNITS if u[3].startswith("2701")]
    assert f"พบ **{len(in_muang)}** หน่วย" in texts(at)
    at.selectbox(key="registry_subdistrict_2701").set_value("270103").run()
    rows = _rows(at)
    assert len(rows) == 2
    for name in ("ชุมชนบ้านท่าเกษม", "กลุ่มสมุนไพรบ้านศาลาลำดวน"):
        assert any(f"[{name}](registry-unit?id={_entry_id(name)})" in row for row in rows)


def test_a_units_page_shows_every_year_it_passed():
    at = page(UNIT, query={"id": str(_entry_id("กลุ่มทอผ้าไหมบ้านแก้ง"))})
    assert not at.exception
    body = texts(at)
    assert "กลุ่มทอผ้าไหมบ้านแก้ง" in body
    fy = fiscal_year(Clock().today())
    assert all(f"ปีงบประมาณ {fy - ago}" in body for ago in (4, 3, 2))
    assert "ต.บ้านแก้ง อ.เมืองสระแก้ว จ.สระแก้ว" in body.replace("\\", "")
    assert "555-01" not in body and "นางสาวสมใจ" not in body


@pytest.mark.parametrize("given", ["999999999", "abc", "", "1 OR 1=1"])
def test_an_unknown_or_malformed_id_says_so_in_thai(given: str):
    at = page(UNIT, query={"id": given})
    assert not at.exception
    assert [e.value for e in at.error] == [
        "ไม่พบหน่วยนี้ในทะเบียนผู้ผ่าน มชช. ลิงก์อาจไม่ครบหรือพิมพ์ผิด กรุณาค้นหาจากชื่อในหน้าทะเบียนผู้ผ่าน มชช. อีกครั้ง"
    ]


def _downloads(at: AppTest) -> list[str]:
    return [e.label for e in at.download_button]


def test_the_province_officer_also_gets_the_internal_workbook():
    at = page(LIST, user="province")
    assert not at.exception
    assert "ดาวน์โหลดทะเบียนฉบับใช้ภายใน (Excel)" in _downloads(at)
    assert "ดาวน์โหลดรายชื่อตามที่ค้นหา (CSV)" in _downloads(at)


@pytest.mark.parametrize("user", [None, "officer-muang", "committee-muang", "applicant-group"])
def test_no_one_else_gets_the_internal_workbook(user: str | None):
    at = page(LIST, user=user)
    assert not at.exception
    assert _downloads(at) == ["ดาวน์โหลดรายชื่อตามที่ค้นหา (CSV)"]


def test_step_one_tells_the_community_it_was_certified_before():
    at = log_in("applicant-community")
    at.switch_page("views/apply.py").run()
    assert not at.exception
    fy = fiscal_year(Clock().today())
    assert any(f"เคยผ่าน มชช. เมื่อปี {fy - 3}" in e.value for e in at.info)


def test_step_one_of_a_unit_new_to_the_registry_says_nothing_of_it():
    at = log_in("applicant-group")
    at.switch_page("views/apply.py").run()
    assert not any("เคยผ่าน มชช." in e.value for e in at.info)


@pytest.fixture
def certified(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, int]]:
    """A database of its own with one unit certified through the portal."""
    with fresh_database(configured_urls()[0]) as url:
        migrate.upgrade(url)
        engine = make_engine(url)
        with session_factory(engine)() as s:
            owner = make_user(s, Role.APPLICANT)
            application = make_application(s, owner, make_round(s, fy=2569), name="กลุ่มจักสาน")
            certificate = Certificate(
                application_id=application.id,
                number="สก 1/2569",
                verification_code="W3WHA33V2C",
                announced_on=date(2026, 6, 1),
                issued_by_id=owner.id,
                sequence=1,
            )
            s.add(certificate)
            s.flush()
            row = RegistryEntry(
                fiscal_year=2569,
                type=ApplicantType.GROUP,
                name="กลุ่มจักสาน",
                normalized_name=normalise_name("กลุ่มจักสาน"),
                province_code="27",
                district_code="2701",
                source="portal",
                application_id=application.id,
                certificate_id=certificate.id,
            )
            s.add(row)
            s.commit()
            entry_id = row.id
        engine.dispose()
        monkeypatch.setenv("DATABASE_URL", url)
        settings.get.cache_clear()
        yield url, entry_id
        settings.get.cache_clear()


def test_a_checked_certificate_links_to_its_units_page(certified: tuple[str, int]):
    _, entry_id = certified
    at = new_app()
    at.query_params["code"] = "W3WHA33V2C"
    at.switch_page(CERTIFICATE).run()
    assert not at.exception, at.exception
    [link] = [e.proto for e in at.get("page_link") if "ทะเบียนผู้ผ่าน" in e.proto.label]
    assert link.page == "registry-unit" and f"id={entry_id}" in link.query_string
    unit = page(UNIT, query={"id": str(entry_id)})
    assert "สก 1/2569" in texts(unit).replace("\\", "")
