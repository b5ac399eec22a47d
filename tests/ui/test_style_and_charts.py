"""The portal's CSS reaches every screen of every role, and the officer's and the province's
homes draw level-labelled bar charts and offer only years that had a round."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from core.roles import Role
from core.thai import fiscal_year, format_fiscal_year
from services.clock import Clock
from services.demo import DEMO_USERS
from tests.ui.conftest import log_in, new_app
from ui import navigation, style

ONE_USER_A_ROLE = {u.role: u.username for u in reversed(DEMO_USERS)}


def _styled(at: AppTest) -> bool:
    return any(h.proto.body == f"<style>{style.CSS}</style>" for h in at.html)


def _pages(role: Role) -> list[str]:
    pages = [navigation.HOME_BY_ROLE[role][0]]
    pages += [path for path, _, _ in navigation.ROLE_WORK_PAGES[role]]
    if role is Role.APPLICANT:
        pages += [path for path, _, _ in navigation.APPLICANT_STEPS]
    return pages


def test_the_public_pages_are_styled():
    at = new_app().run()
    assert _styled(at)
    at.switch_page(navigation.LOGIN).run()
    assert _styled(at)


@pytest.mark.parametrize("role", list(Role))
def test_every_page_of_every_role_is_styled(role):
    at = log_in(ONE_USER_A_ROLE[role])
    for page in _pages(role):
        at.switch_page(page).run()
        assert _styled(at), page


def _chart_specs(at: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("vega_lite_chart")]


def _year_options(at: AppTest) -> list[str]:
    return next(s.options for s in at.selectbox if s.label == "ปีงบประมาณ")


def _demo_years() -> list[str]:
    this_year = fiscal_year(Clock().today())  # the demo runs a round this year and last year
    return [format_fiscal_year(this_year), format_fiscal_year(this_year - 1)]


def test_the_province_charts_put_districts_and_types_on_the_y_axis():
    at = log_in("province")
    assert not at.exception, at.exception
    specs = _chart_specs(at)
    assert [s["encoding"]["y"]["field"] for s in specs] == ["อำเภอ", "ประเภท"]
    assert all(s["encoding"]["y"]["axis"]["labelAngle"] == 0 for s in specs)
    assert all(s["encoding"]["color"]["legend"]["legendY"] > 0 for s in specs)  # below the bars


def test_the_province_is_offered_only_years_with_a_round():
    at = log_in("province")
    assert _year_options(at) == _demo_years()
    assert at.selectbox[0].value == fiscal_year(Clock().today())


def test_the_officers_chart_puts_applicant_types_on_the_y_axis():
    at = log_in("officer-muang")
    assert not at.exception, at.exception
    (spec,) = _chart_specs(at)
    assert spec["encoding"]["y"]["field"] == "ประเภท"
    assert spec["encoding"]["y"]["axis"]["labelAngle"] == 0
    assert spec["encoding"]["x"]["type"] == "quantitative"


def test_the_officer_is_offered_only_years_with_a_round_and_can_pick_last_year():
    at = log_in("officer-muang")
    assert _year_options(at) == _demo_years()
    last_year = fiscal_year(Clock().today()) - 1
    next(s for s in at.selectbox if s.label == "ปีงบประมาณ").set_value(last_year).run()
    assert not at.exception, at.exception
    assert f"**ผู้สมัคร{format_fiscal_year(last_year)}**" in [m.value for m in at.markdown]
