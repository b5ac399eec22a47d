"""Driving Streamlit screens in Chromium: log in, fill, choose, click and wait for the run."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import date

from tests.e2e.conftest import settle


@dataclass
class Journey:
    kind: str
    username: str
    name: str
    context: object
    page: object
    timings: list[float] = field(default_factory=list)


def be(d: date) -> str:
    return f"{d.day}/{d.month}/{d.year + 543}"


def main(page) -> str:  # type: ignore[no-untyped-def]
    return page.locator("[data-testid='stMain']").text_content() or ""


def alerts(page) -> list[str]:  # type: ignore[no-untyped-def]
    return page.locator("[data-testid='stAlert']").all_text_contents()


def expect(page, text: str, timeout: float = 15000) -> None:  # type: ignore[no-untyped-def]
    """Wait for `text` in the main area; on failure say what the screen shows instead."""
    try:
        page.locator("[data-testid='stMain']").get_by_text(text).first.wait_for(
            state="attached", timeout=timeout
        )
    except Exception as error:
        raise AssertionError(
            f"{text!r} did not appear on {page.url}; alerts: {alerts(page)}"
        ) from error


def click(journey: Journey, locator) -> None:  # type: ignore[no-untyped-def]
    """Click, then wait for Streamlit's run; the wait is recorded for the median. A button that
    a late rerun replaced under the pointer ("not attached to the DOM") is found again."""
    for attempt in range(3):
        try:
            locator.scroll_into_view_if_needed()
            locator.click()
            break
        except Exception as error:
            if "not attached" not in str(error) or attempt == 2:
                raise
            settle(journey.page)
    started = time.perf_counter()
    settle(journey.page)
    journey.timings.append(time.perf_counter() - started)


def choose(journey: Journey, label: str, option: str) -> None:
    page = journey.page
    box = page.locator("[data-testid='stMain'] [data-testid='stSelectbox']", has_text=label).first
    wanted = page.get_by_role("option", name=option, exact=True)
    for _ in range(3):  # a click on a just-rerun selectbox sometimes does not open it
        box.scroll_into_view_if_needed()
        box.locator("input").click()
        try:
            wanted.wait_for(state="visible", timeout=5000)
            break
        except Exception:
            page.keyboard.press("Escape")
            page.wait_for_timeout(300)
    click(journey, wanted)


def form(page, button: str):  # type: ignore[no-untyped-def]
    return (
        page.locator("[data-testid='stForm']")
        .filter(has=page.get_by_role("button", name=button, exact=True))
        .first
    )


def field(scope, label: str):  # type: ignore[no-untyped-def]
    return (
        scope.locator("[data-testid='stTextInput'], [data-testid='stTextArea']", has_text=label)
        .first.locator("input, textarea")
        .first
    )


def fill(scope, label: str, value: str) -> None:  # type: ignore[no-untyped-def]
    box = field(scope, label)
    box.scroll_into_view_if_needed()
    box.fill(value)


def log_in(journey: Journey, base: str, username: str, password: str) -> None:
    page = journey.page
    page.goto(base + "/")
    settle(page)
    page.goto(base + "/login")
    settle(page)
    main = page.locator("[data-testid='stMain']")
    main.locator("input[type=text]").first.fill(username)
    main.locator("input[type=password]").first.fill(password)
    click(journey, main.locator("[data-testid='stFormSubmitButton'] button"))
    page.get_by_role("button", name="ออกจากระบบ").wait_for(state="attached", timeout=30000)
    settle(page)


def move_demo_date(journey: Journey, day: date) -> None:
    """The sidebar's demo field moves this browser session's calendar (then Enter)."""
    page = journey.page
    opener = page.locator("[data-testid='stExpandSidebarButton']")
    collapsed = opener.is_visible()  # a phone; on a desktop the sidebar stays open
    if collapsed:
        opener.click()
    sidebar = page.locator("[data-testid='stSidebar']")
    box = sidebar.locator("[data-testid='stTextInput']", has_text="เลื่อนวันที่ของระบบ").locator("input")
    if not box.is_visible():
        sidebar.get_by_text("โหมดสาธิต — ข้อมูลสมมติ").click()
    box.wait_for(state="visible")
    box.fill(be(day))
    box.press("Enter")
    started = time.perf_counter()
    settle(page)
    journey.timings.append(time.perf_counter() - started)
    assert box.input_value() == be(day)
    if collapsed:
        page.locator("[data-testid='stSidebarCollapseButton']").click()
        page.wait_for_timeout(400)


def upload(journey: Journey, picker, path, timeout: float = 15000) -> None:  # type: ignore[no-untyped-def]
    """Chooses `path` in `picker` (an stFileUploader) and presses its upload button; a file
    chosen while a rerun is still landing can be dropped, so the choice is tried again."""
    page = journey.page
    button = page.get_by_role("button", name="อัปโหลด", exact=True).first
    for _ in range(3):
        picker.scroll_into_view_if_needed()
        picker.locator("input[type=file]").set_input_files(str(path))
        settle(page)
        try:
            button.wait_for(state="visible", timeout=10000)
            break
        except Exception:
            continue
    click(journey, button)
    expect(page, f"อัปโหลด “{path.name}” แล้ว", timeout=timeout)
