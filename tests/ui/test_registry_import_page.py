"""The province officer checks a registry file, imports it and sees each row's outcome; no other
role can open the page."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

import pytest
from sqlalchemy import func, select
from streamlit.testing.v1 import AppTest

import settings
from core.roles import Role
from db.engine import make_engine
from db.models import RegistryEntry
from tests.databases import configured_urls, fresh_database
from tests.ui.conftest import log_in, new_app, seed_demo, texts
from ui import navigation

PAGE = "views/registry_import.py"
CHECK = "ตรวจสอบไฟล์ (ยังไม่บันทึก)"


def _csv(rows: list[list[object]]) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode("utf-8-sig")


FILE = _csv(
    [
        ["ทะเบียนกลุ่มที่ผ่าน มชช. อำเภอคลองหาด"],
        ["ที่", "ปีงบประมาณ", "ชื่อกลุ่ม/องค์กร", "ตำบล", "อำเภอ"],
        [1, "2566", "กลุ่มทดสอบนำเข้าจักสาน", "ต.คลองหาด", "อ.คลองหาด"],
        [2, "2567", "กลุ่มทดสอบนำเข้าทอผ้า", "", "คลองหาด"],
        [3, "2530", "กลุ่มทดสอบนำเข้าเก่าเกิน", "", "คลองหาด"],
    ]
)


def test_the_page_is_on_the_province_officers_menu_only():
    for role, pages in navigation.ROLE_WORK_PAGES.items():
        assert (PAGE in [p for p, _, _ in pages]) == (role is Role.PROVINCE_OFFICER)


@pytest.fixture
def own_database(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A demo database of its own: this test writes to the registry."""
    with fresh_database(configured_urls()[0]) as url:
        seed_demo(url)
        monkeypatch.setenv("DATABASE_URL", url)
        settings.get.cache_clear()
        try:
            yield url
        finally:
            settings.get.cache_clear()


def _imported(url: str) -> list[str]:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return sorted(
                conn.scalars(
                    select(RegistryEntry.name).where(RegistryEntry.name.like("กลุ่มทดสอบนำเข้า%"))
                )
            )
    finally:
        engine.dispose()


def _count(url: str) -> int:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return conn.scalar(select(func.count(RegistryEntry.id)))
    finally:
        engine.dispose()


def _click(at: AppTest, label: str) -> AppTest:
    return next(b for b in at.button if b.label == label).click().run()


def _metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def _upload(name: str, data: bytes) -> AppTest:
    at = log_in("province").switch_page(PAGE).run()
    assert not at.exception
    at.get("file_uploader")[0].set_value((name, data, "text/csv")).run()
    return at


def test_the_province_officer_checks_a_file_then_imports_it_and_sees_each_outcome(own_database):
    before = _count(own_database)
    at = _upload("กลุ่ม.csv", FILE)
    _click(at, CHECK)
    assert not at.exception
    assert "ผลการตรวจสอบ (ยังไม่ได้บันทึก)" in texts(at)
    assert _metrics(at) == {
        "จะนำเข้า": "2",
        "ซ้ำ (ไม่นำเข้า)": "0",
        "ไม่นำเข้า": "1",
        "มีข้อสังเกต": "0",
    }
    listed = at.dataframe[0].value
    assert list(listed["ชื่อ"]) == ["กลุ่มทดสอบนำเข้าเก่าเกิน"]
    assert "เก่ากว่าปี 2540" in listed["เหตุผล / ข้อสังเกต"][0]
    assert at.get("download_button")
    assert _count(own_database) == before  # a check writes nothing

    _click(at, "นำเข้า 2 แถวเข้าทะเบียน")
    assert not at.exception
    assert [s.value for s in at.success] == ["นำเข้าไฟล์ “กลุ่ม\\.csv” เข้าทะเบียนแล้ว"]
    assert _metrics(at)["นำเข้าแล้ว"] == "2"
    assert _imported(own_database) == ["กลุ่มทดสอบนำเข้าจักสาน", "กลุ่มทดสอบนำเข้าทอผ้า"]

    _click(at, CHECK)  # the same file again: nothing new
    assert _metrics(at)["ซ้ำ (ไม่นำเข้า)"] == "2"
    assert "ไฟล์นี้ไม่มีแถวใหม่ที่จะนำเข้า" in texts(at)
    assert _count(own_database) == before + 2


def test_a_file_that_is_no_spreadsheet_is_refused_in_thai_and_stays_picked():
    at = _upload("ทะเบียน.xlsx", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    at.selectbox(key="registry_import_type").set_value("group").run()
    _click(at, CHECK)
    assert not at.exception
    assert any("ไม่ใช่ไฟล์ Excel (.xlsx) หรือ CSV" in e.value for e in at.error)
    assert at.get("file_uploader")[0].value is not None  # nothing to pick again
    assert at.selectbox(key="registry_import_type").value == "group"
    assert not at.metric


@pytest.mark.parametrize("username", ["officer-muang", "committee-muang", "applicant-group"])
def test_no_other_role_can_open_the_import_page(username):
    at = log_in(username)
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page(PAGE)


def test_a_visitor_cannot_open_the_import_page():
    at = new_app().run()
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page(PAGE)
