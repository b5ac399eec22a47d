"""In Chromium, the review side with the demo accounts: the officer accepts an application, the
advisor comments and the applicant replies, the committee evaluates and resolves, the province
announces; the applicants see each decision on their home, timeline and inbox, and the unit
ends in the registry. Officials on a 1280px desktop, applicants on a 390px phone."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

import settings
from core.thai import fiscal_year, format_fiscal_year
from db.models.registry import RegistryEntry
from db.models.review import Certificate
from services.clock import BANGKOK
from tests.databases import backend_id, configured_urls
from tests.e2e.browser import Journey, choose, click, expect, fill, form, log_in, main
from tests.e2e.conftest import Portal, serve_portal, settle

pytestmark = pytest.mark.browser

DESKTOP = {"viewport": {"width": 1280, "height": 900}}
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}

NETWORK = "เครือข่ายเกษตรอินทรีย์อรัญประเทศ"
GROUP = "กลุ่มทอผ้าบ้านหนองบัว"
GROUP_INDICATOR = "สมาชิกเข้าร่วมประชุมประจำเดือน"  # the group's first demo indicator
COMMUNITY = "ชุมชนบ้านท่าเกษม"
SAVINGS = "กลุ่มออมทรัพย์เพื่อการผลิตบ้านโคกสูง"
MUANG_UNITS = (GROUP, COMMUNITY, SAVINGS, "นายสมชาย ใจดี")
MEMBER_NAME = "นางสาวรัตนา เที่ยงธรรม"  # committee-muang-2
UNDER_REVIEW = f"{COMMUNITY} · เสนอคณะกรรมการ มชช. อำเภอแล้ว รอพิจารณา"
PASSED = f"{COMMUNITY} · ผ่านการพิจารณา รอจังหวัดประกาศผล"

ADVICE = "ควรระบุว่านับผู้เข้าร่วมจากสมุดลงชื่อหรือจากภาพถ่าย เพื่อให้ตรวจสอบได้"
REPLY = "รับทราบค่ะ จะนับจากสมุดลงชื่อเข้าประชุมทุกเดือน"
REASONS = "บรรลุตัวชี้วัดทุกข้อ มีบันทึกการประชุมและภาพถ่ายเป็นหลักฐาน"


def _last_fiscal_year() -> int:
    return fiscal_year(datetime.now(BANGKOK).date()) - 1


@pytest.fixture(scope="module", params=configured_urls(), ids=backend_id)
def portal(request: pytest.FixtureRequest) -> Iterator[Portal]:
    """A portal of this module's own on each test database: the flow changes demo data that
    other e2e tests read."""
    with serve_portal(server=request.param) as running:
        yield running


@contextmanager
def _signed_in(browser, portal: Portal, username: str, device: dict) -> Iterator[Journey]:  # type: ignore[no-untyped-def,type-arg]
    context = browser.new_context(**device)
    journey = Journey("review", username, username, context, context.new_page())
    try:
        log_in(journey, portal.url, username, settings.DEMO_PASSWORD)
        yield journey
    finally:
        context.close()


def _open(journey: Journey, portal: Portal, path: str) -> None:
    journey.page.goto(portal.url + path)
    settle(journey.page)


def _shot(journey: Journey, artifacts: Path, name: str, element=None) -> None:  # type: ignore[no-untyped-def]
    if element is not None:
        element.scroll_into_view_if_needed()
    journey.page.screenshot(path=str(artifacts / f"review-{name}.png"))


def _no_overflow(journey: Journey) -> None:
    page = journey.page
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 1


def _pick_radio(journey: Journey, label: str, option: str) -> None:
    radio = journey.page.locator("[data-testid='stMain'] [data-testid='stRadio']", has_text=label)
    click(journey, radio.first.get_by_text(option, exact=True))


def _options(journey: Journey, label: str) -> list[str]:
    """Every option a select box offers, read from its open list."""
    page = journey.page
    box = page.locator("[data-testid='stMain'] [data-testid='stSelectbox']", has_text=label).first
    listed = page.get_by_role("option")
    for _ in range(3):  # a click on a just-rerun selectbox sometimes does not open it
        box.scroll_into_view_if_needed()
        box.locator("input").click()
        try:
            listed.first.wait_for(state="visible", timeout=5000)
            break
        except Exception:
            page.keyboard.press("Escape")
            page.wait_for_timeout(300)
    texts = listed.all_text_contents()
    page.keyboard.press("Escape")
    return texts


def _selected(journey: Journey, label: str) -> str:
    box = journey.page.locator(
        "[data-testid='stMain'] [data-testid='stSelectbox']", has_text=label
    ).first
    box.wait_for(state="attached")
    return (box.locator("input").input_value() or box.text_content() or "").removeprefix(label)


def _open_expander(journey: Journey, title: str):  # type: ignore[no-untyped-def]
    expander = journey.page.locator("[data-testid='stExpander']", has_text=title).first
    summary = expander.locator("summary")
    summary.scroll_into_view_if_needed()
    if expander.locator("details").first.get_attribute("open") is None:
        summary.click()
    expander.locator("[data-testid='stExpanderDetails']").first.wait_for(state="visible")
    return expander


def _timeline_text(journey: Journey) -> str:
    return _open_expander(journey, "ความเคลื่อนไหวของใบสมัคร").text_content() or ""


def _inbox(journey: Journey, portal: Portal, artifacts: Path, name: str, *titles: str) -> str:
    _open(journey, portal, "/inbox")
    for title in titles:
        expect(journey.page, title)
    _shot(journey, artifacts, name, journey.page.get_by_text(titles[0]).first)
    return main(journey.page)


# ----------------------------------------------------------------------------- the steps


def _officer_accepts_the_network(browser, portal: Portal, artifacts: Path) -> None:  # type: ignore[no-untyped-def]
    with _signed_in(browser, portal, "officer-aran", DESKTOP) as officer:
        page = officer.page
        _open(officer, portal, "/verify")
        choose(officer, "ใบสมัครที่รอตรวจสอบ", f"{NETWORK} · เครือข่ายองค์กรชุมชน")
        page.locator("[data-testid='stHeading']", has_text=NETWORK).first.wait_for()
        saves = page.locator(
            "[data-testid='stFormSubmitButton'] button", has_text="บันทึกผลตรวจเอกสาร"
        )
        assert saves.count() >= 3, main(page)
        for i in range(saves.count()):
            click(officer, saves.nth(i))
        marks = page.locator("[data-testid='stMain'] [data-testid='stMarkdownContainer']")
        checked = [t for t in marks.all_text_contents() if t.strip().startswith("✅")]
        assert len(checked) == saves.count(), checked
        decide = form(page, "รับใบสมัคร")
        confirm = decide.get_by_text("ยืนยันว่าผู้สมัครมีคุณสมบัติครบตามที่ระบุ")
        confirm.scroll_into_view_if_needed()
        confirm.click()
        _shot(officer, artifacts, "01-officer-checked-documents", confirm)
        click(officer, decide.get_by_role("button", name="รับใบสมัคร", exact=True))
        expect(page, "รับใบสมัครแล้ว")
        expect(page, "ไม่มีใบสมัครที่รอตรวจสอบในอำเภออรัญประเทศ")
        _shot(officer, artifacts, "02-officer-accepted")


def _advisor_comments(browser, portal: Portal, artifacts: Path) -> None:  # type: ignore[no-untyped-def]
    with _signed_in(browser, portal, "advisor", DESKTOP) as advisor:
        page = advisor.page
        _open(advisor, portal, "/advise")
        page.locator("[data-testid='stHeading']", has_text=GROUP).first.wait_for()
        box = page.locator("[data-testid='stMain'] [data-testid='stTextArea']").filter(
            has_text="แสดงความเห็นใหม่"
        )
        text = box.first.locator("textarea")
        text.scroll_into_view_if_needed()
        text.fill(ADVICE)
        send = page.get_by_role("button", name="ส่งความเห็น").first
        click(advisor, send)
        expect(page, ADVICE)
        _shot(advisor, artifacts, "03-advisor-commented", page.get_by_text(ADVICE).first)


def _group_replies(browser, portal: Portal, artifacts: Path) -> None:  # type: ignore[no-untyped-def]
    with _signed_in(browser, portal, "applicant-group", PHONE) as group:
        page = group.page
        expect(page, "มีความเห็นจากที่ปรึกษา/พัฒนากรที่ยังเปิดอยู่ 1 เรื่อง")
        _shot(group, artifacts, "04-group-home-open-comment")
        _inbox(group, portal, artifacts, "05-group-inbox", f"ความเห็นใหม่: {GROUP}")

        _open(group, portal, "/indicators")
        indicator = _open_expander(group, f"1. {GROUP_INDICATOR}")
        indicator.get_by_text(ADVICE).first.wait_for(state="visible")
        assert "นายวิชัย ปัญญาดี" in (indicator.text_content() or "")
        reply = indicator.locator("[data-testid='stTextInput']", has_text="ตอบกลับ")
        reply.locator("input").fill(REPLY)
        click(group, indicator.get_by_role("button", name="ส่งคำตอบ"))
        indicator = _open_expander(group, f"1. {GROUP_INDICATOR}")
        indicator.get_by_text(REPLY).first.wait_for(state="visible")
        _shot(group, artifacts, "06-group-replied", indicator.get_by_text(REPLY).first)
        _no_overflow(group)


def _evaluate(journey: Journey, artifacts: Path, name: str, how: str, *, before: int) -> None:
    """In the "waiting for me" list: every indicator reached, opinion "should pass"."""
    page = journey.page
    choose(journey, "รายการ", f"{UNDER_REVIEW} · ประเมินแล้ว {before} คน")
    evaluation = form(page, "บันทึกการประเมิน")
    answers = evaluation.locator("[data-testid='stTextInput']", has_text="บรรลุอย่างไร")
    assert answers.count() == 3, main(page)  # the community's three indicators
    reached = evaluation.locator("[data-testid='stRadio']", has_text="บรรลุตัวชี้วัดหรือไม่")
    assert not evaluation.locator("input[type=radio]:checked").count()  # nothing chosen for them
    for i in range(answers.count()):
        reached.nth(i).get_by_text("บรรลุ", exact=True).click()
        answers.nth(i).locator("input").fill(f"{how} (ข้อ {i + 1})")
    evaluation.locator("[data-testid='stRadio']", has_text="ความเห็นโดยรวม").get_by_text(
        "ควรผ่าน", exact=True
    ).click()
    fill(evaluation, "ข้อเสนอแนะ", "ควรขยายผลการทำบัญชีครัวเรือนต่อ")
    button = evaluation.get_by_role("button", name="บันทึกการประเมิน")
    _shot(journey, artifacts, name, button)
    click(journey, button)
    expect(page, "บันทึกการประเมินแล้ว")


def _member_evaluates(browser, portal: Portal, artifacts: Path) -> None:  # type: ignore[no-untyped-def]
    with _signed_in(browser, portal, "committee-muang-2", DESKTOP) as member:
        _open(member, portal, "/review")
        _evaluate(member, artifacts, "07-member-evaluates", "มีบันทึกการประชุมครบทุกไตรมาส", before=0)
        assert "มติคณะกรรมการ (ประธาน)" not in main(member.page)  # only the chair resolves
        _pick_radio(member, "แสดง", "ฉันประเมินแล้ว")
        assert f"{UNDER_REVIEW} · ประเมินแล้ว 1 คน" in _options(member, "รายการ")


def _chair_resolves(browser, portal: Portal, artifacts: Path) -> None:  # type: ignore[no-untyped-def]
    with _signed_in(browser, portal, "committee-muang", DESKTOP) as chair:
        page = chair.page
        _open(chair, portal, "/review")
        _evaluate(chair, artifacts, "08-chair-evaluates", "ตรวจหลักฐานในพื้นที่แล้ว", before=1)
        # Still in the chair's default list: evaluated, but not yet resolved.
        assert _selected(chair, "รายการ") == f"{UNDER_REVIEW} · ประเมินแล้ว 2 คน"
        expect(page, "ผลการประเมินของกรรมการ (2 คน)")
        expect(page, "ควรผ่าน 2 คน")
        expect(page, f"{MEMBER_NAME} — ควรผ่าน")
        expect(page, "กรรมการประเมินแล้ว 2 จาก 2 คน")
        resolution = form(page, "บันทึกมติ")
        assert not resolution.locator("input[type=radio]:checked").count()  # no decision yet
        resolution.locator("[data-testid='stRadio']", has_text="มติ").get_by_text(
            "ผ่าน", exact=True
        ).click()
        fill(resolution, "เหตุผล", REASONS)
        button = resolution.get_by_role("button", name="บันทึกมติ")
        _shot(chair, artifacts, "09-chair-resolution", button)
        click(chair, button)
        expect(page, "กรุณาตรวจสอบมติก่อนบันทึก")  # a summary to confirm, nothing saved yet
        _shot(chair, artifacts, "09b-chair-confirms")
        click(chair, page.get_by_role("button", name="ยืนยันบันทึกมติ"))
        expect(page, "บันทึกมติแล้ว")
        # The screen stays on the unit just decided, now waiting for the province.
        assert _selected(chair, "รายการ") == f"{PASSED} · ประเมินแล้ว 2 คน"
        heading = page.locator("[data-testid='stMain'] [data-testid='stHeading']")
        assert COMMUNITY in heading.all_text_contents(), heading.all_text_contents()
        assert "มติคณะกรรมการ (ประธาน)" not in main(page)
        expect(page, "บันทึกมติโดย")  # the decision stays on the unit's page
        _shot(chair, artifacts, "10-chair-resolved", page.get_by_text(COMMUNITY).first)


def _province_announces(browser, portal: Portal, artifacts: Path) -> dict[str, tuple[str, str]]:  # type: ignore[no-untyped-def]
    """Returns the certificate number and verification code of each unit, as on the screen."""
    year = _last_fiscal_year()
    with _signed_in(browser, portal, "province", DESKTOP) as province:
        page = province.page
        _open(province, portal, "/announce")
        choose(province, "ปีงบประมาณ", format_fiscal_year(year))
        expect(page, "ผ่านมติคณะกรรมการ รอประกาศผล (2 หน่วย)")
        pick = form(page, "ตรวจสอบรายชื่อก่อนประกาศผล")
        pick.get_by_text("เลือกทั้งหมด 2 หน่วย").click()
        _shot(province, artifacts, "11-province-picks")
        click(province, pick.get_by_role("button", name="ตรวจสอบรายชื่อก่อนประกาศผล"))
        expect(page, "ยืนยันการประกาศผล 2 หน่วย")
        _shot(province, artifacts, "12-province-confirms")
        click(province, page.get_by_role("button", name="ยืนยันประกาศผล"))
        expect(page, "ประกาศผลแล้ว ออกใบประกาศ 2 ฉบับ")
        expect(page, f"ไม่มีหน่วยที่รอประกาศผลใน{format_fiscal_year(year)}")
        numbers = _issued_numbers(province)
        _shot(province, artifacts, "13-province-announced")
    assert set(numbers) == {COMMUNITY, SAVINGS}, numbers
    prefix = f"มชช. 27/{year}/"
    assert all(n.startswith(prefix) for n, _ in numbers.values()), numbers
    assert len({n for n, _ in numbers.values()}) == 2, numbers
    return numbers


def _anyone_checks_the_certificate(browser, portal: Portal, artifacts: Path, code: str) -> None:  # type: ignore[no-untyped-def]
    """The address in the certificate's QR code, opened by someone not signed in."""
    context = browser.new_context(**PHONE)
    try:
        page = context.new_page()
        page.goto(f"{portal.url}/certificate?code={code}")
        settle(page)
        expect(page, "ใบประกาศนี้ออกโดยระบบ มชช.")
        expect(page, COMMUNITY)
        page.screenshot(path=str(artifacts / "review-21-public-certificate-check.png"))
        # On to the unit's entry in the public registry, then the registry itself.
        click(
            Journey("review", "public", "public", context, page),
            page.get_by_text("ดูหน้าของหน่วยนี้ในทะเบียนผู้ผ่าน มชช."),
        )
        settle(page)
        expect(page, COMMUNITY)
        assert "/registry-unit" in page.url, page.url
        page.screenshot(path=str(artifacts / "review-22-public-registry-unit.png"))
        page.goto(f"{portal.url}/registry")
        settle(page)
        expect(page, "หน้า 1 จาก")
        _no_overflow(Journey("review", "public", "public", context, page))
        page.screenshot(path=str(artifacts / "review-23-public-registry.png"), full_page=True)
    finally:
        context.close()


