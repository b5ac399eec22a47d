"""The page benchmark's websocket client against a real Streamlit server: does it measure what
it says? A correctness check of the harness (bench/ws_client.py, bench/floor_app.py); no
timings are asserted."""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.servers import Server, free_port
from bench.ws_client import StreamlitTab

TINY_APP = """
import streamlit as st

def home():
    st.title("สวัสดี ชุดทดสอบ")
    st.markdown("ก" * 12000)  # over global.minCachedMessageSize: sent once, then by reference
    st.markdown(f"cookie: {st.context.cookies.get('probe', 'none')}")
    st.markdown(f"query: {st.query_params.get('q', 'none')}")
    with st.sidebar:
        st.button("ในแถบข้าง")

def second():
    st.title("หน้าที่สอง")
    if not st.session_state.get("bounced"):
        st.session_state["bounced"] = True
        st.rerun()
    with st.form("f"):
        st.text_input("ชื่อ")
        st.form_submit_button("ส่ง")

st.navigation(
    [st.Page(home, title="Home", url_path="home", default=True),
     st.Page(second, title="Second", url_path="second")]
).run()
"""


@pytest.fixture(scope="module")
def tiny_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp("tiny")
    script = folder / "tiny_app.py"
    script.write_text(TINY_APP, encoding="utf-8")
    with Server("tiny", str(script), free_port(), dict(os.environ), log=folder / "log") as s:
        yield s


@pytest.fixture(scope="module")
def floor_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, Path]]:
    folder = tmp_path_factory.mktemp("floor")
    census = folder / "census.json"
    env = {**os.environ, "FLOOR_CENSUS": str(census)}
    port = free_port(8850)
    with Server("floor", "bench/floor_app.py", port, env, log=folder / "log") as s:
        yield s, census


def run(coro):  # type: ignore[no-untyped-def]
    """In a thread of its own: a browser test earlier in the same process (Playwright's sync API)
    may have left an event loop running in this one, where asyncio.run refuses to start."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result()


def test_a_rerun_ends_with_script_finished_and_shows_the_page(tiny_server: Server) -> None:
    async def go():  # type: ignore[no-untyped-def]
        tab = StreamlitTab(tiny_server.url, "", "q=42", cookies={"probe": "signed"})
        async with tab:
            return [await tab.rerun() for _ in range(3)]

    first, second, third = run(go())
    for result in (first, second, third):
        assert result.status == "FINISHED_SUCCESSFULLY"
        assert result.headings() == ["สวัสดี ชุดทดสอบ"]
        assert "cookie: signed" in result.all_text("main")  # the Cookie header reached st.context
        assert "query: 42" in result.all_text("main")
        assert result.all_text("sidebar") == "ในแถบข้าง"
        assert result.unresolved_refs == 0
        assert result.seconds > 0
    assert first.ref_hits == 0
    assert second.ref_hits >= 1  # the big paragraph came by reference, resolved from the cache
    assert "ก" * 12000 in second.all_text("main")
    assert [p["url_pathname"] for p in first.app_pages] == ["", "second"]
    assert first.page_script_hash == second.page_script_hash != ""


def test_a_tab_opens_the_page_of_its_url_and_waits_through_st_rerun(tiny_server: Server) -> None:
    async def go():  # type: ignore[no-untyped-def]
        async with StreamlitTab(tiny_server.url, "second") as tab:
            return await tab.rerun(), await tab.rerun()

    bounced, settled = run(go())
    assert bounced.status == "FINISHED_SUCCESSFULLY"
    assert bounced.runs == 2  # FINISHED_EARLY_FOR_RERUN, then the run the browser would show
    assert settled.runs == 1
    assert bounced.headings() == ["หน้าที่สอง"]
    listed = {p["url_pathname"]: p["page_script_hash"] for p in bounced.app_pages}
    assert bounced.page_script_hash == listed["second"]
    assert settled.census()["elements"] == [
        ["main", "form_submit_button", 1],
        ["main", "heading", 1],
        ["main", "text_input", 1],
    ]


def test_an_unknown_url_is_reported_as_page_not_found(tiny_server: Server) -> None:
    async def go():  # type: ignore[no-untyped-def]
        async with StreamlitTab(tiny_server.url, "no-such-page") as tab:
            return await tab.rerun()

    assert run(go()).page_not_found


def test_the_floor_page_renders_the_census_it_is_given(floor_server: tuple[Server, Path]) -> None:
    server, census_file = floor_server
    census = {
        "elements": [
            ["main", "button", 2],
            ["main", "form_submit_button", 3],
            ["main", "heading", 3],
            ["main", "markdown", 4],
            ["main", "selectbox", 1],
            ["main", "vega_lite_chart", 1],
            ["sidebar", "markdown", 2],
            ["sidebar", "text_input", 1],
        ],
        "blocks": [
            ["main", "column", 3],
            ["main", "expandable", 1],
            ["main", "flex_container", 4],
            ["main", "form", 2],
            ["main", "tab", 2],
            ["main", "tab_container", 1],
            ["sidebar", "expandable", 1],
        ],
        "pages": 5,
    }
    census_file.write_text(json.dumps({"s1": census}), encoding="utf-8")

    async def go():  # type: ignore[no-untyped-def]
        async with StreamlitTab(server.url, "census", "screen=s1") as tab:
            await tab.rerun()
            floor = await tab.rerun()
        async with StreamlitTab(server.url, "plain") as tab:
            plain = await tab.rerun()
        return floor, plain

    floor, plain = run(go())
    assert floor.status == "FINISHED_SUCCESSFULLY" and not floor.exceptions
    assert floor.headings()[0] == "Floor census s1"
    assert {**floor.census(), "pages": len(floor.app_pages)} == census
    assert plain.headings() == ["Floor: a title and a paragraph"]


def test_the_screens_are_the_menus_of_ui_navigation() -> None:
    from bench import screens
    from ui import navigation

    found = {s.id: s for s in screens.screens()}
    for user in screens.USERS:
        assert f"{user or 'public'}:home" in found  # each role's default page, at "/"
    for file, _, _ in navigation.ROLE_WORK_PAGES[navigation.Role.PROVINCE_OFFICER]:
        assert any(s.user == "province" and s.file == file for s in found.values())
    assert found["applicant-group:apply"].expected[0].startswith("สมัคร")  # step_header(1)
    assert found["public:registry-unit"].hidden
    assert not any(s.file.endswith("login.py") for s in found.values() if s.user)


def test_a_profile_is_summed_by_innermost_frame_and_by_package() -> None:
    from bench.pages import summarise_profile

    raw = (
        "run (threading.py:1);page (views/a.py:3);execute (sqlalchemy/engine/base.py:9) 6\n"
        "run (threading.py:1);page (views/a.py:3) 4\n"
    )
    summary = summarise_profile(raw)
    assert summary["samples"] == 10
    assert summary["self"][0] == ("execute (sqlalchemy/engine/base.py:9)", 6)
    assert dict(summary["areas"]) == {"sqlalchemy": 6, "portal": 4}
    assert summary["total"] == [("page (views/a.py:3)", 10)]  # the portal's frames only
