"""In Chromium, the round's publicity from start to end: the province opens next year's round,
the public page announces it, the Mueang officer invites two units certified before and one new
group and prints the flyer, the new group registers through the flyer's QR code on a phone, and
the district's numbers show it came through its invitation.

Everyone works in the next fiscal year through the demo calendar (the sidebar's date field),
which holds for a browser session: after moving it, pages are opened from the menu, not by URL.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path

import pytest

import settings
from core.thai import ce_year, fiscal_year
from services.clock import BANGKOK
from tests.databases import backend_id, configured_urls
from tests.e2e.browser import (
    Journey,
    choose,
    click,
    expect,
    fill,
    form,
    log_in,
    main,
    move_demo_date,
)
from tests.e2e.conftest import Portal, serve_portal, settle

pytestmark = pytest.mark.browser

DESKTOP = {"viewport": {"width": 1280, "height": 900}}
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
NEXT_YEAR = fiscal_year(datetime.now(BANGKOK).date()) + 1
DAY = date(ce_year(NEXT_YEAR) - 1, 10, 5)  # five days into the next fiscal year
NEW_GROUP = "กลุ่มเยาวชนรักษ์ถิ่นสระแก้ว"
NEW_GROUP_PHONE = "062-555-0000"
PAST_UNITS = ("กลุ่มทอผ้าไหมบ้านแก้ง", "กลุ่มสมุนไพรบ้านศาลาลำดวน")


@pytest.fixture(scope="module", params=configured_urls(), ids=backend_id)
def portal(request: pytest.FixtureRequest) -> Iterator[Portal]:
    with serve_portal(server=request.param) as running:
        yield running


@contextmanager
def _session(browser, portal: Portal, username: str | None, device: dict) -> Iterator[Journey]:  # type: ignore[no-untyped-def,type-arg]
    context = browser.new_context(accept_downloads=True, **device)
    journey = Journey(
        "publicity", username or "visitor", username or "", context, context.new_page()
    )
    try:
        if username:
            log_in(journey, portal.url, username, settings.DEMO_PASSWORD)
        yield journey
    finally:
        context.close()


def _menu(journey: Journey, title: str) -> None:
    """Open a page from the sidebar menu: the same browser session, so the demo date holds."""
    click(
        journey,
        journey.page.locator("[data-testid='stSidebarNav']").get_by_role("link", name=title),
    )


def _shot(journey: Journey, artifacts: Path, name: str) -> None:
    journey.page.screenshot(path=str(artifacts / f"publicity-{name}.png"), full_page=True)


def _section(journey: Journey, label: str) -> None:
    radio = journey.page.locator("[data-testid='stMain'] [data-testid='stRadio']").first
    click(journey, radio.get_by_text(label, exact=True))


def _province_opens_next_years_round(browser, portal: Portal, artifacts: Path) -> None:  # type: ignore[no-untyped-def]
    with _session(browser, portal, "province", DESKTOP) as province:
        move_demo_date(province, DAY)
        _menu(province, "รอบการดำเนินงาน")
        page = province.page
        opening = form(page, "เปิดรอบการดำเนินงาน")
        opening.wait_for()
        click(province, opening.get_by_role("button", name="เปิดรอบการดำเนินงาน"))
        expect(page, f"เปิดรอบปีงบประมาณ {NEXT_YEAR} แล้ว")
        _shot(province, artifacts, "01-province-opened-round")


def _public_page_announces_it(browser, portal: Portal, artifacts: Path) -> None:  # type: ignore[no-untyped-def]
    with _session(browser, portal, None, PHONE) as visitor:
        visitor.page.goto(portal.url + "/")
        settle(visitor.page)
        move_demo_date(visitor, DAY)
        expect(visitor.page, f"ปีงบประมาณ {NEXT_YEAR} จังหวัดสระแก้ว — เปิดรับสมัคร")
        offices = visitor.page.locator("[data-testid='stExpander']", has_text="อำเภอที่เข้าร่วม")
        offices.locator("summary").first.click()
        settle(visitor.page)
        expect(visitor.page, "สำนักงานพัฒนาชุมชนอำเภอเมืองสระแก้ว")
        _shot(visitor, artifacts, "02-public-announcement")


def _invite_past_unit(officer: Journey, name: str) -> None:
    page = officer.page
    item = page.locator("[data-testid='stVerticalBlock']", has_text=name).last
    click(officer, item.get_by_role("button", name="เชิญสมัครอีกครั้ง"))
    invite = form(page, "บันทึกการเชิญ")
    assert (invite.locator("input").nth(1).input_value() or "") == name
    choose(officer, "วิธีการเชิญ", "หนังสือเชิญ")
    click(officer, invite.get_by_role("button", name="บันทึกการเชิญ"))
    expect(page, f"บันทึกการเชิญ {name} แล้ว")


def _officer_invites_and_prints_the_flyer(browser, portal: Portal, artifacts: Path) -> str:  # type: ignore[no-untyped-def]
    """Returns the address the flyer's QR code holds."""
    with _session(browser, portal, "officer-muang", DESKTOP) as officer:
        page = officer.page
        move_demo_date(officer, DAY)
        _menu(officer, "เชิญชวนสมัคร")
        expect(page, f"รอบปีงบประมาณ {NEXT_YEAR}")
        _section(officer, "หน่วยที่เคยผ่าน มชช.")
        for name in PAST_UNITS:
            _invite_past_unit(officer, name)
        _shot(officer, artifacts, "03-officer-invited-past-units")

        _section(officer, "เชิญหน่วยใหม่")
        choose(officer, "ประเภท", "กลุ่ม/องค์กรชุมชน")
        invite = form(page, "บันทึกการเชิญ")
        fill(invite, "ชื่อผู้นำชุมชน / กลุ่ม / เครือข่าย / ชุมชน", NEW_GROUP)
        fill(invite, "ชื่อผู้ประสานงาน", "นายก้าวหน้า ใจดี")
        fill(invite, "เบอร์โทรศัพท์", NEW_GROUP_PHONE)
        choose(officer, "วิธีการเชิญ", "ในการประชุม")
        click(officer, invite.get_by_role("button", name="บันทึกการเชิญ"))
        expect(page, f"บันทึกการเชิญ {NEW_GROUP} แล้ว")

        _section(officer, "รายการเชิญ")
        for name in (*PAST_UNITS, NEW_GROUP):
            expect(page, name)
        _shot(officer, artifacts, "04-officer-invitation-list")

        _section(officer, "ใบประชาสัมพันธ์")
        with page.expect_download(timeout=60_000) as download:
            page.get_by_role("button", name="พิมพ์ใบประชาสัมพันธ์ของอำเภอ (PDF)").click()
        pdf = artifacts / "publicity-flyer.pdf"
        download.value.save_as(pdf)
        subprocess.run(
            ["pdftoppm", "-r", "110", "-png", str(pdf), str(artifacts / "publicity-05-flyer")],
            check=True,
        )
        png = next(artifacts.glob("publicity-05-flyer*.png"))
        decoded = subprocess.run(
            ["zbarimg", "--raw", "-q", str(png)], capture_output=True, text=True, check=True
        ).stdout.strip()
        assert decoded.endswith("/register?district=2701"), decoded
        return decoded