def _issued_numbers(journey: Journey) -> dict[str, tuple[str, str]]:
    """The first table after the announcement: name, certificate number, verification code."""
    table = journey.page.locator("[data-testid='stMain'] [data-testid='stDataFrame']").first
    rows = table.locator("[role='row']")
    rows.nth(2).wait_for(state="attached")
    found = {}
    for i in range(1, rows.count()):
        cells = [c.strip() for c in rows.nth(i).locator("[role='gridcell']").all_text_contents()]
        if len(cells) >= 3:
            found[cells[0]] = (cells[1], cells[2])
    return found


def _community_sees_the_result(browser, portal: Portal, artifacts: Path, number: str) -> None:  # type: ignore[no-untyped-def]
    year = _last_fiscal_year()
    with _signed_in(browser, portal, "applicant-community", PHONE) as community:
        page = community.page
        expect(page, f"ผ่านการรับรอง มชช. ใบประกาศเลขที่ {number}")
        expect(page, "ผ่าน มชช. (ประกาศผลแล้ว)")
        _shot(community, artifacts, "14-community-home-certified")
        # The certificate is built on the tap and arrives as a PDF.
        with page.expect_download(timeout=60_000) as download:
            page.get_by_role("button", name="ดาวน์โหลดใบประกาศ (PDF)").click()
        saved = artifacts / "review-certificate.pdf"
        download.value.save_as(saved)
        assert saved.read_bytes().startswith(b"%PDF")
        timeline = _timeline_text(community)
        for text in (
            "คณะกรรมการ มชช. อำเภอมีมติ",
            "มติ: ผ่าน (ประชุมวันที่",
            REASONS,
            "จังหวัดประกาศผลผ่าน มชช. และออกใบประกาศ",
            f"ใบประกาศเลขที่ {number}",
            "กรรมการบันทึกผลการประเมิน",
        ):
            assert text in timeline, f"{text!r} not in the timeline: {timeline}"
        assert MEMBER_NAME not in timeline  # how each member voted stays inside the committee
        _shot(
            community,
            artifacts,
            "15-community-timeline",
            page.get_by_text("จังหวัดประกาศผลผ่าน มชช. และออกใบประกาศ").first,
        )
        _no_overflow(community)
        inbox = _inbox(
            community,
            portal,
            artifacts,
            "16-community-inbox",
            f"ประกาศผลแล้ว: {COMMUNITY} ผ่านการรับรอง มชช. {format_fiscal_year(year)}",
            "คณะกรรมการมีมติ: ผ่าน",
        )
        assert f"ใบประกาศเลขที่ {number}" in inbox
        assert REASONS in inbox
        _no_overflow(community)


