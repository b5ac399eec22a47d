"""The registry on other screens: links to a unit's public page, and "certified before".

Links are plain relative Markdown links (views/registry_unit.py at the url path below), so a
page links to a unit without the unit page having to be in this session's menu; the unit's
name is escaped, never read as Markdown.
"""

from __future__ import annotations

import streamlit as st

from services.registry_public import PastEntry
from ui.safe import md

REGISTRY_URL = "registry"
UNIT_URL = "registry-unit"
UNIT_PAGE = "views/registry_unit.py"


def unit_href(entry_id: int) -> str:
    return f"{UNIT_URL}?id={int(entry_id)}"


def unit_link(label: str, entry_id: int) -> str:
    return f"[{md(label)}]({unit_href(entry_id)})"


def certified_before(past: list[PastEntry]) -> None:
    """On step 1, for the applicant and the officer: the unit was certified in earlier years."""
    if not past:
        return
    years = ", ".join(str(p.fiscal_year) for p in past)
    where = " · ".join(sorted({f"{p.type_label} อ.{p.district_name}" for p in past}))
    st.info(
        f"เคยผ่าน มชช. เมื่อปี {years} ({md(where)}) ตามทะเบียนผู้ผ่าน มชช. ของจังหวัด",
        icon="🏅",
    )
