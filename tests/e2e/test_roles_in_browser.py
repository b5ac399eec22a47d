"""In Chromium: the public page on a phone, and every demo role logging in and out."""

from __future__ import annotations

import pytest

import settings
from tests.e2e.conftest import settle

pytestmark = pytest.mark.browser

# username -> (text on its home page, text of another district or role it must not see)
ROLES = {
    "applicant-leader": ("ขั้นที่ 7", "ภาพรวมจังหวัด"),
    "applicant-group": ("กลุ่มทอผ้าบ้านหนองบัว", "ผู้สมัครในอำเภอ"),
    "applicant-network": ("เครือข่ายเกษตรอินทรีย์อรัญประเทศ", "กลุ่มทอผ้าบ้านหนองบัว"),
    "applicant-community": ("ชุมชนบ้านท่าเกษม", "ภาพรวมจังหวัด"),
    "advisor": ("กลุ่มทอผ้าบ้านหนองบัว", "ชุมชนบ้านท่าเกษม"),
    "officer-muang": ("ผู้สมัครในอำเภอเมืองสระแก้ว", "เครือข่ายเกษตรอินทรีย์อรัญประเทศ"),
    "committee-muang": ("ชุมชนบ้านท่าเกษม", "เครือข่ายเกษตรอินทรีย์อรัญประเทศ"),
    "officer-aran": ("เครือข่ายเกษตรอินทรีย์อรัญประเทศ", "กลุ่มทอผ้าบ้านหนองบัว"),
    "committee-aran": ("คณะกรรมการ มชช. อำเภออรัญประเทศ", "ชุมชนบ้านท่าเกษม"),
    "province": ("ภาพรวมจังหวัดสระแก้ว", "ขั้นที่ 7"),
}


def _main_text(page) -> str:  # type: ignore[no-untyped-def]
    return page.locator("[data-testid='stMain']").text_content() or ""


def test_public_page_reads_well_on_a_390px_phone(browser, portal_url, artifacts):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(portal_url + "/")
    settle(page)
    page.get_by_text("ระบบมาตรฐานการพัฒนาชุมชน (มชช.)").first.wait_for()
    text = _main_text(page)
    assert "ระบบมาตรฐานงานชุมชน" in text
    assert "7 ขั้นตอน" in text
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1
    page.screenshot(path=str(artifacts / "public-390.png"), full_page=True)
    page.close()


@pytest.mark.parametrize("username", list(ROLES))
def test_each_demo_role_logs_in_sees_only_its_home_and_logs_out(
    browser, portal_url, artifacts, username
):
    expected, forbidden = ROLES[username]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(portal_url + "/")
    settle(page)
    page.goto(portal_url + "/login")
    settle(page)
    page.locator("[data-testid='stForm'] input[type=text]").first.fill(username)
    page.locator("[data-testid='stForm'] input[type=password]").first.fill(settings.DEMO_PASSWORD)
    page.locator("[data-testid='stFormSubmitButton'] button").click()
    page.get_by_role("button", name="ออกจากระบบ").wait_for(timeout=30000)
    settle(page)
    page.get_by_text(expected).first.wait_for(state="attached", timeout=30000)
    assert forbidden not in _main_text(page)
    page.screenshot(path=str(artifacts / f"home-{username}.png"), full_page=True)

    # A new tab of the same browser is still logged in (the cookie), and a URL of
    # another role's page does not open it.
    other = context.new_page()
    other.goto(portal_url + ("/province_home" if username != "province" else "/district_home"))
    settle(other)
    other.get_by_role("button", name="ออกจากระบบ").wait_for(timeout=30000)
    assert forbidden not in _main_text(other)
    other.close()

    page.get_by_role("button", name="ออกจากระบบ").click()
    settle(page)
    page.get_by_role("link", name="เข้าสู่ระบบ").first.wait_for(timeout=30000)
    # The old cookie was revoked: a fresh tab is logged out.
    after = context.new_page()
    after.goto(portal_url + "/")
    settle(after)
    assert after.get_by_role("button", name="ออกจากระบบ").count() == 0
    context.close()