def _network_sees_it_was_accepted(browser, portal: Portal, artifacts: Path) -> None:  # type: ignore[no-untyped-def]
    with _signed_in(browser, portal, "applicant-network", PHONE) as network:
        expect(network.page, "ผ่านการตรวจสอบ อยู่ระหว่างพัฒนาตนเอง")
        timeline = _timeline_text(network)
        assert "รับใบสมัคร (ผ่านการตรวจสอบ)" in timeline, timeline
        assert "นายธนา พัฒนากร" in timeline, timeline
        _shot(network, artifacts, "17-network-home-accepted")
        _inbox(network, portal, artifacts, "18-network-inbox", "ใบสมัครผ่านการตรวจสอบแล้ว")
        _no_overflow(network)


def _registry_has(portal: Portal, name: str, number: str) -> None:
    engine = create_engine(portal.database_url)
    try:
        with Session(engine) as db:
            rows = db.execute(
                select(RegistryEntry, Certificate)
                .join(Certificate, RegistryEntry.certificate_id == Certificate.id)
                .where(RegistryEntry.name == name)
            ).all()
    finally:
        engine.dispose()
    assert len(rows) == 1, rows
    entry, certificate = rows[0]
    assert entry.source == "portal"
    assert certificate.number == number
    assert entry.fiscal_year == _last_fiscal_year()
    assert (entry.province_code, entry.district_code) == ("27", "2701")
    assert entry.application_id == certificate.application_id


