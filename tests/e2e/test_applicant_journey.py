"""In Chromium on a 390px phone: an applicant of each type registers and sends an application;
then each goes the whole way — accepted by the district officer, indicators, plan, log,
four self-assessment rounds (moving the demo clock), summary, and sending to the committee."""

from __future__ import annotations

import statistics
import struct
import uuid
import zlib
from datetime import date, datetime
from pathlib import Path

import pytest

import settings
from core.applicant_types import ApplicantType
from core.indicator_templates import TEMPLATES
from core.schedule import add_months
from services.clock import BANGKOK
from tests.e2e.browser import (
    Journey,
)
from tests.e2e.browser import (
    alerts as _alerts,
)
from tests.e2e.browser import (
    be as _be,
)
from tests.e2e.browser import (
    choose as _choose,
)
from tests.e2e.browser import (
    click as _click,
)
from tests.e2e.browser import (
    expect as _expect,
)
from tests.e2e.browser import (
    field as _field,
)
from tests.e2e.browser import (
    fill as _fill,
)
from tests.e2e.browser import (
    form as _form,
)
from tests.e2e.browser import (
    log_in as _log_in,
)
from tests.e2e.browser import (
    main as _main,
)
from tests.e2e.browser import (
    move_demo_date as _move_demo_date,
)
from tests.e2e.browser import (
    upload as _upload,
)
from tests.e2e.conftest import settle

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
PASSWORD = "journey-pass-2569"
SUBDISTRICT = "บ้านแก้ง"
TYPE_LABELS = {
    "leader": "ผู้นำชุมชน",
    "group": "กลุ่ม/องค์กรชุมชน",
    "network": "เครือข่ายองค์กรชุมชน",
    "community": "ชุมชน",
}
ACCEPTED_MESSAGE = "ส่งใบสมัครแล้ว รอพัฒนากรตรวจสอบ"
SENT_TO_COMMITTEE = "เสนอคณะกรรมการ มชช. อำเภอแล้ว รอพิจารณา"
ASSESS_SEND = "ส่งผลการประเมินรอบนี้ (แก้ไม่ได้อีก)"
OWN_INDICATOR = "มีบัญชีรายรับรายจ่ายที่เป็นปัจจุบันทุกเดือน"


# ----------------------------------------------------------------------------- helpers


def _real_today() -> date:
    return datetime.now(BANGKOK).date()


def _pdf(path: Path) -> Path:
    path.write_bytes(
        b"%PDF-1.4\n% e2e journey document\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
    )
    return path


