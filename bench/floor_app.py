"""The framework's floor: Streamlit pages with the same elements as a portal screen, and no data.

    FLOOR_CENSUS=/path/census.json streamlit run bench/floor_app.py
    (pages: /plain, a title and a paragraph; /census?screen=ID, the census of screen ID)

The census file maps a screen id to what that screen's run produced, as the websocket harness
counted it from the deltas: {"elements": [[root, type, count], …], "blocks": [[root, type,
count], …], "pages": menu size}. This page renders the same number of each element type and
block type in the same root (main or sidebar), with fixed text and one-row data: the cost of
the same Streamlit calls without the portal's database reads, services and formatting. For a
chart it uses st.vega_lite_chart with a small fixed spec, the cheapest call that produces the
element. The menu has as many pages as the portal's, so st.navigation costs the same too.

It imports nothing of the portal, so it runs in a server of its own.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from datetime import date, time
from functools import lru_cache
from pathlib import Path
from typing import Any

import streamlit as st

PLAIN_HEADING = "Floor: a title and a paragraph"
CENSUS_HEADING = "Floor census"
CHART_SPEC = {
    "data": {"values": [{"x": 1, "y": 1}, {"x": 2, "y": 2}]},
    "mark": "line",
    "encoding": {
        "x": {"field": "x", "type": "quantitative"},
        "y": {"field": "y", "type": "quantitative"},
    },
}
# A 1×1 transparent PNG.
PIXEL = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)
OPTIONS = ["ก", "ข"]


@lru_cache(maxsize=8)
def _load(path: str, mtime_ns: int) -> dict[str, Any]:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def censuses() -> dict[str, Any]:
    path = os.environ.get("FLOOR_CENSUS", "")
    if not path or not os.path.exists(path):
        return {}
    return _load(path, os.stat(path).st_mtime_ns)


def plain() -> None:
    st.title(PLAIN_HEADING)
    st.markdown("One paragraph of fixed text: the least a Streamlit page can be.")


_ROOT = ["main"]  # the root being rendered, so widget keys differ between main and sidebar
_PAGES: list[st.Page] = []  # the plain page, for st.page_link


def _key(kind: str, n: int) -> str:
    return f"floor_{_ROOT[0]}_{kind}_{n}"


# One call per element type, each producing exactly one element of that type.
RENDER: dict[str, Callable[[int], object]] = {
    "markdown": lambda n: st.markdown(f"Fixed paragraph {n}."),
    "heading": lambda n: st.subheader(f"Fixed heading {n}"),
    "alert": lambda n: st.info(f"Fixed notice {n}."),
    "text": lambda n: st.text(f"Fixed text {n}"),
    "code": lambda n: st.code("x = 1"),
    "json": lambda n: st.json({"n": n}),
    "metric": lambda n: st.metric("Fixed metric", n),
    "progress": lambda n: st.progress(50),
    "empty": lambda n: st.empty(),
    "space": lambda n: st.space(),
    "html": lambda n: st.html(f"<p>fixed {n}</p>"),
    "iframe": lambda n: st.iframe("<p>fixed</p>", height=1),
    "imgs": lambda n: st.image(PIXEL),
    "page_link": lambda n: st.page_link(_PAGES[0], label=f"Page link {n}"),
    "link_button": lambda n: st.link_button(f"Link {n}", "https://example.org"),
    "button": lambda n: st.button(f"Button {n}", key=_key("button", n)),
    "download_button": lambda n: st.download_button(
        f"Download {n}", data=b"x", file_name="x.txt", key=_key("download", n)
    ),
    "checkbox": lambda n: st.checkbox(f"Check {n}", key=_key("checkbox", n)),
    "radio": lambda n: st.radio(f"Radio {n}", OPTIONS, key=_key("radio", n)),
    "selectbox": lambda n: st.selectbox(f"Select {n}", OPTIONS, key=_key("select", n)),
    "multiselect": lambda n: st.multiselect(f"Multi {n}", OPTIONS, key=_key("multi", n)),
    "text_input": lambda n: st.text_input(f"Text {n}", key=_key("text_input", n)),
    "text_area": lambda n: st.text_area(f"Area {n}", key=_key("area", n)),
    "number_input": lambda n: st.number_input(f"Number {n}", key=_key("number", n)),
    "date_input": lambda n: st.date_input(f"Date {n}", value=date(2026, 1, 1), key=_key("date", n)),
    "time_input": lambda n: st.time_input(f"Time {n}", value=time(9, 0), key=_key("time", n)),
    "slider": lambda n: st.slider(f"Slider {n}", 0, 10, 5, key=_key("slider", n)),
    "file_uploader": lambda n: st.file_uploader(f"Upload {n}", key=_key("upload", n)),
    "color_picker": lambda n: st.color_picker(f"Color {n}", key=_key("color", n)),
    "button_group": lambda n: st.pills(f"Pills {n}", OPTIONS, key=_key("pills", n)),
    "dataframe": lambda n: st.dataframe({"a": [1]}),
    "table": lambda n: st.table({"a": [1]}),
    "vega_lite_chart": lambda n: st.vega_lite_chart(CHART_SPEC),
}


def _elements(counts: dict[str, int], skip_heading: bool) -> list[str]:
    unknown = []
    for kind, count in counts.items():
        render = RENDER.get(kind)
        for n in range(count):
            if kind == "heading" and skip_heading and n == 0:
                continue  # the census heading is this one
            if render is None:
                unknown.append(kind)
                st.markdown(f"({kind})")
            else:
                render(n)
    return unknown


def _forms(forms: int, submitters: int) -> None:
    for f in range(forms):
        with st.form(_key("form", f)):
            share = submitters // forms + (1 if f < submitters % forms else 0)
            for n in range(max(share, 1)):
                st.form_submit_button(f"Submit {f}.{n}")


def _blocks(counts: dict[str, int], submitters: int) -> None:
    """Empty blocks of each type: their count is what the census says, their content nothing."""
    flex = counts.pop("flex_container", 0)
    columns = counts.pop("column", 0)
    if columns:
        st.columns(columns)  # one flex row holding every column
        flex -= 1
    tabs, containers = counts.pop("tab", 0), counts.pop("tab_container", 0)
    for c in range(containers):
        share = tabs // containers + (1 if c < tabs % containers else 0)
        st.tabs([f"Tab {c}.{n}" for n in range(max(share, 1))])
    _forms(counts.pop("form", 0), submitters)
    for n in range(counts.pop("expandable", 0)):
        st.expander(f"Expander {n}")
    for n in range(counts.pop("popover", 0)):
        st.popover(f"Popover {n}")
    for _ in range(max(flex, 0) + sum(counts.values())):
        st.container()


def _render_root(spec: dict[str, Any], root: str) -> list[str]:
    _ROOT[0] = root
    elements = {t: n for r, t, n in spec.get("elements", []) if r == root}
    blocks = {t: n for r, t, n in spec.get("blocks", []) if r == root}
    submitters = elements.pop("form_submit_button", 0)
    if submitters and not blocks.get("form"):
        blocks["form"] = 1
    unknown = _elements(elements, skip_heading=root == "main")
    _blocks(blocks, submitters)
    return unknown


def same_widgets() -> None:
    screen = st.query_params.get("screen", "")
    spec = censuses().get(screen)
    st.title(f"{CENSUS_HEADING} {screen}")
    if spec is None:
        st.error("No census for this screen.")
        return
    with st.sidebar:
        _render_root(spec, "sidebar")
    _render_root(spec, "main")


def _pad_pages(count: int) -> list[st.Page]:
    def padding() -> None:
        st.title("Floor padding page")

    return [st.Page(padding, title=f"Padding {n}", url_path=f"padding-{n}") for n in range(count)]


def main() -> None:
    st.set_page_config(page_title="Floor", layout="wide")
    screen = st.query_params.get("screen", "")
    menu_size = int(censuses().get(screen, {}).get("pages", 2))
    _PAGES[:] = [st.Page(plain, title="Plain", url_path="plain", default=True)]
    pages = [
        *_PAGES,
        st.Page(same_widgets, title="Census", url_path="census"),
        *_pad_pages(max(menu_size - 2, 0)),
    ]
    st.navigation(pages, expanded=True).run()


main()