# ----------------------------------------------------------------------------- the tests


def test_demo_accounts_carry_the_review_side_from_verification_to_the_registry(
    browser, portal, artifacts
):
    _officer_accepts_the_network(browser, portal, artifacts)
    _advisor_comments(browser, portal, artifacts)
    _group_replies(browser, portal, artifacts)
    _member_evaluates(browser, portal, artifacts)
    _chair_resolves(browser, portal, artifacts)
    numbers = _province_announces(browser, portal, artifacts)
    _community_sees_the_result(browser, portal, artifacts, numbers[COMMUNITY][0])
    _anyone_checks_the_certificate(browser, portal, artifacts, numbers[COMMUNITY][1])
    _network_sees_it_was_accepted(browser, portal, artifacts)
    _registry_has(portal, COMMUNITY, numbers[COMMUNITY][0])
    _registry_has(portal, SAVINGS, numbers[SAVINGS][0])


def test_aran_officials_see_no_unit_of_muang(browser, portal, artifacts):
    with _signed_in(browser, portal, "committee-aran", DESKTOP) as committee:
        _open(committee, portal, "/review")
        _pick_radio(committee, "แสดง", "ทั้งหมด")
        shown = main(committee.page)
        assert not [u for u in MUANG_UNITS if u in shown], shown
        _shot(committee, artifacts, "19-committee-aran-all")
    with _signed_in(browser, portal, "officer-aran", DESKTOP) as officer:
        _open(officer, portal, "/verify")
        _pick_radio(officer, "แสดง", "ทุกใบสมัครในอำเภอ")
        offered = _options(officer, "ใบสมัครในอำเภอ")
        assert offered and all(o.startswith(NETWORK) for o in offered), offered
        shown = main(officer.page)
        assert NETWORK in shown
        assert not [u for u in MUANG_UNITS if u in shown], shown
        _shot(officer, artifacts, "20-officer-aran-all")