def _new_group_registers_through_the_flyer(
    browser, portal: Portal, artifacts: Path, address: str
) -> None:  # type: ignore[no-untyped-def]
    path = address[address.index("/register") :]
    with _session(browser, portal, None, PHONE) as group:
        page = group.page
        page.goto(portal.url + path)
        settle(page)
        move_demo_date(group, DAY)
        expect(page, "ลงทะเบียนผู้สมัคร")
        district = page.locator("[data-testid='stSelectbox']", has_text="อำเภอที่ตั้งของผู้สมัคร")
        chosen = district.locator("input").input_value() or district.text_content() or ""
        assert "เมืองสระแก้ว" in chosen, chosen
        register = form(page, "ลงทะเบียน")
        fill(register, "ชื่อ-นามสกุล ผู้ประสานงาน", "นายก้าวหน้า ใจดี")
        fill(register, "เบอร์โทรศัพท์", "0625550000")
        fill(register, "ตั้งชื่อผู้ใช้", "youth.srakaeo")
        fill(register, "ตั้งรหัสผ่าน (อย่างน้อย 8 ตัว)", "youth-srakaeo-1")
        fill(register, "ยืนยันรหัสผ่าน", "youth-srakaeo-1")
        register.get_by_text("ฉันได้อ่านและรับทราบประกาศความเป็นส่วนตัวแล้ว").click()
        click(group, register.get_by_role("button", name="ลงทะเบียน"))
        expect(page, "ลงทะเบียนเรียบร้อยแล้ว")
        _shot(group, artifacts, "06-group-registered")


def _district_numbers_show_it(browser, portal: Portal, artifacts: Path) -> None:  # type: ignore[no-untyped-def]
    with _session(browser, portal, "officer-muang", DESKTOP) as officer:
        page = officer.page
        move_demo_date(officer, DAY)
        _menu(officer, "เชิญชวนสมัคร")
        card = page.locator("[data-testid='stVerticalBlock']", has_text=NEW_GROUP).last
        card.get_by_text("ลงทะเบียนแล้ว: นายก้าวหน้า ใจดี · จับคู่โดยเบอร์โทรที่ตรงกัน").wait_for(timeout=15000)
        _shot(officer, artifacts, "07-officer-sees-the-link")

        _menu(officer, "ติดตามผลการเชิญชวน")
        choose(officer, "ปีงบประมาณ", f"ปีงบประมาณ {NEXT_YEAR}")
        expect(page, f"อำเภอเมืองสระแก้ว · ปีงบประมาณ {NEXT_YEAR}")
        metrics = page.locator("[data-testid='stMetric']")
        values = {
            (m.locator("[data-testid='stMetricLabel']").text_content() or "").strip(): (
                m.locator("[data-testid='stMetricValue']").text_content() or ""
            ).strip()
            for m in metrics.all()
        }
        assert values["ได้รับเชิญ"] == "3", values
        assert values["ลงทะเบียน"] == "1", values
        page.locator(
            "[data-testid='stVegaLiteChart'], [data-testid='stArrowVegaLiteChart']"
        ).first.wait_for()
        assert "กลุ่ม/องค์กรชุมชน" in main(page)
        _shot(officer, artifacts, "08-district-funnel")


def test_announce_invite_print_register_follow(browser, portal, artifacts):
    _province_opens_next_years_round(browser, portal, artifacts)
    _public_page_announces_it(browser, portal, artifacts)
    address = _officer_invites_and_prints_the_flyer(browser, portal, artifacts)
    _new_group_registers_through_the_flyer(browser, portal, artifacts, address)
    _district_numbers_show_it(browser, portal, artifacts)