def _png(path: Path) -> Path:
    """A real 8x8 grey PNG, written without PIL."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    raw = b"".join(b"\x00" + b"\x80" * 8 for _ in range(8))
    header = struct.pack(">IIBBBBB", 8, 8, 8, 0, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )
    return path


def _shot(journey: Journey, step: str, artifacts: Path, element=None) -> None:  # type: ignore[no-untyped-def]
    if element is not None:
        element.scroll_into_view_if_needed()
    journey.page.screenshot(path=str(artifacts / f"journey-{journey.kind}-{step}.png"))


# ----------------------------------------------------------------------------- step 1


def _register(journey: Journey, base: str, artifacts: Path) -> None:
    page = journey.page
    page.goto(base + "/")
    settle(page)
    page.goto(base + "/register")
    settle(page)
    _choose(journey, "อำเภอที่ตั้งของผู้สมัคร", "เมืองสระแก้ว")
    form = _form(page, "ลงทะเบียน")
    _fill(form, "ชื่อ-นามสกุล ผู้ประสานงาน", f"นางสาวทดสอบ เส้นทาง{TYPE_LABELS[journey.kind]}")
    _fill(form, "เบอร์โทรศัพท์", "0891112222")
    _fill(form, "ตั้งชื่อผู้ใช้", journey.username)
    form.locator("input[type=password]").nth(0).fill(PASSWORD)
    form.locator("input[type=password]").nth(1).fill(PASSWORD)
    ack = form.get_by_text("ฉันได้อ่านและรับทราบประกาศความเป็นส่วนตัวแล้ว")
    ack.scroll_into_view_if_needed()
    ack.click()
    _click(journey, form.get_by_role("button", name="ลงทะเบียน"))
    _expect(page, "ลงทะเบียนเรียบร้อยแล้ว")
    _shot(journey, "01-registered", artifacts, page.get_by_text("ลงทะเบียนเรียบร้อยแล้ว").first)


def _start_application(journey: Journey, base: str, artifacts: Path) -> None:
    page, kind = journey.page, journey.kind
    page.goto(base + "/apply")
    settle(page)
    radio = page.locator("[data-testid='stRadio']", has_text="สมัครในนาม")
    _click(journey, radio.get_by_text(TYPE_LABELS[kind], exact=True))
    district = page.locator("[data-testid='stSelectbox']", has_text="อำเภอ").first
    shown = (district.text_content() or "") + district.locator("input").input_value()
    assert "เมืองสระแก้ว" in shown, shown  # preselected from the registration
    _choose(journey, "ตำบล", SUBDISTRICT)
    form = _form(page, "บันทึกและเริ่มใบสมัคร")
    name_label = {
        "leader": "ชื่อ-นามสกุล ผู้นำชุมชน",
        "group": "ชื่อกลุ่ม/องค์กรชุมชน",
        "network": "ชื่อเครือข่ายองค์กรชุมชน",
        "community": "ชื่อชุมชน",
    }[kind]
    _fill(form, name_label, journey.name)
    _fill(form, "หมู่ที่", "๓")
    _fill(form, "ชื่อหมู่บ้าน", "บ้านหนองบัว")
    _fill(form, "เบอร์โทรศัพท์ติดต่อ", "0891112222")
    _fill(form, "ที่อยู่/ที่ตั้งสำนักงาน", "12 หมู่ 3 ตำบลบ้านแก้ง อำเภอเมืองสระแก้ว")
    if kind == "leader":
        _fill(form, "เลขประจำตัวประชาชน 13 หลัก", "1101700230708")
        _fill(form, "ตำแหน่งในชุมชน", "ผู้ใหญ่บ้าน")
        _fill(form, "อาศัยอยู่ในชุมชนตั้งแต่วันที่", "1/1/2555")
        _fill(form, "ผลงาน/กิจกรรมที่ทำร่วมกับชุมชน", "จัดเวทีประชาคมหมู่บ้านทุกปี และดูแลกองทุน")
    elif kind == "community":
        _fill(form, "หมู่บ้านในอาณาเขตชุมชน", "หมู่ 3 และหมู่ 4 บ้านหนองบัว")
        _fill(form, "แนวเขตของชุมชน", "ทิศเหนือจรดคลอง ทิศใต้จรดถนนสุวรรณศร")
        _fill(form, "จำนวนครัวเรือน", "๑๒๐")
        _fill(form, "มีมติให้สมัคร", "5/10/2569")
    else:
        _fill(form, "วันที่ก่อตั้ง", "1/3/2561")
        _fill(form, "จำนวนสมาชิก", "๒๔")
        _fill(form, "มีมติให้สมัคร", "๕/๑๐/๒๕๖๙")
    _shot(
        journey,
        "02-form-filled",
        artifacts,
        _field(form, "มีมติให้สมัคร" if kind != "leader" else "ผลงาน"),
    )
    _click(journey, form.get_by_role("button", name="บันทึกและเริ่มใบสมัคร"))
    _expect(page, "เริ่มใบสมัครแล้ว")


def _add_team_member(journey: Journey) -> None:
    page = journey.page
    team = _form(page, "เพิ่มในทีม")
    _fill(team, "ชื่อ-นามสกุล", "นายเอก ทีมนำ")
    _fill(team, "บทบาทในทีม", "ประธาน")
    _fill(team, "ช่องทางติดต่อ", "0811111111")
    _click(journey, team.get_by_role("button", name="เพิ่มในทีม"))
    _expect(page, "นายเอก ทีมนำ · ประธาน")


def _upload_documents(journey: Journey, tmp_path: Path, artifacts: Path) -> None:
    page = journey.page
    count = 4 if journey.kind == "leader" else 3  # the required ones come first
    for i in range(count):
        if journey.kind == "leader" and i == 1:
            path = _png(tmp_path / f"{journey.kind}-photo.png")
        else:
            path = _pdf(tmp_path / f"{journey.kind}-doc-{i}.pdf")
        _upload(journey, page.locator("[data-testid='stFileUploader']").nth(i), path)
    uploaded = page.get_by_text(f"แนบแล้ว: {path.name}").first
    _shot(journey, "03-documents", artifacts, uploaded)


def _send_application(journey: Journey, artifacts: Path) -> None:
    page = journey.page
    button = page.get_by_role("button", name="ส่งใบสมัครให้พัฒนากรตรวจสอบ")
    button.scroll_into_view_if_needed()
    assert button.is_enabled(), f"still blocked: {_alerts(page)}"
    _click(journey, button)
    _expect(page, ACCEPTED_MESSAGE)
    _shot(journey, "04-sent", artifacts, page.get_by_text(ACCEPTED_MESSAGE).first)


def _apply(browser, base: str, artifacts: Path, tmp_path: Path, kind: str) -> Journey:  # type: ignore[no-untyped-def]
    suffix = uuid.uuid4().hex[:6]
    context = browser.new_context(**PHONE)
    names = {
        "leader": f"นายทดสอบ เส้นทาง{suffix}",
        "group": f"กลุ่มทดสอบเส้นทาง {suffix}",
        "network": f"เครือข่ายทดสอบเส้นทาง {suffix}",
        "community": f"ชุมชนทดสอบเส้นทาง {suffix}",
    }
    journey = Journey(kind, f"e2e-{kind}-{suffix}", names[kind], context, context.new_page())
    _register(journey, base, artifacts)
    _log_in(journey, base, journey.username, PASSWORD)
    _start_application(journey, base, artifacts)
    if kind != "leader":
        _add_team_member(journey)
    _upload_documents(journey, tmp_path, artifacts)
    _send_application(journey, artifacts)
    return journey


@pytest.fixture(scope="module")
def journeys():  # type: ignore[no-untyped-def]
    """The applicants' open browser contexts, so the group's journey continues in its own."""
    store: dict[str, Journey] = {}
    yield store
    for journey in store.values():
        journey.context.close()


@pytest.mark.parametrize("kind", list(TYPE_LABELS))
def test_each_type_registers_and_sends_its_application_on_a_phone(
    browser, portal_url, artifacts, tmp_path, journeys, kind
):
    journey = _apply(browser, portal_url, artifacts, tmp_path, kind)
    overflow = journey.page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1
    journeys[kind] = journey
    print(
        f"\n[{kind}] settle after click: median {statistics.median(journey.timings):.2f}s "
        f"over {len(journey.timings)} clicks"
    )


# ----------------------------------------------------------------------------- steps 2-7


def _officer_accepts(browser, base: str, artifacts: Path, journey: Journey) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(**PHONE)
    officer = Journey(journey.kind, "officer-muang", journey.name, context, context.new_page())
    officer.timings = journey.timings
    try:
        _log_in(officer, base, "officer-muang", settings.DEMO_PASSWORD)
        page = officer.page
        page.goto(base + "/verify")
        settle(page)
        _choose(officer, "ใบสมัครที่รอตรวจสอบ", f"{journey.name} · {TYPE_LABELS[journey.kind]}")
        page.locator("[data-testid='stHeading']", has_text=journey.name).first.wait_for()
        # Every required document is checked and saved as correct before accepting.
        saves = page.locator(
            "[data-testid='stFormSubmitButton'] button", has_text="บันทึกผลตรวจเอกสาร"
        )
        for i in range(saves.count()):
            target = saves.nth(i)
            target.scroll_into_view_if_needed()
            _click(officer, target)
        form = _form(page, "รับใบสมัคร")
        confirm = form.get_by_text("ยืนยันว่าผู้สมัครมีคุณสมบัติครบ")
        confirm.scroll_into_view_if_needed()
        confirm.click()
        _shot(officer, "05-officer-verify", artifacts, confirm)
        _click(officer, form.get_by_role("button", name="รับใบสมัคร", exact=True))
        _expect(page, "รับใบสมัครแล้ว")
    finally:
        context.close()


def _add_indicators(journey: Journey, base: str, artifacts: Path) -> None:
    page = journey.page
    page.goto(base + "/indicators")
    settle(page)
    template = TEMPLATES[ApplicantType(journey.kind)][0]
    _choose(journey, "เริ่มจากแนวคิดตัวอย่าง", f"{template.dimension}: {template.title}")
    form = _form(page, "เพิ่มตัวชี้วัด")
    assert _field(form, "ตัวชี้วัด").input_value() == template.title
    _fill(form, "ค่าฐาน", "ร้อยละ 40")
    _fill(form, "เป้าหมาย", "ร้อยละ 80")
    _fill(form, "หลักฐานที่จะแสดง", "สมุดลงชื่อเข้าประชุม")
    _click(journey, form.get_by_role("button", name="เพิ่มตัวชี้วัด"))
    _expect(page, "เพิ่มตัวชี้วัดแล้ว")
    _choose(journey, "เริ่มจากแนวคิดตัวอย่าง", "— เขียนเอง —")
    form = _form(page, "เพิ่มตัวชี้วัด")
    _fill(form, "ตัวชี้วัด", OWN_INDICATOR)
    _fill(form, "มิติ/ด้าน", "การบริหารจัดการที่ดี")
    _fill(form, "วัดอย่างไร", "นับเดือนที่ปิดบัญชีได้")
    _fill(form, "ค่าฐาน", "ไม่มี")
    _fill(form, "เป้าหมาย", "ทุกเดือน")
    _click(journey, form.get_by_role("button", name="เพิ่มตัวชี้วัด"))
    _expect(page, "ตัวชี้วัดของคุณ (2 ข้อ)")
    _shot(journey, "06-indicators", artifacts, page.get_by_text("ตัวชี้วัดของคุณ (2 ข้อ)"))


def _add_activity(journey: Journey, base: str, artifacts: Path, start: date) -> None:
    page = journey.page
    page.goto(base + "/plan")
    settle(page)
    form = _form(page, "เพิ่มกิจกรรม")
    _fill(form, "กิจกรรม", "ประชุมสมาชิกและทำบัญชีทุกเดือน")
    _fill(form, "วันเริ่ม", _be(start))
    _fill(form, "วันสิ้นสุด", _be(add_months(start, 12)))
    _fill(form, "ผู้รับผิดชอบ", "เหรัญญิกกลุ่ม")
    _fill(form, "ทรัพยากร/งบประมาณ", "สมุดบัญชี")
    picker = form.locator("[data-testid='stMultiSelect'] input")
    picker.scroll_into_view_if_needed()
    picker.focus()
    # While its list is open, the rest of the page is hidden from the accessibility tree (so
    # `form`, found by its button's role, is not found): type both choices into the focused box.
    template = TEMPLATES[ApplicantType(journey.kind)][0]
    for part in (template.title, "บัญชีรายรับ"):
        page.keyboard.type(part, delay=20)
        page.wait_for_timeout(300)
        page.keyboard.press("Enter")
        page.wait_for_timeout(300)
    page.keyboard.press("Escape")
    page.wait_for_timeout(300)
    chosen = form.locator("[data-testid='stMultiSelect']").text_content() or ""
    assert template.title in chosen and OWN_INDICATOR in chosen, chosen
    page.locator("[data-testid='stHeading']", has_text="เพิ่มกิจกรรม").first.click()
    _shot(journey, "07-plan-form", artifacts, form.locator("[data-testid='stMultiSelect']"))
    _click(journey, form.get_by_role("button", name="เพิ่มกิจกรรม"))
    _expect(page, "เพิ่มกิจกรรมแล้ว")
    _expect(page, "กิจกรรมในแผน (1)")
    assert "ยังไม่มีกิจกรรมใดตอบตัวชี้วัด" not in _main(page)


def _add_log(journey: Journey, base: str, artifacts: Path) -> None:
    page = journey.page
    page.goto(base + "/develop")
    settle(page)
    form = _form(page, "บันทึก")
    _fill(form, "ทำอะไรไปบ้าง", "ประชุมสมาชิกครั้งแรก ตั้งสมุดบัญชีรายรับรายจ่าย")
    _fill(form, "ใครเข้าร่วม", "สมาชิก 18 คน")
    _click(journey, form.get_by_role("button", name="บันทึก", exact=True))
    _expect(page, "บันทึกแล้ว แนบภาพหรือไฟล์หลักฐานได้ที่รายการด้านล่าง")
    _expect(page, "ผู้เข้าร่วม: สมาชิก 18 คน")
    _shot(journey, "08-develop", artifacts, page.get_by_text("ผู้เข้าร่วม: สมาชิก 18 คน").first)


def _assess_round(journey: Journey, artifacts: Path, number: int, due: date) -> None:
    page = journey.page
    _move_demo_date(journey, due)
    expander = page.locator("[data-testid='stExpander']", has_text=f"รอบที่ {number} ·").first
    summary = expander.locator("summary")
    assert "ถึงกำหนดประเมิน" in (summary.text_content() or ""), summary.text_content()
    form = expander.locator("[data-testid='stForm']")
    radios = form.locator("[data-testid='stRadio']")
    assert radios.count() == 2
    for k, level in enumerate(("4 ทำได้เกือบครบ", "5 บรรลุเป้าหมาย")):
        option = radios.nth(k).get_by_text(level, exact=True)
        option.scroll_into_view_if_needed()
        option.click()
    _fill(form, "ผลที่ได้ตอนนี้", f"รอบ {number}: สมาชิกมาประชุมร้อยละ {50 + 10 * number}")
    _fill(form, "สิ่งที่ได้เรียนรู้", f"รอบที่ {number}: ประชุมสม่ำเสมอทำให้ทำบัญชีได้ทัน")
    _shot(
        journey,
        f"09-assess-round{number}-filled",
        artifacts,
        form.get_by_role("button", name=ASSESS_SEND),
    )
    _click(journey, form.get_by_role("button", name=ASSESS_SEND))
    _expect(page, "ส่งผลการประเมินแล้ว")
    summaries = page.locator("[data-testid='stExpander'] summary", has_text=f"รอบที่ {number} ·")
    done = summaries.filter(has_text="ประเมินแล้ว").first
    try:  # the round's heading follows the saved state once the rerun has drawn it
        done.wait_for(state="attached", timeout=15000)
    except Exception as error:
        raise AssertionError(f"{summaries.first.text_content()} {_alerts(page)}") from error
    _shot(journey, f"10-assess-round{number}-done", artifacts, done)


def _summarise(journey: Journey, base: str, artifacts: Path) -> None:
    page = journey.page
    page.goto(base + "/summary")
    settle(page)
    form = _form(page, "สรุปเสร็จแล้ว")
    _fill(form, "สิ่งที่ทำได้/ผลที่เกิดขึ้น", "สมาชิกมาประชุมเพิ่มจากร้อยละ 40 เป็น 90 และมีบัญชีทุกเดือน")
    _fill(form, "สิ่งที่ได้เรียนรู้", "การประชุมสม่ำเสมอทำให้สมาชิกช่วยกันดูแลบัญชี")
    _fill(form, "สิ่งที่จะทำต่อไป", "ถ่ายทอดการทำบัญชีให้กลุ่มอื่นในตำบล")
    _shot(journey, "11-summary", artifacts, form.get_by_role("button", name="สรุปเสร็จแล้ว"))
    _click(journey, form.get_by_role("button", name="สรุปเสร็จแล้ว"))
    _expect(page, "สรุปผลเสร็จแล้ว")


def _submit_to_committee(journey: Journey, base: str, artifacts: Path) -> None:
    page = journey.page
    page.goto(base + "/submit")
    settle(page)
    button = page.get_by_role("button", name="เสนอผลการประเมินตนเองต่อคณะกรรมการ มชช. อำเภอ")
    button.scroll_into_view_if_needed()
    assert button.is_enabled(), f"still blocked: {_alerts(page)}"
    _click(journey, button)
    _expect(page, SENT_TO_COMMITTEE)
    _shot(journey, "12-submitted", artifacts, page.get_by_text(SENT_TO_COMMITTEE).first)


def _home_shows_step_7_done(journey: Journey, base: str, artifacts: Path) -> None:
    page = journey.page
    page.goto(base + "/")
    settle(page)
    main = page.locator("[data-testid='stMain']")
    step = main.locator("[data-testid='stMarkdownContainer']", has_text="ขั้นที่ 7").first
    step.wait_for(state="attached")
    assert (step.text_content() or "").strip().startswith("✅"), step.text_content()
    for n in range(1, 8):
        line = main.locator("[data-testid='stMarkdownContainer']", has_text=f"ขั้นที่ {n}").first
        assert (line.text_content() or "").strip().startswith("✅"), line.text_content()
    _shot(journey, "13-home-all-done", artifacts, step)


@pytest.mark.parametrize("kind", list(TYPE_LABELS))
def test_each_type_goes_from_acceptance_to_the_committee(
    browser, portal_url, artifacts, tmp_path, journeys, kind
):
    journey = journeys.get(kind) or _apply(browser, portal_url, artifacts, tmp_path, kind)
    base = portal_url
    _officer_accepts(browser, base, artifacts, journey)

    # Back as the applicant, in the same browser context.
    journey.page.goto(base + "/apply")
    settle(journey.page)
    _expect(journey.page, "ผ่านการตรวจสอบ อยู่ระหว่างพัฒนาตนเอง")
    start = _real_today()  # the demo's today is the real date until the sidebar moves it
    _add_indicators(journey, base, artifacts)
    _add_activity(journey, base, artifacts, start)
    _add_log(journey, base, artifacts)

    journey.page.goto(base + "/assess")
    settle(journey.page)
    for number in range(1, 5):
        _assess_round(journey, artifacts, number, add_months(start, 3 * number))

    _summarise(journey, base, artifacts)
    _submit_to_committee(journey, base, artifacts)
    _home_shows_step_7_done(journey, base, artifacts)

    print(
        f"\n[{kind} full journey] settle after click: median "
        f"{statistics.median(journey.timings):.2f}s over {len(journey.timings)} clicks "
        f"(min {min(journey.timings):.2f}s, max {max(journey.timings):.2f}s)"
    )
